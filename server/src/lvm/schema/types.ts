// The shape of the lvm.conf schema: one table of every lvm2 2.03.x section and setting,
// read by validation, hover and completion alike.

/** Value types as lvm2's config checker knows them (CFG_TYPE_*). */
export type LvmValueType = 'bool' | 'int' | 'float' | 'string';

export interface LvmSetting {
  /**
   * Full path with '/' between names, as lvmconfig prints it: `devices/filter`.
   * A section whose name the user chooses is written `#`: `tags/#/host_list`.
   */
  path: string;
  kind: 'section' | 'setting';
  /** Accepted value types (several only for arrays that mix types, e.g. `[ "fd", 16 ]`). Empty for sections. */
  types: LvmValueType[];
  /** An array setting (a single value without brackets is accepted as a one-element array). */
  array?: boolean;
  /** The built-in default as lvm.conf text (`1`, `"passdown"`, `[ "a|.*|" ]`); absent when unset or computed. */
  default?: string;
  /** Why there is no fixed default, in words (computed at run time, set at build time, left to the kernel). */
  defaultNote?: string;
  /** First lvm2 release that reads it, written as lvm2 prints it: `2.03.12`. */
  since: string;
  /** Still read, but superseded. */
  deprecated?: { since: string; use?: string; note: string };
  /** Known to the checker (lvmconfig accepts it) but no longer has the documented effect. */
  removed?: { since: string; use?: string; note: string };
  /** Allowed words for a string setting that lvm2 checks against a fixed list. */
  values?: string[];
  /** lvm2 compares the words with strcasecmp (otherwise strcmp). */
  caseInsensitive?: boolean;
  /** Inclusive bounds that lvm2 enforces or documents for integer settings. */
  min?: number;
  max?: number;
  unit?: 'sectors' | 'KiB' | 'MiB' | 'percent' | 'seconds' | 'milliseconds';
  /** CFG_ALLOW_EMPTY: an empty string or `[ ]` is accepted. */
  allowEmpty?: boolean;
  advanced?: boolean;
  unsupported?: boolean;
  /** CFG_DISABLED: lvm2 always uses the default and warns when it is set. */
  disabled?: boolean;
  /** Customisable by a command or metadata profile. */
  profilable?: boolean;
  /** CFG_SECTION_NO_CHECK: the section's contents are not checked (e.g. cache_settings policies). */
  noCheck?: boolean;
  /** A short explanation in our own words, Markdown. */
  doc: string;
}
