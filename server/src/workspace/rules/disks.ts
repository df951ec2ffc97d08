// xl/shared-writable-disk: one backing device attached writable by two domains
// (or twice by one), or writable in one and read-only in another.
import { describeBacking } from '../backing';
import { ownVolumeFix, readOnlyFix } from '../diskEdits';
import type { DiskFact } from '../facts';
import { readOnlyRefusal } from '../../xl/specs/emulated';
import { type CrossContext, type DomainEntry, domainName, listing } from './context';

interface Attachment {
  domain: DomainEntry;
  disk: DiskFact;
}

export function checkSharedDisks(ctx: CrossContext): void {
  const byDevice = new Map<string, Attachment[]>();
  for (const domain of ctx.domains) {
    for (const disk of domain.facts.disks) {
      if (!disk.backing) continue;
      const list = byDevice.get(disk.backing.key);
      if (list) list.push({ domain, disk });
      else byDevice.set(disk.backing.key, [{ domain, disk }]);
    }
  }
  for (const group of byDevice.values()) {
    if (group.length < 2 || !group.some((a) => a.disk.writable)) continue;
    for (const a of group) {
      const others = group.filter((o) => o !== a && sameDevice(a, o));
      if (others.length && (a.disk.writable || others.some((o) => o.disk.writable))) report(ctx, a, others);
    }
  }
}

/** Why libxl would refuse this disk read-only (an HVM guest's emulated IDE/AHCI disk), if it would. */
function mustBeWritable(a: Attachment): string | undefined {
  const { ctx } = a.domain.analysis;
  return readOnlyRefusal({ ...a.disk.disk, readwrite: false }, ctx.guest.type, ctx.cfg.string('hdtype'), ctx.cfg.string('device_model_version'));
}

/** Kernel names a host gives its own disks in probe order: /dev/sdb on two hosts are two disks. */
const HOST_LOCAL_DEVICE = /^\/dev\/(?:[shv]d[a-z]+|xvd[a-z]+|nvme\d+n\d+|mmcblk\d+|md\d+|dm-\d+|loop\d+|nbd\d+|zd\d+)(?:p?\d+)?$/;

/**
 * Where a path names storage: `local` when it is this host's own (a kernel disk name, a VG the
 * host's LVM report does not list), the VG's UUID when the report gives one, else `unknown`.
 */
function scopeOf(a: Attachment): string {
  const b = a.disk.backing!;
  const report = a.domain.host?.report;
  if (b.kind === 'device' && HOST_LOCAL_DEVICE.test(b.path)) return 'local';
  if (b.kind === 'lvm' && report) {
    if (!report.vgNames.has(b.vg)) return 'local';
    const uuid = report.vgs.get(b.vg)?.uuid;
    if (uuid) return `vg:${uuid}`;
  }
  return 'unknown';
}

/**
 * Whether two attachments of one path reach the same storage. On one host they do. Across
 * hosts the same path is only shared storage when nothing says otherwise: two VGs named vg0
 * with different UUIDs, or a host's own /dev/sdb, are different devices.
 */
function sameDevice(a: Attachment, b: Attachment): boolean {
  if (a.domain.host === b.domain.host) return true;
  const sa = scopeOf(a);
  const sb = scopeOf(b);
  if (sa === 'local' || sb === 'local') return false;
  return sa === sb || sa === 'unknown' || sb === 'unknown';
}

function describe(a: Attachment): string {
  const host = a.domain.host ? ` on ${a.domain.host.spec.name}` : '';
  return `${domainName(a.domain)} (${a.disk.disk.vdev}, ${a.disk.writable ? 'writable' : 'read-only'}${host})`;
}

function report(ctx: CrossContext, a: Attachment, others: Attachment[]): void {
  const name = domainName(a.domain);
  const device = describeBacking(a.disk.backing!);
  const hosts = new Set([a, ...others].map((x) => x.domain.host?.spec.name).filter(Boolean));
  const why = a.disk.writable || others.some((o) => o.disk.writable && o.domain !== a.domain)
    ? 'two guests using one volume while one writes it corrupt its filesystem'
    : 'it changes under this read-only guest';
  const b = a.disk.backing!;
  const unsure = hosts.size > 1 && b.kind === 'lvm' && [a, ...others].some((x) => scopeOf(x) === 'unknown');
  const guard = hosts.size > 1
    ? ' The hosts do not see each other\'s guests: only a cluster lock manager (lvmlockd) stops both from starting.' +
      (unsure ? ` (If each host has a VG ${b.vg} of its own, list vg_uuid in the hosts' LVM reports to tell them apart.)` : '')
    : ' The block hotplug script refuses the second attach on one host ("Device ... is mounted in a guest domain").';
  const fixes = [ownVolumeFix(name, a.disk, a.domain.host?.report)];
  // read-only sharing is only safe once nobody else writes the volume, and only where libxl
  // accepts a read-only disk (not an HVM guest's emulated IDE/AHCI disk)
  if (a.disk.writable && others.every((o) => !o.disk.writable) && !mustBeWritable(a)) fixes.push(readOnlyFix(name, a.disk));
  ctx.report(a.domain.file, 'xl/shared-writable-disk', a.disk.span,
    `${device} is attached by ${describe(a)} and also by ${listing(others.map(describe))}: ${why}.${guard}`,
    {
      related: others.map((o) => ({ message: `${device} in ${describe(o)}`, uri: o.domain.file, start: o.disk.span.start, end: o.disk.span.end })),
      fixes: fixes.filter((f) => f !== undefined),
    });
}
