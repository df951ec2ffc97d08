// Lookups over the xl.cfg schema table for a target Xen version.
import { XL_KEYS, XM_ONLY_KEYS } from './keys';
import type { GuestType, KeySpec, XenVersion } from './types';
import { versionAtLeast } from '../version';

const BY_KEY = new Map(XL_KEYS.map((k) => [k.key, k]));
const XM_BY_KEY = new Map(XM_ONLY_KEYS.map((k) => [k.key, k]));

/** The schema entry for a key, whatever the version. */
export function keySpec(key: string): KeySpec | undefined {
  return BY_KEY.get(key);
}

/** Whether the target version's xl reads the key at all. */
export function knownIn(spec: KeySpec, version: XenVersion): boolean {
  return !spec.since || versionAtLeast(version, spec.since);
}

/** Keys the target version's xl reads, for completion and suggestions. */
export function keysFor(version: XenVersion, guest?: GuestType): KeySpec[] {
  return XL_KEYS.filter((k) => knownIn(k, version) && (!guest || !k.guests || k.guests.includes(guest)));
}

export function xmOnlyKey(key: string): { key: string; use?: string; note: string } | undefined {
  return XM_BY_KEY.get(key);
}

export function allKeys(): readonly KeySpec[] {
  return XL_KEYS;
}
