// PCI_SPEC_STRING (`pci = [ '...' ]`) read exactly as libxlutil's xlu_pci_parse_spec_string
// (libxlu_pci.c; the same from Xen 4.17 to 4.22) reads it: glibc sscanf("%x") numbers, the same
// order of checks, the same messages. Most failures print nothing but xl's final line.
import type { SpecIssue, SpecPart, SpecResult } from './types';
import { strtoull } from './rate';

export type RdmPolicy = 'strict' | 'relaxed' | 'invalid';

export interface Pci {
  /** The host device (all 0 when it is given by `name=`). */
  domain: number;
  bus: number;
  dev: number;
  func: number;
  /** `*` as the function: every function of the device. */
  allFunctions: boolean;
  /** The guest slot (`@VSLOT` or `vslot=`). */
  vslot?: number;
  /** Options left out take xl's global defaults (pci_permissive=, ...). */
  permissive?: boolean;
  msitranslate?: boolean;
  seize?: boolean;
  powerMgmt?: boolean;
  rdmPolicy?: RdmPolicy;
  /** An assignable device's name (`name=`), instead of a BDF. */
  name?: string;
}

interface Bdf {
  domain: number;
  bus: number;
  dev: number;
  func: number;
  allFunctions: boolean;
  end: number;
  /** No `.F`: what xl does then is undefined behaviour (see parseBdf). */
  missingDot: boolean;
}

interface BdfError {
  message: string;
  start: number;
  end: number;
}

const BDF_SYNTAX = 'expected a BDF [DDDD:]BB:DD.F (hex, function 0-7 or *) or key=value options';
const OPTIONS: Record<string, 'permissive' | 'msitranslate' | 'seize' | 'powerMgmt'> = {
  permissive: 'permissive',
  msitranslate: 'msitranslate',
  seize: 'seize',
  power_mgmt: 'powerMgmt',
};

const isSpace = (c: string | undefined): boolean => c !== undefined && ' \t\n\v\f\r'.includes(c);
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/**
 * glibc sscanf's `%x` into an unsigned int: white space, a sign, a `0x` that it takes whole even
 * with no digit after it (unlike strtoul), then strtoul's value cut to 32 bits. Undefined when
 * nothing matches.
 */
function scanHex(s: string, pos: number): { value: number; start: number; end: number } | undefined {
  let start = pos;
  while (isSpace(s[start])) start++;
  const digits = s[start] === '+' || s[start] === '-' ? start + 1 : start;
  let end = digits;
  if (s[end] === '0') {
    end++;
    if (s[end] === 'x' || s[end] === 'X') end++;
  }
  while (isHex(s[end])) end++;
  if (end === digits) return undefined;
  return { value: Number(strtoull(s.slice(start, end), 0, 16).value & 0xffffffffn), start, end };
}

/** parse_bdf: the domain is there when the leading run of hex digits and colons has two colons. */
function parseBdf(s: string): Bdf | BdfError {
  let colons = 0;
  for (let i = 0; i < s.length && (isHex(s[i]) || s[i] === ':'); i++) if (s[i] === ':') colons++;
  const space = isSpace(s[0]) ? ' (xl does not skip leading spaces)' : '';
  const syntax = { message: BDF_SYNTAX + space, start: 0, end: Math.max(1, bdfText(s).length) };
  if (colons !== 1 && colons !== 2) return syntax;
  const nums: Array<{ value: number; start: number; end: number }> = [];
  let p = 0;
  let missingDot = false;
  for (let k = 0; k <= colons; k++) {
    const n = scanHex(s, p);
    if (!n || (k < colons && s[n.end] !== ':')) return syntax;
    nums.push(n);
    p = n.end + 1;
    // Without the '.', sscanf still returns the full count but never sets %n: C reads an
    // uninitialised int. Debian's 4.17 build finds 0 there, so the function is re-read from the start.
    if (k === colons && s[n.end] !== '.') {
      p = 0;
      missingDot = true;
    }
  }
  if (colons === 1) nums.unshift({ value: 0, start: 0, end: 0 });
  const limits: Array<[string, number]> = [['domain', 0xffff], ['bus', 0xff], ['device', 0x1f]];
  for (let k = 0; k < 3; k++) {
    const [what, max] = limits[k];
    if (nums[k].value > max) return { message: `PCI ${what} ${hex(nums[k].value)} is out of range (0-${hex(max)})`, start: nums[k].start, end: nums[k].end };
  }
  const [domain, bus, dev] = nums.map((n) => n.value);
  if (s[p] === '*') return { domain, bus, dev, func: 0, allFunctions: true, end: p + 1, missingDot };
  const f = scanHex(s, p);
  if (!f || f.value > 7) {
    return missingDot ? { ...syntax, message: noFunction(s) } : { message: 'the PCI function must be 0-7 or *', start: p, end: f ? f.end : p + 1 };
  }
  return { domain, bus, dev, func: f.value, allFunctions: false, end: f.end, missingDot };
}

