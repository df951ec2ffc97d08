// Which files are lvm.conf-format or lock-manager configs, from their names and
// folders as the tools install them (/etc/lvm, /etc/sanlock, /etc/dlm).
import * as path from 'node:path';

export type HostConfigKind = 'lvm-conf' | 'lockmgr-conf';

export function hostConfigKind(file: string): HostConfigKind | undefined {
  const base = path.basename(file);
  const dir = path.basename(path.dirname(file));
  if (base === 'lvm.conf' || base === 'lvmlocal.conf' || /^lvm_.+\.conf$/.test(base)) return 'lvm-conf';
  if (base.endsWith('.profile') && dir === 'profile' && path.basename(path.dirname(path.dirname(file))) === 'lvm') return 'lvm-conf';
  if (base.endsWith('.conf') && dir === 'lvm') return 'lvm-conf';
  if (base === 'sanlock.conf' || base === 'dlm.conf') return 'lockmgr-conf';
  return undefined;
}

/** Which daemon reads a lock-manager config: by name, then by folder, then by its keys. */
export function lockDaemon(file: string, text: string): 'sanlock' | 'dlm' {
  const base = path.basename(file);
  if (base === 'dlm.conf' || path.basename(path.dirname(file)) === 'dlm') return 'dlm';
  if (base === 'sanlock.conf' || path.basename(path.dirname(file)) === 'sanlock') return 'sanlock';
  return /^(enable_fencing|protocol|post_join_delay|enable_quorum_fencing|device|connect|lockspace)\b/m.test(text) ? 'dlm' : 'sanlock';
}
