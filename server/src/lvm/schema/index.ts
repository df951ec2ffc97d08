// Lookups in the lvm.conf schema: a node's definition by path (variable section
// names match `#`, as in lvm2's own check), the children of a section, and names
// for did-you-mean.
import { LVM_SETTINGS } from './settings';
import type { LvmSetting, LvmValueType } from './types';

const BY_PATH = new Map(LVM_SETTINGS.map((s) => [s.path, s]));

export type Resolved = { def: LvmSetting } | { unknownAt: number; section: boolean };

/**
 * The definition lvm2 checks a node against, walking its path one level at a time
 * as lvm2 does: an unknown level is reported there (`unknownAt`, as a section or a
 * setting) and nothing below it is checked.
 */
export function resolve(path: string[], isSection: boolean): Resolved {
  let known = '';
  for (let i = 0; i < path.length; i++) {
    const exact = known ? `${known}/${path[i]}` : path[i];
    const section = i < path.length - 1 || isSection;
    if (BY_PATH.has(exact)) known = exact;
    else if (section && BY_PATH.has(known ? `${known}/#` : '#')) known = known ? `${known}/#` : '#';
    else return { unknownAt: i, section };
  }
  return { def: BY_PATH.get(known)! };
}

export function definition(path: string): LvmSetting | undefined {
  return BY_PATH.get(path);
}

/** The definitions directly inside a section (`''` for the top level). */
export function childrenOf(sectionPath: string): LvmSetting[] {
  const depth = sectionPath ? sectionPath.split('/').length + 1 : 1;
  return LVM_SETTINGS.filter((s) => s.path.split('/').length === depth && (!sectionPath || s.path.startsWith(sectionPath + '/')));
}

/** Where a setting of this name lives, when it is not where the user put it. */
export function sectionsHolding(name: string): string[] {
  return LVM_SETTINGS.filter((s) => s.kind === 'setting' && s.path.endsWith('/' + name)).map((s) => s.path.slice(0, -name.length - 1));
}

/** How lvm2 names a type in its messages (`_get_type_name`): " array with values of type: string". */
export function typeName(def: Pick<LvmSetting, 'kind' | 'types' | 'array'>): string {
  if (def.kind === 'section') return ' section';
  const order: LvmValueType[] = ['bool', 'int', 'float', 'string'];
  const words: Record<LvmValueType, string> = { bool: ' boolean', int: ' integer', float: ' float', string: ' string' };
  const names = order.filter((t) => def.types.includes(t)).map((t) => words[t]).join('');
  return def.array ? ` array with values of type:${names}` : names;
}

export { LVM_SETTINGS };
