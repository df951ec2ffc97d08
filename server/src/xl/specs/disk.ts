// Disk specs (`disk = [ 'DISKSPEC', ... ]`) read exactly as libxlutil's flex scanner
// (libxlu_disk_l.l) reads them: the same rules, the same longest-match choice
// between them (trailing context counts towards the length), the same messages.
import type { SpecIssue, SpecPart, SpecResult } from './types';
import { versionAtLeast } from '../version';

export type DiskFormat = 'raw' | 'qcow' | 'qcow2' | 'vhd' | 'empty' | 'qed';
export type DiskBackendType = 'phy' | 'tap' | 'qdisk' | 'standalone';

export interface Disk {
  /** pdev_path: null when no target was given, '' for an empty CD-ROM drive. */
  target: string | null;
  format: DiskFormat;
  vdev: string;
  readwrite: boolean;
  cdrom: boolean;
  removable: boolean;
  backendtype?: DiskBackendType;
  /** The driver domain serving the disk (`backend=`). */
  backend?: string;
  script?: string;
  specification?: 'xen' | 'virtio';
  directIoSafe: boolean;
  discard?: boolean;
  colo?: boolean;
  trusted?: boolean;
  grantUsage?: boolean;
  coloHost?: string;
  coloPort?: number;
  coloExport?: string;
  activeDisk?: string;
  hiddenDisk?: string;
  /** Legacy prefixes such as `phy:` or `tap:aio:` that libxlutil strips. */
  prefixes: string[];
}

interface State {
  spec: string;
  version: string;
  disk: Omit<Disk, 'format' | 'vdev' | 'target' | 'backendtype' | 'specification'> & {
    target: string | null;
    vdev: string | null;
    format?: DiskFormat;
    backendtype?: DiskBackendType;
    specification?: 'xen' | 'virtio';
  };
  hadPrefix: boolean;
  accessSet: boolean;
  err: boolean;
  stop: boolean;
  issues: SpecIssue[];
  parts: SpecPart[];
}

/** What one scanner rule matched: yytext's extent and the total length including trailing context. */
interface Match {
  textEnd: number;
  total: number;
}

type Action = (st: State, start: number, end: number) => void;

interface Rule {
  head: RegExp;
  /** Trailing context (flex `r/s`): counts for the longest match, is not part of yytext. */
  trail?: RegExp;
  since?: string;
  action: Action;
}

const FORMATS: Record<string, DiskFormat> = { '': 'raw', raw: 'raw', qcow: 'qcow', qcow2: 'qcow2', vhd: 'vhd', empty: 'empty', qed: 'qed' };
const BACKENDTYPES: DiskBackendType[] = ['phy', 'tap', 'qdisk', 'standalone'];

/** xlu__disk_err. `text` is what xl quotes when it is not simply the spec's text at `near`. */
function err(st: State, message: string, near: { start: number; end: number } | undefined, text?: string): void {
  const nearText = near ? `: near \`${text ?? st.spec.slice(near.start, near.end)}'` : '';
  st.issues.push({
    severity: 'error',
    message: `${message}${nearText}`,
    start: near?.start ?? 0,
    end: near?.end ?? st.spec.length,
    xl: `config parsing error in disk specification: ${message}${nearText} in \`${st.spec}'`,
  });
  st.err = true;
}

/** STRIP(','): the extent of yytext without one trailing comma. */
function strip(st: State, start: number, end: number): number {
  return end > start && st.spec[end - 1] === ',' ? end - 1 : end;
}

/** The value part of `key=value[,]`. */
function fromEquals(st: State, start: number, end: number): { start: number; end: number } {
  return { start: st.spec.indexOf('=', start) + 1, end: strip(st, start, end) };
}

function part(st: State, key: string, start: number, end: number, value?: { start: number; end: number }, positional = false): void {
  st.parts.push({ key, start, end: strip(st, start, end), value: value && st.spec.slice(value.start, value.end), positional });
}

