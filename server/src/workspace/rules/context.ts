// What the workspace rules see: every domain config, the hosts they run on, and
// a way to report findings against any file.
import type { Finding, Fix, Related, Severity } from '../../core/findings';
import type { XlAnalysis } from '../../xl/lint';
import type { DomainFacts } from '../facts';
import type { HostSpec, Inventory, Span } from '../inventory';
import type { HostConfigSet } from '../hostConfigs';
import type { LvmReport } from '../lvmReport';
import { LVM_RULES } from '../../lvm/rules/registry';
import { WORKSPACE_RULES } from './registry';
import * as path from 'node:path';

export interface DomainEntry {
  file: string;
  analysis: XlAnalysis;
  facts: DomainFacts;
  host?: HostEntry;
}

export interface HostEntry {
  inventory: Inventory;
  spec: HostSpec;
  domains: DomainEntry[];
  report?: LvmReport;
  /** lvm.conf, lvmlocal.conf and lock-manager configs from the host's `etc`. */
  configs?: HostConfigSet;
}

const SEVERITY = new Map([...WORKSPACE_RULES, ...LVM_RULES].map((r) => [r.id, r.severity]));

export class CrossContext {
  readonly findings = new Map<string, Finding[]>();

  constructor(readonly domains: DomainEntry[], readonly hosts: HostEntry[]) {}

  report(file: string, code: string, at: Span, message: string, extra: { severity?: Severity; related?: Related[]; fixes?: Fix[] } = {}): void {
    const list = this.findings.get(file) ?? [];
    list.push({ code, severity: extra.severity ?? SEVERITY.get(code) ?? 'warning', message, start: at.start, end: at.end, related: extra.related, fixes: extra.fixes });
    this.findings.set(file, list);
  }
}

/** The name a domain goes by in messages: its `name`, else its file name. */
export function domainName(d: DomainEntry): string {
  return d.facts.name?.value ?? path.basename(d.file).replace(/\.[^.]+$/, '');
}

/** A domain's file as operators think of it: relative to its inventory, else the file name. */
export function shortPath(d: DomainEntry): string {
  return d.host ? path.relative(d.host.inventory.dir, d.file) : path.basename(d.file);
}

/** "1 guest", "3 guests". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "a", "a and b", "a, b and c". */
export function listing(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function gib(mib: number): string {
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${Math.round(mib)} MiB`;
}
