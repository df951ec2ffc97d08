// xl/vbd-overprovisioned and xl/missing-volume, from the host's LVM report: thin
// pools whose attached volumes promise more than the pool (and its VG) can hold,
// pools above their autoextend threshold, and disks on volumes that do not exist.
import type { Fix } from '../../core/findings';
import { lvextendFix, ownVolumeFix } from '../diskEdits';
import { effective, integer } from '../hostConfigs';
import type { DiskFact } from '../facts';
import type { LogicalVolume } from '../lvmReport';
import { type CrossContext, type DomainEntry, domainName, gib, type HostEntry, listing } from './context';

interface PoolUse {
  vg: string;
  pool: LogicalVolume;
  volumes: Map<string, LogicalVolume>;
  disks: Array<{ domain: DomainEntry; disk: DiskFact; lv: LogicalVolume }>;
}

export function checkLvm(ctx: CrossContext): void {
  for (const host of ctx.hosts) {
    if (!host.report) continue;
    const pools = new Map<string, PoolUse>();
    for (const domain of host.domains) {
      for (const disk of domain.facts.disks) {
        const b = disk.backing;
        if (!b || b.kind !== 'lvm') continue;
        const lv = host.report.lvs.get(`${b.vg}/${b.lv}`);
        if (!lv) {
          if (host.report.vgNames.has(b.vg)) {
            ctx.report(domain.file, 'xl/missing-volume', disk.targetSpan ?? disk.span,
              `${host.spec.name}'s LVM report has no volume ${b.vg}/${b.lv}: \`xl create\` fails with "Disk vdev=${disk.disk.vdev} failed to stat"`);
          }
          continue;
        }
        if (!lv.thin || !lv.pool) continue;
        const pool = host.report.lvs.get(`${lv.vg}/${lv.pool}`);
        if (!pool) continue;
        const key = `${lv.vg}/${lv.pool}`;
        const use: PoolUse = pools.get(key) ?? { vg: lv.vg, pool, volumes: new Map(), disks: [] };
        use.volumes.set(lv.name, lv);
        use.disks.push({ domain, disk, lv });
        pools.set(key, use);
      }
    }
    for (const use of pools.values()) checkPool(ctx, host, use);
  }
}

function checkPool(ctx: CrossContext, host: HostEntry, use: PoolUse): void {
  const promised = [...use.volumes.values()].reduce((s, lv) => s + lv.sizeMiB, 0);
  const size = use.pool.sizeMiB;
  const name = `${use.vg}/${use.pool.name}`;
  const free = host.report?.vgs.get(use.vg)?.freeMiB;
  const threshold = autoextendThreshold(host);
  const data = use.pool.dataPercent;
  const users = listing(use.disks.map((u) => `${domainName(u.domain)} ${u.disk.disk.vdev} (${gib(u.lv.sizeMiB)})`));
  if (promised > size) {
    const missing = promised - size;
    const vgNote = free === undefined ? '' : free < missing ? `, and ${use.vg} has only ${gib(free)} free to grow it` : `; ${use.vg} has ${gib(free)} free`;
    for (const u of use.disks) {
      ctx.report(u.domain.file, 'xl/vbd-overprovisioned', u.disk.targetSpan ?? u.disk.span,
        `Thin pool ${name} holds ${gib(size)}${data !== undefined ? ` (${data}% used)` : ''} but the guest disks on it promise ${gib(promised)}: ${users}${vgNote}. ` +
          'When the pool fills, writes in every guest on it fail or hang',
        { fixes: overprovisionFixes(host, use, u, missing), related: related(u, use) });
    }
  }
  if (data !== undefined && data >= threshold) {
    const why = threshold >= 100
      ? 'it is full and autoextend is off (thin_pool_autoextend_threshold = 100)'
      : `that is above its autoextend threshold of ${threshold}%, so autoextend did not happen (is dmeventd monitoring it, is there free space in ${use.vg}?)`;
    for (const u of use.disks) {
      ctx.report(u.domain.file, 'xl/vbd-overprovisioned', u.disk.targetSpan ?? u.disk.span,
        `Thin pool ${name} is ${data}% full: ${why}`,
        { fixes: [lvextendFix(use.vg, use.pool.name, Math.max(size * 0.2, 1), free)], related: related(u, use) });
    }
  }
}

/**
 * Grow the pool, or move this disk out of it onto a plain volume of its own when the VG has the
 * room (the disk then promises nothing to the pool).
 */
function overprovisionFixes(host: HostEntry, use: PoolUse, u: PoolUse['disks'][number], missing: number): Fix[] {
  const free = host.report?.vgs.get(use.vg)?.freeMiB;
  const fixes = [lvextendFix(use.vg, use.pool.name, missing, free)];
  const own = free === undefined || free >= u.lv.sizeMiB ? ownVolumeFix(domainName(u.domain), u.disk, host.report, true) : undefined;
  if (own) fixes.push(own);
  return fixes;
}

/** The host's lvm.conf decides; the inventory's copy of the value is for hosts without one. */
function autoextendThreshold(host: HostEntry): number {
  if (host.configs?.lvm || host.configs?.local) return integer(effective(host.configs, 'activation/thin_pool_autoextend_threshold')) ?? 100;
  return host.spec.autoextendThreshold?.value ?? 100;
}

function related(u: PoolUse['disks'][number], use: PoolUse) {
  return use.disks
    .filter((o) => o !== u)
    .slice(0, 5)
    .map((o) => ({ message: `also on ${use.vg}/${use.pool.name}: ${domainName(o.domain)} ${o.disk.disk.vdev}`, uri: o.domain.file, start: o.disk.span.start, end: o.disk.span.end }));
}
