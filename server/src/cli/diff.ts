// `xenops diff [--format text|json] [--xen-version V] A B`: the semantic drift between
// two domU configs, or between two hosts' folders of them (paired by domain name).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileKind } from '../lintService';
import { diffConfigs, type DriftItem, formatDrift } from '../workspace/drift';
import { lintXl } from '../xl/lint';
import { XEN_VERSIONS, type XenVersion } from '../xl/schema/types';
import { parseArgs, single, UsageError } from './args';
import { readText, walk } from './files';

export const DIFF_USAGE = `usage: xenops diff [--format text|json] [--xen-version V] A B
Compares two domU configs, or two folders of them paired by domain name, ignoring formatting,
order and defaults; differences most likely to explain "works on one host, fails on the other" first.
Exit status: 0 no differences, 1 differences, 2 trouble.`;

interface Pair {
  domain: string;
  a?: string;
  b?: string;
  items: DriftItem[];
}

export function runDiff(argv: string[]): { output: string; exitCode: number } {
  const args = parseArgs(argv, { format: true, 'xen-version': true });
  const format = single(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}' (text or json)`);
  const version = single(args, 'xen-version') as XenVersion | undefined;
  if (version && !XEN_VERSIONS.includes(version)) throw new UsageError(`unknown Xen version '${version}'`);
  if (args.positional.length !== 2) throw new UsageError('diff needs two paths');
  const [a, b] = args.positional;
  const pairs = isDir(a) && isDir(b) ? diffFolders(a, b, version) : [{ domain: path.basename(a), a, b, items: diffConfigs(read(a), read(b), version) }];
  const different = pairs.some((p) => p.items.length || !p.a || !p.b);
  if (format === 'json') return { output: JSON.stringify({ pairs }, null, 2) + '\n', exitCode: different ? 1 : 0 };
  const text = pairs.map((p) => (!p.a ? `${p.domain}: only in ${b} (${p.b})\n` : !p.b ? `${p.domain}: only in ${a} (${p.a})\n` : formatDrift(p.items, p.a, p.b))).join('\n');
  return { output: text, exitCode: different ? 1 : 0 };
}

function isDir(p: string): boolean {
  return fs.existsSync(p) && fs.statSync(p).isDirectory();
}

function read(file: string): string {
  const r = readText(file);
  if ('problem' in r) throw new UsageError(`${file}: ${r.problem}`);
  return r.text;
}

/** Domain configs in a folder, by domain name. */
function domains(dir: string): Map<string, { file: string; text: string }> {
  const out = new Map<string, { file: string; text: string }>();
  for (const file of walk(dir)) {
    if (!/\.(cfg|xl|xlcfg)$/.test(file)) continue;
    const r = readText(file);
    if ('problem' in r || fileKind(file, r.text) !== 'xen-cfg') continue;
    const name = lintXl(r.text).ctx.cfg.string('name') ?? path.basename(file).replace(/\.[^.]+$/, '');
    out.set(name, { file, text: r.text });
  }
  return out;
}

function diffFolders(a: string, b: string, version?: XenVersion): Pair[] {
  const left = domains(a);
  const right = domains(b);
  const names = [...new Set([...left.keys(), ...right.keys()])].sort();
  return names.map((domain) => {
    const x = left.get(domain);
    const y = right.get(domain);
    return { domain, a: x?.file, b: y?.file, items: x && y ? diffConfigs(x.text, y.text, version) : [] };
  });
}
