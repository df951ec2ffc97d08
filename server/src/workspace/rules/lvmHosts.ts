// The checks that need a host's whole LVM picture: lvm.conf with lvmlocal.conf (and
// which lock manager runs), the host's LVM report and the inventory's host count.
// lvm/lockd-host-id, lvm/thin-autoextend, lvm/metadata-size and lock/limits.
import type { Fix } from '../../core/findings';
import type { LvmSection } from '../../lvm/ast';
import { effective, type HostConfigSet, integer, type LvmConfigFile, truthy } from '../hostConfigs';
import type { LvmReport } from '../lvmReport';
import { type CrossContext, count, type HostEntry, listing } from './context';

/** The highest sanlock host_id for each sanlock_align_size (MiB), from lvmlockd(8). */
const MAX_HOST_ID: Record<number, number> = { 1: 250, 2: 500, 4: 1000, 8: 2000 };
/** Bytes of metadata text per LV and per VG, measured on lvm2 2.03 backups of linear and thin LVs. */
const MDA_BYTES_PER_LV = 520;
const MDA_BYTES_BASE = 2048;
/** 2048 sectors minus one 4 KiB page, the 2.03 default with 4 KiB pages. */
const DEFAULT_PVMETADATASIZE = 2040;

export interface HostConfigs {
  set: HostConfigSet;
  /** The inventory host whose `etc` is this set's folder. */
  host?: HostEntry;
}

export function checkLvmHosts(ctx: CrossContext, all: HostConfigs[], inventoryHosts: number): void {
  const lockd = all.filter((h) => truthy(effective(h.set, 'global/use_lvmlockd')));
  const ids = lockd.map((h) => integer(effective(h.set, 'local/host_id'))).filter((n): n is number => !!n);
  checkHostIds(ctx, lockd, new Set(ids));
  const highest = Math.max(0, ...ids);
  for (const h of all) {
    if (lockd.includes(h)) checkAlign(ctx, h, Math.max(inventoryHosts, lockd.length), highest);
    if (!h.host?.report || !h.set.lvm) continue;
    checkThinAutoextend(ctx, h.set, h.set.lvm, h.host.spec.name, h.host.report);
    checkMetadataSize(ctx, h.set, h.set.lvm, h.host.spec.name, h.host.report);
    checkLeaseSpace(ctx, h.set, h.host.spec.name, h.host.report);
  }
}

function maxHostId(set: HostConfigSet): { max: number; align?: number } {
  const align = integer(effective(set, 'global/sanlock_align_size'));
  return { max: (align !== undefined && MAX_HOST_ID[align]) || 2000, align };
}

/** lvm/lockd-host-id: with lvmlockd and sanlock every host needs its own host_id in 1..max. */
function checkHostIds(ctx: CrossContext, lockd: HostConfigs[], used: Set<number>): void {
  const byId = new Map<number, Array<{ name: string; at: ReturnType<typeof effective> }>>();
  for (const { set, host } of lockd) {
    if (set.dlm && !set.sanlock) continue; // dlm needs no host_id
    const daemon = set.sanlock ? 'sanlock' : undefined;
    const severity = daemon ? 'error' : 'info';
    const when = daemon ? '' : ' (if this host\'s shared VGs use sanlock; with dlm there is nothing to do)';
    const id = effective(set, 'local/host_id');
    const value = integer(id);
    const { max, align } = maxHostId(set);
    if (!id || value === undefined || value === 0) {
      let free = 1;
      while (used.has(free)) free++;
      const message = `use_lvmlockd = 1 with sanlock needs a host_id in lvmlocal.conf, unique to this host (1–${max})${when}: without it \`vgchange --lockstart\` fails with "VG … start failed: invalid sanlock host_id, set in lvmlocal.conf"`;
      const target = set.local ?? set.lvm!;
      const section = target.analysis.doc.nodes.find((n): n is LvmSection => n.kind === 'section' && n.name === 'local');
      // where to show it: the host_id, else the local section, else the file the fix adds it to
      const at = id ? id.setting.value : section ? section.nameSpan : target === set.lvm ? lockdSpan(set) : firstLine(target.text);
      const lockdAt = effective(set, 'global/use_lvmlockd');
      ctx.report(id ? id.file.file : target.file, 'lvm/lockd-host-id', at, message, {
        severity,
        fixes: id ? [{ kind: 'replace', text: String(free), title: `Set host_id = ${free} (no other host uses it)` }] : [insertHostId(target, section, free)],
        related: !id && !section && target !== set.lvm && lockdAt
          ? [{ message: 'use_lvmlockd = 1 is set here', uri: lockdAt.file.file, start: lockdAt.setting.nameSpan.start, end: lockdAt.setting.nameSpan.end }]
          : undefined,
      });
      continue;
    }
    if (value < 1 || value > max) {
      ctx.report(id.file.file, 'lvm/lockd-host-id', id.setting.value,
        `host_id = ${value} is outside 1–${max}${align !== undefined ? ` (sanlock_align_size = ${align})` : ''}: sanlock refuses the id and the shared VGs' lockspaces do not start${when}`,
        { severity });
      continue;
    }
    const list = byId.get(value) ?? [];
    list.push({ name: host?.spec.name ?? set.root, at: id });
    byId.set(value, list);
  }
  for (const [value, users] of byId) {
    if (users.length < 2) continue;
    for (const u of users) {
      const others = users.filter((o) => o !== u);
      ctx.report(u.at!.file.file, 'lvm/lockd-host-id', u.at!.setting.value,
        `host_id = ${value} is also the host_id of ${listing(others.map((o) => o.name))}: sanlock lets one host at a time hold an id, so the hosts fight over the same leases and a shared VG cannot start on one of them`,
        { related: others.map((o) => ({ message: `${o.name}: also host_id = ${value}`, uri: o.at!.file.file, start: o.at!.setting.value.start, end: o.at!.setting.value.end })) });
    }
  }
}

