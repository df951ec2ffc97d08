// xl/shared-writable-disk: one backing device attached writable by two domains
// (or twice by one), or writable in one and read-only in another.
import { describeBacking } from '../backing';
import { ownVolumeFix, readOnlyFix } from '../diskEdits';
import type { DiskFact } from '../facts';
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
    for (const a of group) report(ctx, a, group.filter((o) => o !== a));
  }
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
  const guard = hosts.size > 1
    ? ' The hosts do not see each other\'s guests: only a cluster lock manager (lvmlockd) stops both from starting.'
    : ' The block hotplug script refuses the second attach on one host ("Device ... is mounted in a guest domain").';
  const fixes = [ownVolumeFix(name, a.disk, a.domain.host?.report)];
  // read-only sharing is only safe once nobody else writes the volume
  if (a.disk.writable && others.every((o) => !o.disk.writable)) fixes.push(readOnlyFix(name, a.disk));
  ctx.report(a.domain.file, 'xl/shared-writable-disk', a.disk.span,
    `${device} is attached by ${describe(a)} and also by ${listing(others.map(describe))}: ${why}.${guard}`,
    {
      related: others.map((o) => ({ message: `${device} in ${describe(o)}`, uri: o.domain.file, start: o.disk.span.start, end: o.disk.span.end })),
      fixes: fixes.filter((f) => f !== undefined),
    });
}
