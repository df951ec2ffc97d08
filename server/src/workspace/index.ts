// The workspace index: every domU config (analysed once per change), the host
// inventories and the LVM reports they name. Cross-file findings are recomputed
// from the indexed facts, which takes milliseconds even for thousands of domains.
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import type { Finding } from '../core/findings';
import { lintLockConf, type LockAnalysis } from '../lockmgr/lint';
import { type HostConfigKind, lockDaemon } from '../lvm/detect';
import { lintLvm } from '../lvm/lint';
import type { LintSettings } from '../settings';
import { lintXl, type XlAnalysis } from '../xl/lint';
import { domainFacts, type DomainFacts } from './facts';
import { type Inventory, parseInventory } from './inventory';
import { type LvmReportResult, parseLvmReport } from './lvmReport';
import { CrossContext, type DomainEntry, type HostEntry } from './rules/context';
import { checkSharedDisks } from './rules/disks';
import { checkHosts } from './rules/host';
import { checkIdentities } from './rules/identity';
import { checkLvm } from './rules/lvm';
import { checkLvmHosts, type HostConfigs } from './rules/lvmHosts';
import { groupHostConfigs, type LvmConfigFile } from './hostConfigs';

interface Domain {
  analysis: XlAnalysis;
  facts: DomainFacts;
}

export class WorkspaceIndex {
  private readonly domains = new Map<string, Domain>();
  private readonly inventories = new Map<string, Inventory>();
  private readonly reports = new Map<string, LvmReportResult>();
  /** lvm.conf-format files and lock-manager configs, each with its own analysis. */
  private readonly lvmFiles = new Map<string, LvmConfigFile>();
  private readonly lockFiles = new Map<string, { file: string; text: string; daemon: 'sanlock' | 'dlm'; analysis: LockAnalysis }>();
  private readonly globs = new Map<string, Minimatch>();
  /**
   * Which host each domain file belongs to, and which globs matched anything: both
   * change only when inventories change or files come and go, not when a config is edited.
   */
  private layout?: {
    hostOf: Map<string, string | undefined>;
    unmatched: Set<string>;
    /** Globs that match a config an earlier host already took: one example file and that host. */
    overlaps: Map<string, { file: string; host: string }>;
  };

  constructor(private readonly settingsFor: (file: string) => LintSettings) {}

  /** (Re)analyses a domU config; returns its single-file analysis. */
  setDomain(file: string, text: string): XlAnalysis {
    if (!this.domains.has(file)) this.layout = undefined;
    const settings = this.settingsFor(file);
    const analysis = lintXl(text, { version: settings.xenVersion, filename: file });
    this.domains.set(file, { analysis, facts: domainFacts(analysis) });
    return analysis;
  }

  setInventory(file: string, text: string): Inventory {
    const inv = parseInventory(text, file);
    this.inventories.set(file, inv);
    this.layout = undefined;
    return inv;
  }

  /** (Re)analyses an lvm.conf-format file or a lock-manager config. */
  setHostConfig(file: string, text: string, kind: HostConfigKind): Finding[] {
    if (kind === 'lvm-conf') {
      const analysis = lintLvm(text, file);
      this.lvmFiles.set(file, { file, text, analysis });
      return analysis.findings;
    }
    const daemon = lockDaemon(file, text);
    const analysis = lintLockConf(text, daemon);
    this.lockFiles.set(file, { file, text, daemon, analysis });
    return analysis.findings;
  }

  /** A file's own findings, whatever kind of config it is. */
  ownFindings(file: string): Finding[] {
    return this.domains.get(file)?.analysis.findings ?? this.lvmFiles.get(file)?.analysis.findings ?? this.lockFiles.get(file)?.analysis.findings ?? [];
  }

  lvmAnalysis(file: string): LvmConfigFile | undefined {
    return this.lvmFiles.get(file);
  }

  lockAnalysis(file: string): { daemon: 'sanlock' | 'dlm'; analysis: LockAnalysis } | undefined {
    return this.lockFiles.get(file);
  }

  setReport(file: string, text: string): void {
    this.reports.set(file, parseLvmReport(text));
  }

  remove(file: string): void {
    if (this.domains.has(file) || this.inventories.has(file)) this.layout = undefined;
    this.domains.delete(file);
    this.inventories.delete(file);
    this.lvmFiles.delete(file);
    this.lockFiles.delete(file);
    this.reports.delete(file);
  }

  analysis(file: string): XlAnalysis | undefined {
    return this.domains.get(file)?.analysis;
  }

  inventory(file: string): Inventory | undefined {
    return this.inventories.get(file);
  }

  domainFiles(): string[] {
    return [...this.domains.keys()];
  }

  /** LVM report files the inventories name, resolved, so a watcher can read them. */
  reportFiles(): string[] {
    return [...this.inventories.values()].flatMap((inv) => inv.hosts.flatMap((h) => (h.lvmReport ? [path.resolve(inv.dir, h.lvmReport.value)] : [])));
  }

  /** The folders the inventories name as their hosts' /etc (`etc:`), resolved. */
  etcFolders(): string[] {
    return [...this.inventories.values()].flatMap((inv) => inv.hosts.flatMap((h) => (h.etc ? [path.resolve(inv.dir, h.etc.value)] : [])));
  }

