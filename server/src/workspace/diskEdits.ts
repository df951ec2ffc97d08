// Quick fixes for shared and over-provisioned disks. Each changes only the disk
// entry it names, keeps the spec's form (positional or key=value) and everything
// around it, and writes the string so that xl reads what the title says.
import type { Fix } from '../core/findings';
import { valueToDocument, type XlAtom } from '../xl/ast';
import { describeBacking } from './backing';
import type { DiskFact } from './facts';
import type { LvmReport } from './lvmReport';

/** Text to put inside the atom's quotes so that xl reads `value`. */
function quoted(atom: XlAtom, value: string): string {
  const quote = atom.raw[0];
  return value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
}

/**
 * "Give <domain> its own volume": a dedicated /dev/<vg>/<domain>-<vdev>, and the lvcreate to make it
 * (thin in the same pool, unless `outsidePool` asks for a plain volume that promises nothing to it).
 */
export function ownVolumeFix(domain: string, disk: DiskFact, report: LvmReport | undefined, outsidePool = false): Fix | undefined {
  const b = disk.backing;
  if (!b || b.kind !== 'lvm' || !disk.targetSpan) return undefined;
  let lvName = `${domain}-${disk.disk.vdev}`.replace(/[^A-Za-z0-9+_.-]/g, '_');
  if (lvName === b.lv) {
    if (!outsidePool) return undefined; // it already has its own volume
    lvName += '-plain';
  }
  const current = report?.lvs.get(`${b.vg}/${b.lv}`);
  const size = current ? `${Math.ceil(current.sizeMiB)}M` : '<SIZE>';
  const shell = current?.thin && current.pool && !outsidePool
    ? `lvcreate -V ${size} -T ${b.vg}/${current.pool} -n ${lvName}`
    : `lvcreate -L ${size} -n ${lvName} ${b.vg}`;
  return {
    kind: 'replace',
    title: `Give ${domain} its own volume${outsidePool ? ' outside the pool' : ''} (/dev/${b.vg}/${lvName})`,
    text: quoted(disk.atom, `/dev/${b.vg}/${lvName}`),
    start: disk.targetSpan.start,
    end: disk.targetSpan.end,
    // a move outside the pool must carry the data along: the command copies it, and refuses while
    // the guest runs (the clipboard drops comments, so neither can live in one). Every block is
    // written: a new plain LV is not zeroed, so skipping zero blocks would leave old data there.
    // A shared volume's copy is a choice.
    shell: outsidePool
      ? `xl list ${domain} >/dev/null 2>&1 && echo "${domain} is running: shut it down first" || { ${shell} && dd if=${describeBacking(b)} of=/dev/${b.vg}/${lvName} bs=4M conv=fsync status=progress; }`
      : `${shell}   # then copy what ${domain} needs from ${describeBacking(b)}`,
  };
}

/** "Attach read-only in <domain>": access becomes r/ro in the form the spec already uses. */
export function readOnlyFix(domain: string, disk: DiskFact): Fix | undefined {
  const access = [...disk.parts].reverse().find((p) => p.key === 'access');
  const title = `Attach read-only in ${domain}`;
  const doc = (i: number) => valueToDocument(disk.atom, i);
  if (access) {
    const valueStart = access.positional ? access.start : access.start + 'access='.length;
    const ro = access.value === 'rw' || !access.positional ? 'ro' : 'r';
    return { kind: 'replace', title, text: ro, start: doc(valueStart), end: doc(access.end) };
  }
  const target = disk.parts.find((p) => p.key === 'target' && !p.positional);
  if (target) {
    // target= swallows the rest of the string, so a new key must go before it
    return { kind: 'insert', title, at: doc(target.start), text: 'access=ro, ' };
  }
  const value = disk.atom.value;
  const end = doc(value.length);
  return { kind: 'insert', title, at: end, text: value.endsWith(',') ? 'r' : ',r' };
}

/**
 * The lvextend that gives a thin pool room for what its volumes promise; when the VG has less
 * free space than that, a vgextend with a new physical volume has to come first.
 */
export function lvextendFix(vg: string, pool: string, missingMiB: number, vgFreeMiB: number | undefined): Fix {
  const mib = Math.ceil(missingMiB);
  const lvextend = `lvextend -L +${mib}M ${vg}/${pool}`;
  if (vgFreeMiB === undefined || vgFreeMiB >= mib) {
    return { kind: 'shell', title: `Extend thin pool ${vg}/${pool} by ${mib} MiB (lvextend)`, shell: lvextend };
  }
  const pv = Math.ceil(mib - vgFreeMiB);
  return {
    kind: 'shell',
    title: `Extend thin pool ${vg}/${pool} by ${mib} MiB (vgextend with a new disk, then lvextend)`,
    shell: `vgextend ${vg} /dev/NEW_PV && ${lvextend}   # ${vg} has ${Math.floor(vgFreeMiB)} MiB free: NEW_PV needs at least ${pv} MiB`,
  };
}