/** DSET: an enum may be set again only to the same value. */
function dset<K extends 'format' | 'backendtype' | 'specification'>(
  st: State, member: K, value: NonNullable<State['disk'][K]>, near: { start: number; end: number }, what: string,
): void {
  const cur = st.disk[member];
  if (cur !== undefined && cur !== value) err(st, `${what} respecified`, near);
  else st.disk[member] = value;
}

function setFormat(st: State, v: { start: number; end: number }): void {
  const f = FORMATS[st.spec.slice(v.start, v.end)];
  if (f) dset(st, 'format', f, v, 'format');
  else err(st, 'unknown value for format', v);
}

function setAccess(st: State, v: { start: number; end: number }): void {
  const a = st.spec.slice(v.start, v.end);
  if (a === 'r' || a === 'ro') st.disk.readwrite = false;
  else if (a === 'rw' || a === 'w' || a === '') st.disk.readwrite = true;
  else err(st, 'unknown value for access', v);
}

type StringField = 'target' | 'vdev' | 'backend' | 'script' | 'coloHost' | 'coloExport' | 'activeDisk' | 'hiddenDisk';

/** savestring: a string may not be set twice, except over an empty one. */
function saveString(st: State, field: StringField, what: string, v: { start: number; end: number }, text = st.spec.slice(v.start, v.end)): void {
  if (st.disk[field]) err(st, `${what} respecified`, v, text);
  else st.disk[field] = text;
}

/** `<vdev>:<devtype>` in a positional slot (xm style); returns false when there is no colon. */
function vdevAndDevtype(st: State, v: { start: number; end: number }): boolean {
  const text = st.spec.slice(v.start, v.end);
  const colon = text.lastIndexOf(':');
  if (colon < 0) return false;
  saveString(st, 'vdev', 'vdev', { start: v.start, end: v.start + colon });
  const devtype = text.slice(colon + 1);
  if (devtype === 'cdrom') st.disk.cdrom = true;
  else if (devtype === 'disk') st.disk.cdrom = false;
  else err(st, 'unknown deprecated type', { start: v.start + colon + 1, end: v.end });
  return true;
}

const keyValue = (key: string, action: (st: State, v: { start: number; end: number }, start: number, end: number) => void): Rule => ({
  head: new RegExp(`${key}=[^,]*,?`, 'y'),
  action: (st, start, end) => {
    const v = fromEquals(st, start, end);
    part(st, key, start, end, v);
    action(st, v, start, end);
  },
});

const flag = (name: string, action: (st: State) => void, key = name): Rule => ({
  head: new RegExp(`${name},?`, 'y'),
  action: (st, start, end) => {
    part(st, key, start, end);
    action(st);
  },
});

/** Legacy `prefix:` forms; the `/.*` trailing context makes them win over a positional match. */
const prefix = (pattern: string, action: (st: State, name: { start: number; end: number }) => void): Rule => ({
  head: new RegExp(`(?:${pattern}):`, 'y'),
  trail: /[^\n]*/y,
  action: (st, start, end) => {
    st.hadPrefix = true;
    const name = { start, end: end - 1 };
    st.disk.prefixes.push(st.spec.slice(start, end));
    part(st, 'prefix', start, end, name);
    action(st, name);
  },
});

function setBool(field: 'discard' | 'colo' | 'trusted' | 'grantUsage', value: boolean) {
  return (st: State) => {
    st.disk[field] = value;
  };
}

