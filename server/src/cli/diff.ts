// `xenops diff [--format text|json] [--xen-version V] A B`: the semantic drift between
// two domU configs, or between two hosts' folders of them (paired by domain name).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readText } from '../core/files';
import { diffConfigs, type DomainPair, formatPairs, pairDomains, pairsDiffer } from '../workspace/drift';
import { folderConfigs } from '../workspace/folderConfigs';
import { XEN_VERSIONS, type XenVersion } from '../xl/schema/types';
import { parseArgs, single, UsageError } from './args';

export const DIFF_USAGE = `usage: xenops diff [--format text|json] [--xen-version V] A B
Compares two domU configs, or two folders of them paired by domain name, ignoring formatting,
order and defaults; differences most likely to explain "works on one host, fails on the other" first.
Exit status: 0 no differences, 1 differences, 2 trouble.`;

/** Files that can hold a domU config; the content decides for `.cfg`. */

export function runDiff(argv: string[]): { output: string; exitCode: number } {
  const args = parseArgs(argv, { format: true, 'xen-version': true });
  const format = single(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}' (text or json)`);
  const version = single(args, 'xen-version') as XenVersion | undefined;
  if (version && !XEN_VERSIONS.includes(version)) throw new UsageError(`unknown Xen version '${version}'`);
  if (args.positional.length !== 2) throw new UsageError('diff needs two paths');
  const [a, b] = args.positional;
  const pairs = diffPaths(a, b, version);
  const exitCode = pairsDiffer(pairs) ? 1 : 0;
  if (format === 'json') return { output: JSON.stringify({ pairs }, null, 2) + '\n', exitCode };
  return { output: formatPairs(pairs, a, b), exitCode };
}

/** Two files, or two folders; a file against a folder is a mistake worth saying. */
function diffPaths(a: string, b: string, version?: XenVersion): DomainPair[] {
  for (const p of [a, b]) if (!fs.existsSync(p)) throw new UsageError(`${p}: no such file or directory`);
  const dirs = [isDir(a), isDir(b)];
  if (dirs[0] !== dirs[1]) throw new UsageError(`${dirs[0] ? a : b} is a folder and ${dirs[0] ? b : a} is not: give two configs or two folders`);
  if (!dirs[0]) return [{ domain: path.basename(a), a, b, items: diffConfigs(read(a), read(b), version) }];
  const pairs = pairDomains(folderConfigs(a), folderConfigs(b), version);
  if (!pairs.length) throw new UsageError(`no domain configs in ${a} or ${b}`);
  return pairs;
}

function isDir(p: string): boolean {
  return fs.statSync(p).isDirectory();
}

function read(file: string): string {
  const r = readText(file);
  if ('problem' in r) throw new UsageError(`${file}: ${r.problem}`);
  return r.text;
}
