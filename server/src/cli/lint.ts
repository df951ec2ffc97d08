// `xenops lint [--format text|json|sarif] [--xen-version V] [--rule ID=SEVERITY] PATH...`
import * as fs from 'node:fs';
import { fileKind, lintText } from '../lintService';
import { normaliseSettings } from '../settings';
import { XL_RULES } from '../xl/rules/registry';
import { XEN_VERSIONS } from '../xl/schema/types';
import { parseArgs, single, UsageError } from './args';
import { readText, walk } from './files';
import { type FileReport, formatJson, formatSarif, formatText } from './formats';

export const LINT_USAGE = `usage: xenops lint [--format text|json|sarif] [--xen-version ${XEN_VERSIONS[0]}..${XEN_VERSIONS[XEN_VERSIONS.length - 1]}] [--rule ID=off|info|warning|error]... PATH...
Checks Xen domain configs (files, or folders searched for *.cfg, *.xl, *.xlcfg domain configs).
Exit status: 0 no errors, 1 errors found, 2 a path could not be read or the command line is wrong.`;

export interface LintRun {
  output: string;
  problems: string[];
  exitCode: number;
}

export function runLint(argv: string[], version: string): LintRun {
  const args = parseArgs(argv, { format: true, 'xen-version': true, rule: true });
  const format = single(args, 'format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format '${format}' (text, json or sarif)`);
  const xenVersion = single(args, 'xen-version');
  if (xenVersion !== undefined && !(XEN_VERSIONS as readonly string[]).includes(xenVersion)) {
    throw new UsageError(`unknown Xen version '${xenVersion}' (one of ${XEN_VERSIONS.join(', ')})`);
  }
  const rules: Record<string, string> = {};
  for (const r of args.flags.get('rule') ?? []) {
    const m = /^([^=]+)=(off|info|warning|error)$/.exec(r);
    if (!m) throw new UsageError(`--rule wants ID=off|info|warning|error, got '${r}'`);
    rules[m[1]] = m[2];
  }
  if (!args.positional.length) throw new UsageError('no paths to check');
  const settings = normaliseSettings({ xenVersion: xenVersion ?? undefined, rules });

  const problems: string[] = [];
  const reports: FileReport[] = [];
  for (const p of args.positional) {
    const explicit = !isDirectory(p);
    const files = explicit ? [p] : walk(p);
    if (!explicit && !files.length) problems.push(`${p}: no files found`);
    for (const file of files) {
      const read = readText(file);
      if ('problem' in read) {
        if (explicit || /\.(cfg|xl|xlcfg)$/.test(file)) problems.push(`${file}: ${read.problem}`);
        continue;
      }
      const kind = fileKind(file, read.text) ?? (explicit ? 'xen-cfg' : undefined);
      if (!kind) continue;
      reports.push({ path: file, text: read.text, findings: lintText(kind, read.text, file, settings) });
    }
  }
  const output = format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports, XL_RULES, version) : formatText(reports);
  const errors = reports.some((r) => r.findings.some((f) => f.severity === 'error'));
  return { output, problems, exitCode: problems.length ? 2 : errors ? 1 : 0 };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
