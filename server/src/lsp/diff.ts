// `xenops/diff`: the semantic drift between two domU configs, or between two hosts'
// folders of them paired by domain name, as `xenops diff` reports it, in a Markdown
// code block. Open editors win over the files on disk, so unsaved edits count.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Connection, ErrorCodes, ResponseError, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { folderConfigs } from '../workspace/folderConfigs';
import { type ReadResult, readText } from '../core/files';
import { commonFolder } from '../core/paths';
import { URI } from '../core/uri';
import { diffConfigs, type DomainPair, formatPairs, pairDomains } from '../workspace/drift';
import type { XenVersion } from '../xl/schema/types';

export interface DiffParams {
  /** Two file: URIs (or untitled editors), both configs or both folders. */
  a: string;
  b: string;
}

export interface DiffResult {
  markdown: string;
  /** Differences plus domains found on one side only. */
  count: number;
  /** As `xenops diff --format json` gives them, with file paths. */
  pairs: DomainPair[];
}

export function registerDiffRequest(connection: Connection, documents: TextDocuments<TextDocument>, versionFor: (file: string) => XenVersion): void {
  connection.onRequest('xenops/diff', (p: DiffParams) => diffRequest(p, documents, versionFor));
}

export function diffRequest(p: DiffParams, documents: TextDocuments<TextDocument>, versionFor: (file: string) => XenVersion): DiffResult {
  const a = URI.toPath(p.a);
  const b = URI.toPath(p.b);
  const dirs = [isDir(a), isDir(b)];
  if (dirs[0] !== dirs[1]) throw new ResponseError(ErrorCodes.InvalidParams, 'Compare two domain configs or two folders, not a config with a folder.');
  const version = versionFor(a ?? '');
  if (dirs[0]) return folderResult(a!, b!, openTexts(documents), version);
  const text = (uri: string) => documents.get(uri)?.getText() ?? textOnDisk(URI.toPath(uri));
  const [la, lb] = labels(p.a, p.b);
  const pairs = [{ domain: URI.basename(p.a), a: a ?? p.a, b: b ?? p.b, items: diffConfigs(text(p.a), text(p.b), version) }];
  return result(pairs, la, lb, (f) => (f === pairs[0].a ? la : lb));
}

function folderResult(a: string, b: string, open: Map<string, string>, version: XenVersion): DiffResult {
  const read = (file: string): ReadResult => (open.has(file) ? { text: open.get(file)! } : readText(file));
  const pairs = pairDomains(folderConfigs(a, read), folderConfigs(b, read), version);
  const common = commonFolder([a, b]);
  const label = (file: string) => path.relative(common, file) || path.basename(file);
  const [la, lb] = [label(a), label(b)];
  if (!pairs.length) return { markdown: `No domain configs in ${la} or ${lb}.\n`, count: 0, pairs };
  return result(pairs, la, lb, label);
}

function result(pairs: DomainPair[], aName: string, bName: string, label: (file: string) => string): DiffResult {
  const count = pairs.reduce((n, p) => n + (p.a && p.b ? p.items.length : 1), 0);
  return { markdown: codeBlock(formatPairs(pairs, aName, bName, label)), count, pairs };
}

/** The text of every open editor that is a file, by path. */
function openTexts(documents: TextDocuments<TextDocument>): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of documents.all()) {
    const file = URI.toPath(doc.uri);
    if (file) out.set(file, doc.getText());
  }
  return out;
}

function textOnDisk(file: string | undefined): string {
  const r = file ? readText(file) : { problem: 'not a file' };
  if ('problem' in r) throw new ResponseError(ErrorCodes.InvalidParams, `${file ?? 'The document'}: ${r.problem}`);
  return r.text;
}

function isDir(file: string | undefined): boolean {
  try {
    return !!file && fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Two files named after their common folder, so `xen01/web01.cfg` and `xen02/web01.cfg` tell apart. */
function labels(a: string, b: string): [string, string] {
  const pa = URI.toPath(a);
  const pb = URI.toPath(b);
  if (!pa || !pb || path.dirname(pa) === path.dirname(pb)) return [URI.basename(a), URI.basename(b)];
  const common = commonFolder([pa, pb]);
  return [path.relative(common, pa), path.relative(common, pb)];
}

/** A fence longer than any run of backticks in the text, so config values cannot end it. */
function codeBlock(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}${fence}\n`;
}