/** parse_vslot: one hex number, 0-1f. */
function parseVslot(s: string, pos: number): { value: number; end: number } | BdfError {
  const v = scanHex(s, pos);
  if (v && v.value <= 0x1f) return v;
  return { message: 'the virtual slot must be a hex number 0-1f', start: pos, end: v ? v.end : pos + 1 };
}

/** The text a BDF at the start of `s` could span. */
function bdfText(s: string): string {
  return s.slice(0, s.search(/[,@]|$/));
}

function noFunction(s: string): string {
  return `the BDF \`${bdfText(s)}' has no .F function (e.g. ${bdfText(s).trim()}.0)`;
}

function hex(n: number): string {
  return n.toString(16);
}

/** atoi as glibc does it: strtol, clamped to the long range, then cut to int. */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s);
  if (!m) return 0;
  const v = BigInt(m[1]);
  const clamped = v > 0x7fffffffffffffffn ? 0x7fffffffffffffffn : v < -0x8000000000000000n ? -0x8000000000000000n : v;
  return Number(BigInt.asIntN(32, clamped));
}

/** Parses one PCI_SPEC_STRING as libxlutil does. Offsets are into `spec`. */
export function parsePci(spec: string): SpecResult<Pci> {
  const parts: SpecPart[] = [];
  const issues: SpecIssue[] = [];
  const pci: Pci = { domain: 0, bus: 0, dev: 0, func: 0, allFunctions: false };
  let hasBdf = false;
  let hasName = false;
  const seen = new Set<string>();
  const fail = (e: BdfError, report = ''): SpecResult<Pci> => {
    // xl prints the library's text (no newline of its own) followed by its own line.
    issues.push({ severity: 'error', ...e, xl: `${report}unable to parse PCI_SPEC_STRING \`${spec}' for passthrough` });
    return { parts, issues };
  };
  const warn = (message: string, start: number, end: number): void => {
    issues.push({ severity: 'warning', message, start, end });
  };
  const part = (key: string, start: number, end: number, value: string, positional?: boolean): void => {
    if (seen.has(key)) warn(`\`${key}' is given more than once; xl uses the last one`, start, end);
    seen.add(key);
    parts.push({ key, value, start, end, ...(positional ? { positional } : {}) });
  };
  const setBdf = (b: Bdf): void => {
    Object.assign(pci, { domain: b.domain, bus: b.bus, dev: b.dev, func: b.func, allFunctions: b.allFunctions });
    hasBdf = true;
  };
  const ignoredRest = (what: string, value: string, end: number, valueStart: number): void => {
    if (end < value.length) warn(`xl ignores \`${value.slice(end)}' after the ${what}`, valueStart + end, valueStart + value.length);
  };

  // A BDF first is positional; when it does not parse, xl silently reads the whole string as key=value.
  let pos = 0;
  const positional = parseBdf(spec);
  if (!('message' in positional)) {
    if (positional.missingDot) return fail({ message: noFunction(spec), start: 0, end: bdfText(spec).length });
    setBdf(positional);
    part('bdf', 0, positional.end, spec.slice(0, positional.end), true);
    pos = positional.end;
    if (spec[pos] === '@') {
      const v = parseVslot(spec, pos + 1);
      if ('message' in v) return fail(v);
      pci.vslot = v.value;
      part('vslot', pos + 1, v.end, spec.slice(pos + 1, v.end), true);
      pos = v.end;
    }
    if (spec[pos] === ',') pos++;
    else if (pos < spec.length) return fail({ message: `unexpected \`${spec.slice(pos)}' after the BDF`, start: pos, end: spec.length });
  }

  while (pos < spec.length) {
    const eq = spec.indexOf('=', pos);
    if (eq < 0) {
      const e = pos === 0 && 'message' in positional ? positional : { message: `expected key=value, not \`${spec.slice(pos)}'`, start: pos, end: spec.length };
      return fail(e);
    }
    // The key runs to the first '=' even across commas; the value runs to the next comma.
    const comma = spec.indexOf(',', eq + 1);
    const end = comma < 0 ? spec.length : comma;
    const key = spec.slice(pos, eq);
    const value = spec.slice(eq + 1, end);
    const vStart = eq + 1;
    part(key, pos, end, value);
    if (key === 'bdf') {
      const b = parseBdf(value);
      if ('message' in b) return fail({ message: b.message, start: vStart + b.start, end: vStart + b.end });
      setBdf(b);
      if (b.missingDot) {
        const message = `${noFunction(value)}: its behaviour is undefined; Debian's 4.17 build takes the first number as the function (${b.func})`;
        warn(message, vStart, end);
      } else {
        ignoredRest('BDF', value, b.end, vStart);
      }
    } else if (key === 'vslot') {
      const v = parseVslot(value, 0);
      if ('message' in v) return fail({ message: v.message, start: vStart + v.start, end: vStart + v.end });
      pci.vslot = v.value;
      ignoredRest('slot number', value, v.end, vStart);
    } else if (Object.hasOwn(OPTIONS, key)) {
      const on = atoi(value) !== 0;
      pci[OPTIONS[key]] = on;
      if (value !== '0' && value !== '1') warn(`\`${value}' is not 0 or 1: xl reads it with atoi() as ${on ? 'on' : 'off'}`, vStart, end);
    } else if (key === 'rdm_policy') {
      const policy = value.replace(/[A-Z]/g, (c) => c.toLowerCase());
      if (policy !== 'strict' && policy !== 'relaxed' && policy !== 'invalid') {
        return fail({ message: `unknown rdm_policy \`${value}': expected strict or relaxed`, start: vStart, end }, `Unknown RDM policy: ${value}`);
      }
      pci.rdmPolicy = policy;
      if (policy === 'invalid') warn('rdm_policy=invalid is accepted but means the default, strict', vStart, end);
    } else if (key === 'name') {
      hasName = true;
      pci.name = value;
    } else {
      const bdfNote = pos === 0 && 'message' in positional ? ` (read as a BDF: ${positional.message})` : '';
      const known = Object.hasOwn(OPTIONS, key.trim()) || ['bdf', 'vslot', 'rdm_policy', 'name'].includes(key.trim());
      const spaceNote = known && key !== key.trim() ? ' (xl does not skip spaces around keys)' : '';
      return fail({ message: `unknown option \`${key}'${spaceNote}${bdfNote}`, start: pos, end: Math.max(eq, pos + 1) }, `Unknown PCI_SPEC_STRING option: ${key}`);
    }
    pos = comma < 0 ? end : end + 1;
  }

  if (hasBdf === hasName) {
    const message = hasBdf ? 'give either a BDF or name=, not both' : `no device: ${BDF_SYNTAX}, or name=`;
    return fail({ message, start: 0, end: spec.length });
  }
  return { value: pci, parts, issues };
}
