// `xenops lint [--format text|json|sarif] [--xen-version V] [--rule ID=SEVERITY] PATH...`
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applySeverities } from '../core/findings';
import { suggest } from '../core/text';
import { type FileKind, fileKind } from '../lintService';
import { hostConfigKind } from '../lvm/detect';
import { LVM_RULES } from '../lvm/rules/registry';
import { hostConfigPlaces, hostRoot } from '../workspace/hostConfigs';
import { WorkspaceIndex } from '../workspace';
import { INVENTORY_FILE } from '../workspace/inventory';
import { WORKSPACE_RULES } from '../workspace/rules/registry';
import { normaliseSettings } from '../settings';
import { XL_RULES } from '../xl/rules/registry';
import { XEN_VERSIONS } from '../xl/schema/types';
import { DOMAIN_CONFIG_FILE } from '../xl/detect';
import { parseArgs, single, UsageError } from './args';
import { findUp, readText, walk } from '../core/files';
import { type FileReport, formatJson, formatSarif, formatText } from './formats';

export const LINT_USAGE = `usage: xenops lint [--format text|json|sarif] [--xen-version ${XEN_VERSIONS[0]}..${XEN_VERSIONS[XEN_VERSIONS.length - 1]}] [--rule ID=off|info|warning|error]... PATH...
Checks Xen domain configs and a host's LVM and lock-manager configs (files, or folders searched for
*.cfg, *.xl, *.xlcfg domain configs, lvm.conf, lvmlocal.conf, lvm_*.conf, sanlock.conf and dlm.conf).
Exit status: 0 no errors, 1 errors found, 2 a path could not be read or the command line is wrong.`;

export interface LintRun {
  output: string;
  problems: string[];
  exitCode: number;
}

/** Every rule id the checkers report, for --rule and SARIF. */
const RULES = [...XL_RULES, ...WORKSPACE_RULES, ...LVM_RULES];
const RULE_IDS = RULES.map((r) => r.id);

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
    checkRuleId(m[1]);
    rules[m[1]] = m[2];
  }
  if (!args.positional.length) throw new UsageError('no paths to check');
  const settings = normaliseSettings({ xenVersion: xenVersion ?? undefined, rules });

  const problems: string[] = [];
  const index = new WorkspaceIndex(() => settings);
  /** Files to report, by absolute path, with the name the user knows them by. */
  const reported = new Map<string, { shown: string; text: string; kind: FileKind | 'inventory' }>();
  for (const p of args.positional) {
    const explicit = !isDirectory(p);
    const files = explicit ? [p] : walk(p);
    if (!explicit && !files.length) problems.push(`${p}: no files found`);
    for (const file of files) {
      const isInventory = path.basename(file) === INVENTORY_FILE;
      if (!explicit && !isInventory && !DOMAIN_CONFIG_FILE.test(file) && !hostConfigKind(file)) continue;
      const read = readText(file);
      if ('problem' in read) {
        problems.push(`${file}: ${read.problem}`);
        continue;
      }
      const kind = isInventory ? 'inventory' : fileKind(file, read.text) ?? (explicit ? 'xen-cfg' : undefined);
      if (kind) reported.set(path.resolve(file), { shown: file, text: read.text, kind });
    }
  }
  loadWorkspace(index, reported, args.positional);

  const cross = index.crossFindings();
  const reports: FileReport[] = [];
  for (const [abs, f] of reported) {
    const own = f.kind === 'inventory' ? [] : index.ownFindings(abs);
    const findings = applySeverities([...own, ...(cross.get(abs) ?? [])].sort((a, b) => a.start - b.start), settings.rules);
    if (f.kind !== 'inventory' || findings.length) reports.push({ path: f.shown, text: f.text, findings });
  }
  const lookup = (abs: string) => {
    const f = reported.get(abs);
    return f && { path: f.shown, text: f.text };
  };
  const output = format === 'json' ? formatJson(reports, lookup) : format === 'sarif' ? formatSarif(reports, RULES, version, lookup) : formatText(reports);
  const errors = reports.some((r) => r.findings.some((f) => f.severity === 'error'));
  return { output, problems, exitCode: problems.length ? 2 : errors ? 1 : 0 };
}

/** A misspelt id would otherwise silently change nothing: refuse it, with the ids it is closest to. */
function checkRuleId(id: string): void {
  if (RULE_IDS.includes(id)) return;
  // `XL/Syntax` is a matter of case; `unknown-key` without its prefix names the rule in every format that has it
  const bare = RULE_IDS.filter((r) => r.toLowerCase() === id.toLowerCase() || r.slice(r.indexOf('/') + 1) === id);
  const near = [...new Set([...bare, ...suggest(id, RULE_IDS)])];
  const hint = near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : '';
  throw new UsageError(`unknown rule '${id}'${hint}`);
}

/**
 * Loads what the cross-file checks need besides the files being reported: the
 * inventory (found among them or in a parent folder), every domU config it
 * assigns to a host, the LVM and lock-manager configs of its hosts and of the
 * hosts being checked, and the LVM reports it names.
 */
function loadWorkspace(index: WorkspaceIndex, reported: Map<string, { text: string; kind: FileKind | 'inventory' }>, paths: string[]): void {
  const inventories = new Set<string>();
  for (const [abs, f] of reported) if (f.kind === 'inventory') inventories.add(abs);
  for (const p of paths) {
    const found = findUp(path.resolve(isDirectory(p) ? p : path.dirname(p)), INVENTORY_FILE);
    if (found) inventories.add(found);
  }
  for (const file of inventories) {
    const read = reported.get(file) ?? readText(file);
    if ('text' in read) index.setInventory(file, read.text);
  }
  for (const [abs, f] of reported) {
    if (f.kind === 'xen-cfg') index.setDomain(abs, f.text);
    else if (f.kind !== 'inventory') index.setHostConfig(abs, f.text, f.kind);
  }
  const roots = new Set([...reported].filter(([, f]) => f.kind === 'lvm-conf' || f.kind === 'lockmgr-conf').map(([abs]) => hostRoot(abs)));
  for (const root of index.etcFolders()) roots.add(root);
  for (const root of roots) {
    for (const abs of hostConfigPlaces(root)) {
      const kind = hostConfigKind(abs);
      if (!kind || reported.has(abs) || !fs.existsSync(abs)) continue;
      const read = readText(abs);
      if ('text' in read) index.setHostConfig(abs, read.text, kind);
    }
  }
  for (const file of inventories) {
    const inv = index.inventory(file);
    if (!inv || !inv.hosts.length) continue;
    for (const candidate of walk(inv.dir)) {
      const abs = path.resolve(candidate);
      if (reported.has(abs) || !DOMAIN_CONFIG_FILE.test(abs)) continue;
      const read = readText(abs);
      if ('text' in read && fileKind(abs, read.text)) index.setDomain(abs, read.text);
    }
  }
  for (const file of index.reportFiles()) {
    const read = readText(file);
    if ('text' in read) index.setReport(file, read.text);
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