  /** Findings that depend on more than one file, by file (domU configs and inventories). */
  crossFindings(): Map<string, Finding[]> {
    const entries: DomainEntry[] = [...this.domains].map(([file, d]) => ({ file, analysis: d.analysis, facts: d.facts }));
    const hosts = this.hostEntries();
    this.assign(entries, hosts);
    const ctx = new CrossContext(entries, hosts);
    this.checkInventories(ctx, hosts);
    checkSharedDisks(ctx);
    checkIdentities(ctx);
    checkHosts(ctx);
    const configs = this.hostConfigs(hosts);
    for (const c of configs) if (c.host) c.host.configs = c.set;
    checkLvm(ctx);
    for (const host of hosts) {
      if (host.spec.etc && !configs.some((c) => c.host === host)) {
        ctx.report(host.inventory.file, 'inventory/schema', host.spec.etc.span, `\`${host.spec.etc.value}\` holds no lvm/lvm.conf, lvm/lvmlocal.conf, sanlock/sanlock.conf or dlm/dlm.conf, or does not exist (the path is relative to this file): ${host.spec.name}'s LVM and lock-manager checks are skipped`, { severity: 'warning' });
      }
    }
    checkLvmHosts(ctx, configs, hosts.length);
    return ctx.findings;
  }

  /** Each host's LVM and lock-manager configs, tied to the inventory host whose `etc` holds them. */
  private hostConfigs(hosts: HostEntry[]): HostConfigs[] {
    const sets = groupHostConfigs([...this.lvmFiles.values()], [...this.lockFiles.values()]);
    return sets.map((set) => ({
      set,
      host: hosts.find((h) => h.spec.etc && path.resolve(h.inventory.dir, h.spec.etc.value) === set.root),
    }));
  }

  private glob(pattern: string): Minimatch {
    let m = this.globs.get(pattern);
    if (!m) this.globs.set(pattern, (m = new Minimatch(pattern, { dot: true })));
    return m;
  }

  private hostEntries(): HostEntry[] {
    const hosts: HostEntry[] = [];
    for (const inv of this.inventories.values()) {
      for (const spec of inv.hosts) {
        const r = spec.lvmReport ? this.reports.get(path.resolve(inv.dir, spec.lvmReport.value)) : undefined;
        hosts.push({ inventory: inv, spec, domains: [], report: r && 'report' in r ? r.report : undefined });
      }
    }
    return hosts;
  }

  private matches(host: HostEntry, glob: string, file: string): boolean {
    const rel = path.relative(host.inventory.dir, file).split(path.sep).join('/');
    return !rel.startsWith('..') && this.glob(glob).match(rel);
  }

  /** Each domain goes to the first host whose `domains` globs match its path (relative to the inventory). */
  private assign(entries: DomainEntry[], hosts: HostEntry[]): void {
    const id = (h: HostEntry) => `${h.inventory.file}#${h.spec.name}`;
    if (!this.layout) {
      const hostOf = new Map<string, string | undefined>();
      const matched = new Set<string>();
      const overlaps = new Map<string, { file: string; host: string }>();
      for (const entry of entries) {
        let found: HostEntry | undefined;
        for (const host of hosts) {
          for (const g of host.spec.domains) {
            if (!this.matches(host, g.value, entry.file)) continue;
            const key = `${id(host)}#${g.value}`;
            matched.add(key);
            if (found && found !== host && !overlaps.has(key)) overlaps.set(key, { file: entry.file, host: found.spec.name });
            found ??= host;
          }
        }
        hostOf.set(entry.file, found && id(found));
      }
      const unmatched = new Set(hosts.flatMap((h) => h.spec.domains.map((g) => `${id(h)}#${g.value}`)).filter((k) => !matched.has(k)));
      this.layout = { hostOf, unmatched, overlaps };
    }
    const byId = new Map(hosts.map((h) => [id(h), h]));
    for (const entry of entries) {
      const host = byId.get(this.layout.hostOf.get(entry.file) ?? '');
      if (!host) continue;
      entry.host = host;
      host.domains.push(entry);
    }
  }

  /** The inventories' own findings, globs that match nothing, and LVM reports that cannot be read. */
  private checkInventories(ctx: CrossContext, hosts: HostEntry[]): void {
    for (const inv of this.inventories.values()) {
      for (const f of inv.findings) ctx.report(inv.file, f.code, f, f.message, { severity: f.severity, fixes: f.fixes });
    }
    for (const host of hosts) {
      for (const g of host.spec.domains) {
        const key = `${host.inventory.file}#${host.spec.name}#${g.value}`;
        if (this.layout?.unmatched.has(key)) {
          ctx.report(host.inventory.file, 'inventory/schema', g.span, `\`${g.value}\` matches no domU config`, { severity: 'warning' });
        }
        const overlap = this.layout?.overlaps.get(key);
        if (overlap) {
          ctx.report(host.inventory.file, 'inventory/schema', g.span,
            `\`${g.value}\` also matches ${path.relative(host.inventory.dir, overlap.file)}, which ${overlap.host} lists first: each config counts for one host only, so it is checked as ${overlap.host}'s`,
            { severity: 'warning' });
        }
      }
      const at = host.spec.lvmReport;
      if (!at) continue;
      const r = this.reports.get(path.resolve(host.inventory.dir, at.value));
      if (!r) ctx.report(host.inventory.file, 'inventory/lvm-report', at.span, `Cannot read the LVM report ${at.value}: no such file`);
      else if ('error' in r) ctx.report(host.inventory.file, 'inventory/lvm-report', at.span, `The LVM report ${at.value} cannot be used: ${r.error}`);
    }
  }
}