function firstLine(text: string) {
  const nl = text.indexOf('\n');
  return { start: 0, end: nl < 0 ? text.length : nl };
}

function lockdSpan(set: HostConfigSet) {
  return effective(set, 'global/use_lvmlockd')?.setting.nameSpan ?? { start: 0, end: 0 };
}

function insertHostId(target: LvmConfigFile, section: LvmSection | undefined, id: number): Fix {
  if (section) {
    const brace = target.text.indexOf('{', section.nameSpan.end);
    return { kind: 'insert', at: brace + 1, text: `\n\thost_id = ${id}`, title: `Add host_id = ${id} (no other host uses it)` };
  }
  const text = target.text;
  const sep = text.length && !text.endsWith('\n') ? '\n' : '';
  return { kind: 'insert', at: text.length, text: `${sep}local {\n\thost_id = ${id}\n}\n`, title: `Add local { host_id = ${id} } (no other host uses it)` };
}

/** lock/limits: sanlock_align_size caps host ids; the inventory may need more hosts than that. */
function checkAlign(ctx: CrossContext, h: HostConfigs, hosts: number, highest: number): void {
  const e = effective(h.set, 'global/sanlock_align_size');
  const { max, align } = maxHostId(h.set);
  if (!e || align === undefined) return;
  if (hosts <= max && highest <= max) return;
  const need = highest > max ? `host_id ${highest} is in use` : `the inventory has ${count(hosts, 'host')}`;
  ctx.report(e.file.file, 'lock/limits', e.setting.value,
    `sanlock_align_size = ${align} leaves room for host ids 1–${max} on 4K-sector disks, but ${need}: hosts beyond it cannot join the shared VGs' lockspaces`);
}

/** lvm/thin-autoextend: a host with thin pools whose lvm.conf never extends them. */
function checkThinAutoextend(ctx: CrossContext, set: HostConfigSet, lvm: LvmConfigFile, host: string, report: LvmReport): void {
  const pools = [...report.lvs.values()].filter((lv) => lv.thinPool);
  if (!pools.length) return;
  const names = listing(pools.slice(0, 4).map((p) => `${p.vg}/${p.name}${p.dataPercent !== undefined ? ` at ${p.dataPercent}%` : ''}`)) + (pools.length > 4 ? ` and ${pools.length - 4} more` : '');
  const threshold = effective(set, 'activation/thin_pool_autoextend_threshold');
  const value = integer(threshold) ?? 100;
  if (value >= 100) {
    const message = `thin_pool_autoextend_threshold = ${value} never extends a thin pool, and ${host} has ${count(pools.length, 'thin pool')}: ${names}. ` +
      'When one fills, writes to every guest disk on it fail or hang (lvm2: "WARNING: You have not turned on protection against thin pools running out of space.")';
    if (threshold) {
      ctx.report(threshold.file.file, 'lvm/thin-autoextend', threshold.setting.value, message, { fixes: [{ kind: 'replace', text: '80', title: 'Extend pools at 80% full' }] });
    } else {
      const section = lvm.analysis.doc.nodes.find((n): n is LvmSection => n.kind === 'section' && n.name === 'activation');
      const brace = section ? lvm.text.indexOf('{', section.nameSpan.end) : -1;
      const fix: Fix = brace >= 0
        ? { kind: 'insert', at: brace + 1, text: '\n\tthin_pool_autoextend_threshold = 80\n\tthin_pool_autoextend_percent = 20', title: 'Extend pools by 20% at 80% full' }
        : { kind: 'insert', at: lvm.text.length, text: `${lvm.text.endsWith('\n') || !lvm.text ? '' : '\n'}activation {\n\tthin_pool_autoextend_threshold = 80\n\tthin_pool_autoextend_percent = 20\n}\n`, title: 'Extend pools by 20% at 80% full' };
      ctx.report(lvm.file, 'lvm/thin-autoextend', section?.nameSpan ?? { start: 0, end: 0 }, message.replace(/^thin_pool_autoextend_threshold = 100/, 'thin_pool_autoextend_threshold is not set (default 100), which'), { fixes: [fix] });
    }
    return;
  }
  const percent = effective(set, 'activation/thin_pool_autoextend_percent');
  if (integer(percent) === 0) {
    ctx.report(percent!.file.file, 'lvm/thin-autoextend', percent!.setting.value,
      `thin_pool_autoextend_percent = 0 extends by nothing, so ${host}'s thin pools (${names}) still fill up (lvm2: "WARNING: Set activation/thin_pool_autoextend_percent above 0 to specify by how much to extend thin pools reaching the threshold.")`,
      { fixes: [{ kind: 'replace', text: '20', title: 'Extend by 20%' }] });
  }
  const monitoring = effective(set, 'activation/monitoring');
  if (truthy(monitoring) === false) {
    ctx.report(monitoring!.file.file, 'lvm/thin-autoextend', monitoring!.setting.value,
      `monitoring = 0 turns off dmeventd, which is what extends thin pools at the threshold: ${host}'s thin pools (${names}) will not be extended`);
  }
}

