// The LVM and lock-manager configs of the hosts in a workspace, grouped per host:
// lvm.conf and lvmlocal.conf in one folder, sanlock.conf / dlm.conf in its sibling
// folders (the layout of /etc, or of a copy of it in a support bundle).
import * as path from 'node:path';
import type { LvmSetting } from '../lvm/ast';
import type { LvmAnalysis } from '../lvm/lint';

export interface HostConfigFile {
  file: string;
  text: string;
}

export interface LvmConfigFile extends HostConfigFile {
  analysis: LvmAnalysis;
}

export interface HostConfigSet {
  /** The folder that stands for the host's /etc: the parent of lvm/, sanlock/, dlm/. */
  root: string;
  lvm?: LvmConfigFile;
  local?: LvmConfigFile;
  sanlock?: HostConfigFile;
  dlm?: HostConfigFile;
}

/** Where a host's /etc (or a folder holding its configs) keeps the files the host checks read together. */
const HOST_CONFIG_PLACES = ['lvm/lvm.conf', 'lvm/lvmlocal.conf', 'sanlock/sanlock.conf', 'dlm/dlm.conf', 'lvm.conf', 'lvmlocal.conf', 'sanlock.conf', 'dlm.conf'];

/** The paths under a host's /etc (`root`) where its LVM and lock-manager configs may be. */
export function hostConfigPlaces(root: string): string[] {
  return HOST_CONFIG_PLACES.map((name) => path.join(root, name));
}

/** The /etc of a config: its folder, or the folder above when that is lvm/, sanlock/ or dlm/. */
export function hostRoot(file: string): string {
  const dir = path.dirname(file);
  return ['lvm', 'sanlock', 'dlm'].includes(path.basename(dir)) ? path.dirname(dir) : dir;
}

export function groupHostConfigs(lvm: LvmConfigFile[], locks: Array<HostConfigFile & { daemon: 'sanlock' | 'dlm' }>): HostConfigSet[] {
  const sets = new Map<string, HostConfigSet>();
  const setOf = (file: string): HostConfigSet => {
    const root = hostRoot(file);
    let s = sets.get(root);
    if (!s) sets.set(root, (s = { root }));
    return s;
  };
  for (const f of lvm) {
    const base = path.basename(f.file);
    if (base === 'lvm.conf') setOf(f.file).lvm = f;
    else if (base === 'lvmlocal.conf') setOf(f.file).local = f;
  }
  for (const f of locks) setOf(f.file)[f.daemon] = f;
  return [...sets.values()].sort((a, b) => a.root.localeCompare(b.root));
}

export interface Effective {
  setting: LvmSetting;
  file: LvmConfigFile;
}

/** The value lvm2 uses for a setting: lvmlocal.conf overrides lvm.conf, the last occurrence in a file wins. */
export function effective(set: HostConfigSet, settingPath: string): Effective | undefined {
  for (const file of [set.local, set.lvm]) {
    const found = file && lastValues(file.analysis).get(settingPath);
    if (found) return { setting: found, file: file! };
  }
  return undefined;
}

/** Per analysis (a file's text), each setting's last occurrence by path; none when lvm2 would not read the file. */
const lastByPath = new WeakMap<LvmAnalysis, Map<string, LvmSetting>>();

function lastValues(analysis: LvmAnalysis): Map<string, LvmSetting> {
  let map = lastByPath.get(analysis);
  if (!map) {
    map = new Map();
    if (!analysis.doc.errors.some((e) => e.reason !== 'int-token')) for (const s of analysis.doc.settings) map.set(s.path.join('/'), s);
    lastByPath.set(analysis, map);
  }
  return map;
}

/** A setting's value as lvm2 reads a boolean (ints: non-zero; words: y/yes/on/true). */
export function truthy(e: Effective | undefined): boolean | undefined {
  const v = e?.setting.value.items[0];
  if (!v) return undefined;
  if (v.type === 'int') return v.value !== 0;
  if (v.type === 'string') {
    const s = String(v.value).toLowerCase();
    if (['y', 'yes', 'on', 'true'].includes(s)) return true;
    if (['n', 'no', 'off', 'false'].includes(s)) return false;
  }
  return undefined;
}

export function integer(e: Effective | undefined): number | undefined {
  const v = e?.setting.value.items[0];
  return v?.type === 'int' ? (v.value as number) : undefined;
}
