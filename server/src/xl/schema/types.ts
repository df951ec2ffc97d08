// The shape of the xl.cfg schema: one table that validation, hover and completion all read.

export const XEN_VERSIONS = ['4.17', '4.18', '4.19', '4.20', '4.21', '4.22'] as const;
export type XenVersion = (typeof XEN_VERSIONS)[number];
export const DEFAULT_XEN_VERSION: XenVersion = '4.22';

export type GuestType = 'pv' | 'pvh' | 'hvm';

/**
 * How xl reads a key (which xlu_cfg_get_* call), which decides what a wrong value does:
 * - string:  a single string or number; a list is ignored with a warning.
 * - integer: read with strtol(…, 0); quoted numbers are fine, anything else is ignored with a warning.
 * - boolean: an integer, 0 = false, anything else = true; "yes"/"true" are not numbers.
 * - enum:    a string from `values` (compared case-sensitively unless `caseInsensitive`).
 * - list:    a list of strings (device specs etc.); a single string is ignored with a warning.
 * - string-or-list / integer-or-enum / boolean-or-enum / boolean-or-list: both forms accepted.
 * - nested-list: a list of lists (vnuma, vsnd).
 */
export type ValueType =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'list'
  | 'string-or-list'
  | 'integer-or-enum'
  | 'boolean-or-enum'
  | 'boolean-or-list'
  | 'nested-list';

/** A spec parser that checks each string inside the value. */
export type SpecKind =
  | 'disk' | 'vif' | 'pci' | 'cpus' | 'vtpm' | 'p9' | 'pvcalls' | 'vfb' | 'channel' | 'usbctrl' | 'usbdev'
  | 'vdispl' | 'vkb' | 'virtio' | 'rdm' | 'smbios' | 'iomem' | 'ioports' | 'irqs' | 'viridian' | 'xenstore_quota';

export interface KeySpec {
  key: string;
  /** Man-page section it belongs to, e.g. "Memory Allocation"; groups hover and completion. */
  section: string;
  type: ValueType;
  /** Allowed values for the enum forms. */
  values?: string[];
  /** libxl enum parsers compare with strcasecmp; xl's own checks use strcmp. */
  caseInsensitive?: boolean;
  /** Inclusive range that xl or libxl enforces (or the hypervisor, noted in `rangeNote`). */
  min?: number;
  max?: number;
  rangeNote?: string;
  unit?: 'MiB' | 'KiB' | 'seconds' | 'percent' | 'pages' | 'frames';
  /** The default in words, as an operator would want to read it. */
  default?: string;
  /** Guest types whose build reads the key; absent means every type. */
  guests?: GuestType[];
  arch?: 'x86' | 'arm';
  /** First Xen release whose xl reads the key; absent means 4.17 or earlier. */
  since?: XenVersion;
  /** Deprecated as a whole, or only when written in one form (`form`). */
  deprecated?: { since?: string; use?: string; note?: string; form?: 'integer' | 'string' };
  /** xl no longer acts on it (ignored, or rejected) from this release on. */
  removed?: { since: string; use?: string; note?: string };
  spec?: SpecKind;
  /** Read by xl but not documented in xl.cfg(5). */
  undocumented?: boolean;
  /** A short explanation in our own words, Markdown. */
  doc: string;
}
