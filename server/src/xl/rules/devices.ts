// Device lists: every string in disk, vif, pci and cpus goes through the parser
// for its spec, and problems are underlined inside the string.
import type { XlAtom, XlValue } from '../ast';
import { valueToDocument } from '../ast';
import { cpusOf, diskOf, pciOf, vifOf } from '../specs/cached';
import { type Disk, vdevNumber } from '../specs/disk';
import { readOnlyRefusal } from '../specs/emulated';
import type { SpecIssue, SpecPart, SpecResult } from '../specs/types';
import type { RuleContext } from './context';


const MAX_RELATED = 5;

export interface ParsedDisk {
  atom: XlAtom;
  result: SpecResult<Disk>;
}


export function checkDevices(ctx: RuleContext): ParsedDisk[] {
  const disks = eachString(ctx, 'disk').map((atom) => ({ atom, result: diskOf(atom.value, ctx.version) }));
  for (const d of disks) {
    report(ctx, 'xl/disk-spec', d.atom, d.result.issues, 'config parsing error in disk specification: ');
    if (d.result.value) diskSanity(ctx, d.atom, d.result.value, d.result.parts);
  }
  duplicateVdevs(ctx, disks);
  for (const atom of eachString(ctx, 'vif')) report(ctx, 'xl/vif-spec', atom, vifOf(atom.value, ctx.guest.type, ctx.version).issues);
  for (const atom of eachString(ctx, 'pci')) report(ctx, 'xl/pci-spec', atom, pciOf(atom.value, undefined).issues);
  for (const key of ['cpus', 'cpus_soft']) {
    const v = ctx.cfg.get(key)?.assignment.value;
    if (!v) continue;
    const atoms = v.kind === 'list' ? v.items.filter((i): i is XlAtom => i.kind !== 'list') : [v];
    for (const atom of atoms) report(ctx, 'xl/cpus-spec', atom, cpusOf(atom.value, undefined).issues);
  }
  return disks;
}

/** The string items of a device list; xl stops at the first item that is itself a list. */
function eachString(ctx: RuleContext, key: string): XlAtom[] {
  const v = ctx.cfg.get(key)?.assignment.value;
  if (!v || v.kind !== 'list') return [];
  const out: XlAtom[] = [];
  for (const item of itemsOf(ctx, key, v)) {
    if (item.kind === 'list') {
      ctx.report('xl/type', item, `xl stops reading \`${key}\` at a nested list: this entry and every one after it are ignored`);
      break;
    }
    out.push(item);
  }
  return out;
}

/** Items after `+=` are appended to the earlier list, so all assignments contribute. */
function itemsOf(ctx: RuleContext, key: string, last: XlValue): XlValue[] {
  const s = ctx.cfg.get(key);
  if (!s || s.assignment.op !== '+=') return last.kind === 'list' ? last.items : [];
  const chain = s.all;
  let start = chain.length - 1;
  while (start > 0 && chain[start].op === '+=') start--;
  return chain.slice(start).flatMap((a) => (a.value.kind === 'list' ? a.value.items : []));
}

function report(ctx: RuleContext, code: string, atom: XlAtom, issues: SpecIssue[], prefix = ''): void {
  for (const issue of issues) {
    const start = valueToDocument(atom, issue.start);
    const end = Math.max(valueToDocument(atom, issue.end), start + 1);
    const hint = code === 'xl/disk-spec' && /near `w!'/.test(issue.message)
      ? ". xm's `w!` (force sharing) does not exist in xl: sharing a disk writable between guests corrupts it"
      : '';
    ctx.report(code, { start: Math.min(start, atom.end), end: Math.min(end, atom.end) },
      `${issue.xl ? prefix : ''}${issue.message}${hint}`, { severity: issue.severity });
  }
}

function diskSanity(ctx: RuleContext, atom: XlAtom, d: Disk, parts: SpecPart[]): void {
  const vdevAt = partSpan(atom, parts, 'vdev');
  if (vdevNumber(d.vdev) === undefined) {
    ctx.report('xl/disk-spec', vdevAt, `Invalid or unsupported virtual disk identifier ${d.vdev}: use xvdX (any guest), hdX (hda–hdd) or sdX (sda–sdp), with partitions without leading zeros`);
  }
  const backend = d.backendtype;
  if ((backend === 'phy' || backend === 'standalone') && d.format !== 'raw' && !d.cdrom) {
    ctx.report('xl/disk-spec', partSpan(atom, parts, 'backendtype'),
      `no suitable backend for disk ${d.vdev}: backendtype=${backend} only serves raw images, this one is ${d.format} (use backendtype=qdisk or drop backendtype)`);
  }
  if ((d.specification === 'virtio') !== (backend === 'standalone') && (d.specification === 'virtio' || backend === 'standalone')) {
    ctx.report('xl/disk-spec', partSpan(atom, parts, 'specification'),
      'specification=virtio requires backendtype=standalone, and backendtype=standalone requires specification=virtio');
  }
  const refusal = readOnlyRefusal(d, ctx.guest.type, ctx.cfg.string('hdtype'), ctx.cfg.string('device_model_version'));
  if (refusal) {
    ctx.report('xl/disk-spec', partSpan(atom, parts, 'access'),
      `${refusal}: ${d.vdev} is emulated for this HVM guest, so it must be writable (or use an sdX name, emulated as SCSI)`);
  }
  const target = d.target;
  if (target && !target.startsWith('/') && !d.script && d.format !== 'empty') {
    ctx.report('xl/disk-spec', partSpan(atom, parts, 'target'),
      `Relative target \`${target}\`: libxl looks for it relative to the directory xl runs in; write the absolute path (/dev/${target}?)`,
      { severity: 'warning' });
  }
}

/** Where a part of the disk spec sits in the document (the whole string if it has no such part). */
export function partSpan(atom: XlAtom, parts: SpecPart[], key: string): { start: number; end: number } {
  const part = [...parts].reverse().find((p) => p.key === key);
  if (!part) return atom;
  return { start: valueToDocument(atom, part.start), end: valueToDocument(atom, part.end) };
}

function duplicateVdevs(ctx: RuleContext, disks: ParsedDisk[]): void {
  const byNumber = new Map<number, ParsedDisk[]>();
  for (const d of disks) {
    const n = d.result.value && vdevNumber(d.result.value.vdev);
    if (n === undefined) continue;
    const group = byNumber.get(n);
    if (group) group.push(d);
    else byNumber.set(n, [d]);
  }
  for (const group of byNumber.values()) {
    if (group.length < 2) continue;
    for (const d of group) {
      // a few links are enough to find the others, even in a generated file with thousands
      const others = group.slice(0, MAX_RELATED + 1).filter((o) => o !== d).slice(0, MAX_RELATED);
      ctx.report('xl/duplicate-vdev', partSpan(d.atom, d.result.parts, 'vdev'),
        `Virtual device ${d.result.value!.vdev} is used by ${group.length} disks: the second one fails with "device already exists in xenstore"`,
        { related: others.map((o) => ({ message: `also ${o.result.value!.vdev}`, start: o.atom.start, end: o.atom.end })) });
    }
  }
}
