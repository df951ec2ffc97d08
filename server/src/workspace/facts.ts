// What the workspace checks need to know about one domU config, with the place
// in the file each fact comes from.
import type { XlAtom } from '../xl/ast';
import { valueToDocument } from '../xl/ast';
import type { XlAnalysis } from '../xl/lint';
import { cpusOf, vifOf } from '../xl/specs/cached';
import type { Disk } from '../xl/specs/disk';
import type { SpecPart } from '../xl/specs/types';
import { type Backing, backingOf } from './backing';
import type { Located, Span } from './inventory';

export interface DiskFact {
  atom: XlAtom;
  disk: Disk;
  parts: SpecPart[];
  backing?: Backing;
  writable: boolean;
  /** Where the target path itself is written (document offsets), for fixes that replace it. */
  targetSpan?: Span;
  /** The whole disk string in the document. */
  span: Span;
}

export interface DomainFacts {
  name?: Located<string>;
  uuid?: Located<string>;
  macs: Array<Located<string>>;
  /** MiB the host must be able to give: maxmem when set, else memory (libxl's default is 32). */
  memory: Located<number> | { value: number; span?: undefined };
  vcpus?: Located<number>;
  /** CPU lists from `cpus` / `cpus_soft`, one per string. */
  pinning: Array<{ key: 'cpus' | 'cpus_soft'; all: boolean; include: number[]; exclude: number[]; nodes: number[]; span: Span }>;
  /** Physical nodes named by `vnuma` (`pnode=N`). */
  vnumaNodes: Array<Located<number>>;
  disks: DiskFact[];
}

const DEFAULT_MEMORY_MIB = 32;

export function domainFacts(a: XlAnalysis): DomainFacts {
  const { cfg } = a.ctx;
  const located = (key: string): Located<string> | undefined => {
    const s = cfg.get(key);
    return s && typeof s.value === 'string' ? { value: s.value, span: span(s.assignment.value) } : undefined;
  };
  const number = (key: string): Located<number> | undefined => {
    const r = cfg.long(key);
    const s = cfg.get(key);
    return r.ok && s ? { value: Number(r.value), span: span(s.assignment.value) } : undefined;
  };
  return {
    name: located('name'),
    uuid: located('uuid'),
    macs: macs(a),
    memory: number('maxmem') ?? number('memory') ?? { value: DEFAULT_MEMORY_MIB },
    vcpus: number('maxvcpus') ?? number('vcpus'),
    pinning: pinning(a),
    vnumaNodes: vnumaNodes(a),
    disks: a.disks.flatMap(({ atom, result }) => (result.value ? [diskFact(atom, result.value, result.parts)] : [])),
  };
}

function span(v: { start: number; end: number }): Span {
  return { start: v.start, end: v.end };
}

function diskFact(atom: XlAtom, disk: Disk, parts: SpecPart[]): DiskFact {
  const target = [...parts].reverse().find((p) => p.key === 'target');
  let targetSpan: Span | undefined;
  if (target) {
    const start = target.positional ? target.start : target.start + 'target='.length;
    targetSpan = { start: valueToDocument(atom, start), end: valueToDocument(atom, target.end) };
  }
  return {
    atom,
    disk,
    parts,
    backing: disk.target && !disk.cdrom ? backingOf(disk.target, disk.script) : undefined,
    writable: disk.readwrite && !disk.cdrom,
    targetSpan,
    span: span(atom),
  };
}

function strings(a: XlAnalysis, key: string): XlAtom[] {
  const v = a.ctx.cfg.get(key)?.assignment.value;
  if (!v) return [];
  if (v.kind !== 'list') return [v];
  return v.items.filter((i): i is XlAtom => i.kind !== 'list');
}

function macs(a: XlAnalysis): Array<Located<string>> {
  const out: Array<Located<string>> = [];
  for (const atom of strings(a, 'vif')) {
    const r = vifOf(atom.value, a.ctx.guest.type, a.ctx.version);
    const mac = r.value?.mac;
    const part = r.parts.find((p) => p.key === 'mac');
    if (!mac || !part || /^00:00:00:00:00:00$/.test(mac)) continue;
    out.push({ value: mac.toLowerCase(), span: { start: valueToDocument(atom, part.start), end: valueToDocument(atom, part.end) } });
  }
  return out;
}

function pinning(a: XlAnalysis): DomainFacts['pinning'] {
  const out: DomainFacts['pinning'] = [];
  for (const key of ['cpus', 'cpus_soft'] as const) {
    for (const atom of strings(a, key)) {
      const r = cpusOf(atom.value, undefined);
      if (r.value) out.push({ key, ...r.value, span: span(atom) });
    }
  }
  return out;
}

function vnumaNodes(a: XlAnalysis): Array<Located<number>> {
  const v = a.ctx.cfg.get('vnuma')?.assignment.value;
  if (!v || v.kind !== 'list') return [];
  const out: Array<Located<number>> = [];
  for (const node of v.items) {
    if (node.kind !== 'list') continue;
    for (const item of node.items) {
      const m = item.kind !== 'list' ? /^\s*pnode\s*=\s*(\d+)\s*$/.exec(item.value) : null;
      if (m && item.kind !== 'list') out.push({ value: Number(m[1]), span: span(item) });
    }
  }
  return out;
}