/** lvm/metadata-size: VG metadata text grows with every LV; the area holds about half its size of text. */
function checkMetadataSize(ctx: CrossContext, set: HostConfigSet, lvm: LvmConfigFile, host: string, report: LvmReport): void {
  const setting = effective(set, 'metadata/pvmetadatasize');
  const sectors = integer(setting) ?? DEFAULT_PVMETADATASIZE;
  const lvsPerVg = new Map<string, number>();
  for (const lv of report.lvs.values()) lvsPerVg.set(lv.vg, (lvsPerVg.get(lv.vg) ?? 0) + 1);
  for (const [vg, listed] of lvsPerVg) {
    const info = report.vgs.get(vg);
    const lvs = Math.max(listed, info?.lvCount ?? 0);
    const areaBytes = info?.mdaSizeMiB !== undefined ? info.mdaSizeMiB * 1048576 : sectors * 512;
    const maxText = (areaBytes - 512) / 2;
    const text = MDA_BYTES_BASE + lvs * MDA_BYTES_PER_LV;
    if (text < 0.75 * maxText) continue;
    const kib = (n: number) => `${Math.round(n / 1024)} KiB`;
    const source = info?.mdaSizeMiB !== undefined ? `${vg}'s metadata area of ${kib(areaBytes)} (vg_mda_size)` : `a metadata area of ${kib(areaBytes)} (pvmetadatasize = ${sectors} sectors)`;
    const room = Math.max(0, Math.floor((maxText - text) / MDA_BYTES_PER_LV));
    const at = setting?.file === lvm ? setting.setting.value : lvm.analysis.doc.nodes.find((n) => n.kind === 'section' && n.name === 'metadata')?.nameSpan ?? { start: 0, end: 0 };
    ctx.report(lvm.file, 'lvm/metadata-size', at,
      `${host}'s VG ${vg} carries ${count(lvs, 'LV')}: its metadata text is about ${kib(text)}, and ${source} holds about ${kib(maxText)} of text ` +
        `(room for ~${room} more LVs or snapshots). Past that, lvcreate, lvextend and snapshots fail with "VG ${vg} … metadata on … exceeds maximum metadata size"`,
      { fixes: [{ kind: 'shell', title: `Show how to give ${vg} a bigger metadata area`, shell: `pvcreate --metadatasize 64m /dev/NEWDISK && vgextend ${vg} /dev/NEWDISK && pvchange --metadataignore y /dev/OLDPV  # new PV carries ${vg}'s metadata` }] });
  }
}

/** lock/limits: sanlock_lv_extend = 0 freezes the lvmlock LV, which holds one lease per LV of a shared VG. */
function checkLeaseSpace(ctx: CrossContext, set: HostConfigSet, host: string, report: LvmReport): void {
  const extend = effective(set, 'global/sanlock_lv_extend');
  if (integer(extend) !== 0) return;
  for (const lock of report.lvs.values()) {
    if (lock.name !== 'lvmlock') continue;
    // Leases start at 67 × the alignment (1 MiB on 512-byte disks, the most room there can be).
    const leases = Math.floor(lock.sizeMiB) - 67;
    const lvs = [...report.lvs.values()].filter((lv) => lv.vg === lock.vg && lv.name !== 'lvmlock').length;
    if (lvs < leases * 0.9) continue;
    ctx.report(extend!.file.file, 'lock/limits', extend!.setting.value,
      `sanlock_lv_extend = 0 keeps ${lock.vg}/lvmlock at ${Math.round(lock.sizeMiB)} MiB, room for at most ${Math.max(0, leases)} LV leases, and ${host}'s shared VG ${lock.vg} already has ${count(lvs, 'LV')}: ` +
        'lvcreate fails once the leases run out ("no disk space for leases")',
      { fixes: [{ kind: 'replace', text: '256', title: 'Let lvcreate extend lvmlock by 256 MiB' }] });
  }
}
