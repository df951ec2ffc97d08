// The settings of a parsed xl config as xl reads them: the last assignment of a
// key wins, `+=` appends, and numbers are read with C's strtol(…, 0), with the
// same warnings libxlutil prints (xlu_cfg_get_*).
import type { XlAssignment, XlDocument, XlList, XlValue } from './ast';

export type XlData = string | XlData[];

export interface XlSetting {
  key: string;
  /** The assignment that defines the value xl sees (the last one). */
  assignment: XlAssignment;
  /** Every assignment of the key, first to last (the last is `assignment`). */
  all: XlAssignment[];
  value: XlData;
}

export type NumberRead =
  | { ok: true; value: bigint }
  | { ok: false; absent: true }
  | { ok: false; absent?: false; warning: string };

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

export class XlConfig {
  readonly settings = new Map<string, XlSetting>();

  constructor(readonly doc: XlDocument) {
    for (const a of doc.assignments) {
      const prev = this.settings.get(a.key);
      let value = toData(a.value);
      if (a.op === '+=' && prev) {
        if (typeof prev.value === 'string' && typeof value === 'string') value = prev.value + value;
        else if (Array.isArray(prev.value) && Array.isArray(value)) {
          // only the latest value of a key is kept, so the earlier list can simply grow
          for (const item of value) prev.value.push(item);
          value = prev.value;
        }
      }
      const all = prev ? prev.all : [];
      all.push(a);
      this.settings.set(a.key, { key: a.key, assignment: a, all, value });
    }
  }

  has(key: string): boolean {
    return this.settings.has(key);
  }

  get(key: string): XlSetting | undefined {
    return this.settings.get(key);
  }

  /** xlu_cfg_get_string: the value when it is a single string. */
  string(key: string): string | undefined {
    const v = this.settings.get(key)?.value;
    return typeof v === 'string' ? v : undefined;
  }

  /** xlu_cfg_get_list: the items when the value is a list. */
  list(key: string): XlData[] | undefined {
    const v = this.settings.get(key)?.value;
    return Array.isArray(v) ? v : undefined;
  }

  /** xlu_cfg_get_long, with the warning xl would print on failure. */
  long(key: string, filename = 't.cfg'): NumberRead {
    const s = this.settings.get(key);
    if (!s) return { ok: false, absent: true };
    const line = s.assignment.line;
    if (typeof s.value !== 'string') {
      return { ok: false, warning: `${filename}:${line}: warning: parameter \`${key}' is a list but should be a single value` };
    }
    if (s.assignment.op === '+=') {
      return { ok: false, warning: `${filename}:${line}: warning: can't use += with numbers for parameter \`${key}'` };
    }
    const r = strtol(s.value);
    if (r.overflow) {
      return {
        ok: false,
        warning: `${filename}:${line}: warning: parameter \`${key}' could not be parsed as a number: Numerical result out of range`,
      };
    }
    if (r.end !== s.value.length || r.end === 0) {
      return { ok: false, warning: `${filename}:${line}: warning: parameter \`${key}' is not a valid number` };
    }
    return { ok: true, value: r.value };
  }
}

/** The value as plain data; iterative, as lists may nest thousands deep. */
function toData(v: XlValue): XlData {
  if (v.kind !== 'list') return v.value;
  const root: XlData[] = [];
  const stack: Array<[XlList, XlData[]]> = [[v, root]];
  while (stack.length) {
    const [list, out] = stack.pop()!;
    for (const item of list.items) {
      if (item.kind !== 'list') {
        out.push(item.value);
        continue;
      }
      const child: XlData[] = [];
      out.push(child);
      stack.push([item, child]);
    }
  }
  return root;
}

/**
 * C's strtol(s, &end, 0) for a 64-bit long: leading blanks, a sign, then `0x` hex,
 * `0` octal or decimal. `end` is 0 when no digits were found.
 */
export function strtol(s: string): { value: bigint; end: number; overflow: boolean } {
  let i = 0;
  while (i < s.length && ' \t\n\v\f\r'.includes(s[i])) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  let base = 10;
  if (s[i] === '0') {
    if ((s[i + 1] === 'x' || s[i + 1] === 'X') && isDigit(s[i + 2], 16)) {
      base = 16;
      i += 2;
    } else base = 8;
  }
  const start = i;
  let value = 0n;
  const b = BigInt(base);
  while (i < s.length && isDigit(s[i], base)) {
    value = value * b + BigInt(parseInt(s[i], 16));
    i++;
  }
  if (i === start) return { value: 0n, end: 0, overflow: false };
  if (negative) value = -value;
  if (value > LONG_MAX) return { value: LONG_MAX, end: i, overflow: true };
  if (value < LONG_MIN) return { value: LONG_MIN, end: i, overflow: true };
  return { value, end: i, overflow: false };
}

/**
 * How strtol(…, 0) treats a leading 0 in `s`: `octal` when the digits after it are all
 * octal (xl reads `0400` as 256), `broken` when an 8 or 9 follows (strtol stops at it, so
 * xl rejects `08`), otherwise undefined. `decimal` is the same digits read in base 10,
 * which is what the writer usually meant.
 */
export function leadingZero(s: string): { kind: 'octal' | 'broken'; decimal: bigint } | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)0([0-9]+)$/.exec(s);
  if (!m) return undefined;
  return { kind: /[89]/.test(m[2]) ? 'broken' : 'octal', decimal: BigInt(m[1] + m[2]) };
}

function isDigit(c: string | undefined, base: number): boolean {
  if (c === undefined) return false;
  const d = parseInt(c, 16);
  return /^[0-9a-fA-F]$/.test(c) && d < base;
}