const RULES: Rule[] = [
  // whitespace before a parameter is ignored
  { head: /[ \t\n]+/y, trail: /(?:[^ \t\n][^\n]*)?/y, action: () => undefined },
  keyValue('format', setFormat),
  flag('cdrom', (st) => (st.disk.cdrom = true)),
  flag('devtype=cdrom', (st) => (st.disk.cdrom = true), 'devtype'),
  flag('devtype=disk', (st) => (st.disk.cdrom = false), 'devtype'),
  {
    head: /devtype=[^,]*,?/y,
    action: (st, start, end) => {
      part(st, 'devtype', start, end, fromEquals(st, start, end));
      err(st, 'unknown value for type', { start, end });
    },
  },
  keyValue('access', setAccess),
  keyValue('backend', (st, v) => saveString(st, 'backend', 'backend', v)),
  keyValue('backendtype', (st, v) => {
    const b = st.spec.slice(v.start, v.end) as DiskBackendType;
    if (BACKENDTYPES.includes(b)) dset(st, 'backendtype', b, v, 'backend');
    else err(st, 'unknown value for backendtype', v);
  }),
  keyValue('specification', (st, v) => {
    const s = st.spec.slice(v.start, v.end);
    if (s === 'xen' || s === 'virtio') dset(st, 'specification', s, v, 'specification');
    else err(st, 'unknown value for specification', v);
  }),
  keyValue('vdev', (st, v) => saveString(st, 'vdev', 'vdev', v)),
  keyValue('script', (st, v) => saveString(st, 'script', 'script', v)),
  flag('direct-io-safe', (st) => (st.disk.directIoSafe = true)),
  flag('discard', setBool('discard', true)),
  flag('no-discard', setBool('discard', false)),
  flag('colo', setBool('colo', true)),
  flag('no-colo', setBool('colo', false)),
  keyValue('colo-host', (st, v) => saveString(st, 'coloHost', 'colo-host', v)),
  keyValue('colo-port', (st, v) => {
    const port = atoi(st.spec.slice(v.start, v.end));
    if (port) st.disk.coloPort = port;
    else err(st, 'unknown value for colo_port', v);
  }),
  keyValue('colo-export', (st, v) => saveString(st, 'coloExport', 'colo-export', v)),
  keyValue('active-disk', (st, v) => saveString(st, 'activeDisk', 'active-disk', v)),
  keyValue('hidden-disk', (st, v) => saveString(st, 'hiddenDisk', 'hidden-disk', v)),
  // Documented since 4.16, but the scanner Xen ships only learnt these in 4.19: before,
  // `trusted` and `untrusted` were read as positional parameters.
  { ...flag('trusted', setBool('trusted', true)), since: '4.19' },
  { ...flag('untrusted', setBool('trusted', false)), since: '4.19' },
  { ...flag('grant_usage=1', setBool('grantUsage', true), 'grant_usage'), since: '4.19' },
  { ...flag('grant_usage=0', setBool('grantUsage', false), 'grant_usage'), since: '4.19' },
  // target= swallows the rest of the string, commas included
  {
    head: /target=[^\n]*/y,
    action: (st, start, end) => {
      const v = fromEquals(st, start, end);
      part(st, 'target', start, end, v);
      saveString(st, 'target', 'target', v);
    },
  },
  {
    head: /[a-z][-a-z0-9]*=[^,],?/y,
    action: (st, start, end) => {
      part(st, st.spec.slice(start, st.spec.indexOf('=', start)), start, end, fromEquals(st, start, end));
      err(st, 'unknown parameter', { start, end });
    },
  },
  prefix('raw|qcow2?|vhd', setFormat),
  prefix('iscsi|e?nbd|drbd', (st, name) => saveString(st, 'script', 'script', name, `block-${st.spec.slice(name.start, name.end)}`)),
  prefix('tapdisk', () => undefined),
  prefix('tap2?', () => undefined),
  prefix('aio', () => undefined),
  prefix('ioemu', () => undefined),
  prefix('file', () => undefined),
  prefix('phy', () => undefined),
  {
    head: /[a-z][a-z0-9]*:/y,
    trail: /(?:[^a-z0-9\n][^\n]*)?/y,
    action: (st, start, end) => {
      err(st, 'unknown deprecated disk prefix', { start, end });
      st.stop = true;
    },
  },
  { head: /[^=,]*,|[^=,]+,?/y, action: positional },
];

