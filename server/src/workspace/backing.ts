// What a disk really is on the host: the same logical volume can be written
// /dev/vg/lv, /dev/mapper/vg-lv, /dev/disk/by-id/dm-name-vg-lv or vg/lv; the same image file
// with `..` or `//`.
import * as path from 'node:path';
import { memoise } from '../xl/specs/memo';

export type Backing =
  | { kind: 'lvm'; vg: string; lv: string; key: string }
  | { kind: 'file' | 'device'; path: string; key: string };

/** /dev subfolders that are not volume groups. */
const NOT_VOLUME_GROUPS = new Set(['disk', 'mapper', 'md', 'cciss', 'ida', 'rbd', 'zvol', 'drbd', 'nbd', 'block', 'loop', 'xen', 'shm', 'pts', 'bus', 'net', 'snd', 'input', 'fd', 'dri', 'vfio', 'hugepages', 'mqueue', 'char', 'cpu']);

const cache = memoise((target: string, script: string | undefined) => resolve(target, script));

/** The backing device of a disk target, normalised so that two spellings of one device compare equal. */
export function backingOf(target: string, script?: string): Backing | undefined {
  return cache(target, script);
}

function resolve(target: string, script: string | undefined): Backing | undefined {
  if (!target) return undefined;
  if (script && !/^block$/.test(path.basename(script))) {
    return { kind: 'device', path: target, key: `${script}:${target}` };
  }
  // the block hotplug script prepends /dev to a relative target
  const abs = path.posix.normalize(target.startsWith('/') ? target : `/dev/${target}`);
  // udev's /dev/disk/by-id/dm-name-<name> is the same device-mapper name as /dev/mapper/<name>
  const mapper = /^\/dev\/(?:mapper\/|disk\/by-id\/dm-name-)(.+)$/.exec(abs);
  if (mapper) {
    const lv = splitMapperName(mapper[1]);
    if (lv) return lvm(lv.vg, lv.lv);
    return { kind: 'device', path: abs, key: `dev:${abs}` };
  }
  const parts = abs.split('/').filter(Boolean);
  if (parts[0] === 'dev' && parts.length === 3 && !NOT_VOLUME_GROUPS.has(parts[1])) return lvm(parts[1], parts[2]);
  if (parts[0] === 'dev') return { kind: 'device', path: abs, key: `dev:${abs}` };
  return { kind: 'file', path: abs, key: `file:${abs}` };
}

function lvm(vg: string, lv: string): Backing {
  return { kind: 'lvm', vg, lv, key: `lvm:${vg}/${lv}` };
}

/** device-mapper names join VG and LV with '-' and double every '-' inside them. */
export function splitMapperName(name: string): { vg: string; lv: string } | undefined {
  for (let i = 0; i < name.length; i++) {
    if (name[i] !== '-') continue;
    if (name[i + 1] === '-') {
      i++;
      continue;
    }
    const vg = name.slice(0, i).replace(/--/g, '-');
    const lv = name.slice(i + 1).replace(/--/g, '-');
    return vg && lv ? { vg, lv } : undefined;
  }
  return undefined;
}

/** How operators write it in a config: /dev/<vg>/<lv>. */
export function describeBacking(b: Backing): string {
  return b.kind === 'lvm' ? `/dev/${b.vg}/${b.lv}` : b.path;
}