function positional(st: State, start: number, end: number): void {
  const v = { start, end: strip(st, start, end) };
  if (st.err) return; // earlier errors would only cause more
  const d = st.disk;
  if (d.target === null) {
    part(st, 'target', start, end, v, true);
    saveString(st, 'target', 'target', v);
  } else if (!st.hadPrefix && d.format === undefined) {
    // with an empty target, `hdc:cdrom` in the format slot is the xm way to name an empty drive
    if (!d.target && vdevAndDevtype(st, v)) {
      part(st, 'vdev', start, end, v, true);
      d.format = 'empty';
    } else {
      part(st, 'format', start, end, v, true);
      setFormat(st, v);
    }
  } else if (d.vdev === null) {
    part(st, 'vdev', start, end, v, true);
    if (!vdevAndDevtype(st, v)) saveString(st, 'vdev', 'vdev', v);
  } else if (!st.accessSet) {
    part(st, 'access', start, end, v, true);
    st.accessSet = true;
    setAccess(st, v);
  } else {
    err(st, 'too many positional parameters', v);
    st.stop = true;
  }
}

const RULES_BY_VERSION = new Map<string, Map<string, Rule[]>>();

/**
 * The scanner's rules for a Xen version, indexed by the first character they can
 * match (most start with a keyword), in rule order; '' holds the rules for any other character.
 */
function rulesFor(version: string): Map<string, Rule[]> {
  let byChar = RULES_BY_VERSION.get(version);
  if (byChar) return byChar;
  const rules = RULES.filter((r) => !r.since || versionAtLeast(version, r.since));
  const firstChar = (r: Rule) => (/^[a-z]/.test(r.head.source) && !/^[a-z][?*+|]/.test(r.head.source) ? r.head.source[0] : undefined);
  byChar = new Map();
  const chars = new Set(rules.map(firstChar).filter((c): c is string => !!c));
  for (const c of [...chars, '']) byChar.set(c, rules.filter((r) => { const f = firstChar(r); return f === undefined || f === c; }));
  RULES_BY_VERSION.set(version, byChar);
  return byChar;
}

function matchAt(rule: Rule, s: string, pos: number): Match | undefined {
  rule.head.lastIndex = pos;
  const m = rule.head.exec(s);
  if (!m) return undefined;
  const textEnd = pos + m[0].length;
  let total = m[0].length;
  if (rule.trail) {
    rule.trail.lastIndex = textEnd;
    total += rule.trail.exec(s)?.[0].length ?? 0;
  }
  return total > 0 ? { textEnd, total } : undefined;
}

/** Parses one disk spec string as xl's xlu_disk_parse does for `version`. */
export function parseDisk(spec: string, version = '4.17'): SpecResult<Disk> {
  const st: State = {
    spec,
    version,
    disk: { target: null, vdev: null, readwrite: true, cdrom: false, removable: false, directIoSafe: false, prefixes: [] },
    hadPrefix: false,
    accessSet: false,
    err: false,
    stop: false,
    issues: [],
    parts: [],
  };
  const rules = rulesFor(version);
  let pos = 0;
  while (pos < spec.length && !st.stop) {
    let best: { rule: Rule; m: Match } | undefined;
    for (const rule of rules.get(spec[pos]) ?? rules.get('')!) {
      const m = matchAt(rule, spec, pos);
      if (m && (!best || m.total > best.m.total)) best = { rule, m };
    }
    if (!best) {
      badSyntax(st, pos);
      break;
    }
    best.rule.action(st, pos, best.m.textEnd);
    pos = best.m.textEnd;
  }
  return finish(st);
}

/**
 * flex's catch-all: the character and the rest of its line are "bad disk syntax".
 * With nothing after the character flex reports nothing; with a newline right
 * after it, the scanner jams and xl dies ("flex scanner jammed").
 */
function badSyntax(st: State, pos: number): void {
  const next = st.spec[pos + 1];
  if (next === undefined) return;
  if (next === '\n') {
    st.issues.push({ severity: 'error', message: 'bad disk syntax: xl crashes on this ("flex scanner jammed")', start: pos, end: pos + 1 });
    st.err = true;
    return;
  }
  const nl = st.spec.indexOf('\n', pos);
  err(st, 'bad disk syntax', { start: pos, end: nl < 0 ? st.spec.length : nl });
}

function finish(st: State): SpecResult<Disk> {
  const d = st.disk;
  if (!st.err) {
    d.format ??= 'raw';
    if (d.cdrom) {
      d.removable = true;
      d.readwrite = false;
      if (!d.target) d.format = 'empty';
    }
    if (d.vdev === null) err(st, 'no vdev specified', undefined);
    else if (d.target === null && !d.removable) err(st, 'no target specified (and device not removable)', undefined);
  }
  if (st.err) return { parts: st.parts, issues: st.issues };
  return { value: { ...d, format: d.format ?? 'raw', vdev: d.vdev ?? '' }, parts: st.parts, issues: st.issues };
}

function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? Number.parseInt(m[1], 10) | 0 : 0;
}

const vdevNumbers = new Map<string, number | undefined>();

/**
 * The xenstore device number libxl gives a vdev name (libxl__device_disk_dev_number),
 * or undefined when libxl rejects it ("Invalid or unsupported virtual disk identifier").
 * Two names with the same number are the same device (`xvda` and `51712`).
 */
export function vdevNumber(vdev: string): number | undefined {
  if (vdevNumbers.has(vdev)) return vdevNumbers.get(vdev);
  if (vdevNumbers.size > 50000) vdevNumbers.clear();
  const n = computeVdevNumber(vdev);
  vdevNumbers.set(vdev, n);
  return n;
}

function computeVdevNumber(vdev: string): number | undefined {
  const d = /^d(\d+)p(\d+)$/.exec(vdev);
  if (d && Number(d[1]) < 1 << 20 && Number(d[2]) < 256) return xvdNumber(Number(d[1]), Number(d[2]));
  const xvd = virtdisk(vdev, 'xvd', (1 << 20) - 1, 255);
  if (xvd) return xvdNumber(xvd.disk, xvd.partition);
  if (/^(0x[0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.test(vdev)) {
    const n = Number(vdev.startsWith('0') && !vdev.startsWith('0x') ? parseInt(vdev, 8) : vdev);
    if (n <= 0x7fffffff) return n;
  }
  const hd = virtdisk(vdev, 'hd', 3, 63);
  if (hd) return ((hd.disk < 2 ? 3 : 22) << 8) | ((hd.disk & 1) << 6) | hd.partition;
  const sd = virtdisk(vdev, 'sd', 15, 15);
  if (sd) return (8 << 8) | (sd.disk << 4) | sd.partition;
  return undefined;
}

/**
 * The disk index libxl__device_disk_dev_number hands back with the number (xvdc and hdc are
 * disk 2); undefined for plain numbers, whose index libxl does not work out.
 */
export function vdevDiskIndex(vdev: string): number | undefined {
  const d = /^d(\d+)p(\d+)$/.exec(vdev);
  if (d) return vdevNumber(vdev) === undefined ? undefined : Number(d[1]);
  if (vdevNumber(vdev) === undefined) return undefined;
  return (virtdisk(vdev, 'xvd', (1 << 20) - 1, 255) ?? virtdisk(vdev, 'hd', 3, 63) ?? virtdisk(vdev, 'sd', 15, 15))?.disk;
}

function xvdNumber(disk: number, partition: number): number {
  return disk <= 15 && partition <= 15 ? (202 << 8) | (disk << 4) | partition : (1 << 28) | (disk << 8) | partition;
}

/** device_virtdisk_matches: letters count in base 26 (a, …, z, aa, …); the partition has no leading zero. */
function virtdisk(vdev: string, prefix: string, maxDisk: number, maxPartition: number): { disk: number; partition: number } | undefined {
  if (!vdev.startsWith(prefix)) return undefined;
  let disk = -1;
  let i = prefix.length;
  for (; i < vdev.length && vdev[i] >= 'a' && vdev[i] <= 'z'; i++) {
    disk = (disk + 1) * 26 + (vdev.charCodeAt(i) - 97);
    if (disk > maxDisk) return undefined;
  }
  if (disk < 0) return undefined;
  const rest = vdev.slice(i);
  if (!rest) return { disk, partition: 0 };
  if (!/^[1-9]\d*$/.test(rest) || Number(rest) > maxPartition) return undefined;
  return { disk, partition: Number(rest) };
}
