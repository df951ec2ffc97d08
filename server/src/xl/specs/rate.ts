// The vif `rate=` value, read exactly as libxlutil's xlu_vif_parse_rate (libxlu_vif.c) reads it:
// the same two regexes, the same strtoull(…, 0) conversions, the same 32-bit limits and messages.
import type { SpecIssue, SpecResult } from './types';

export interface Rate {
  bytesPerInterval: bigint;
  intervalUsecs: number;
}

const UINT32_MAX = 0xffffffffn;
const UINT64_MAX = 0xffffffffffffffffn;
const DEFAULT_INTERVAL_USECS = 50000n;

/**
 * C's strtoull (glibc, 64-bit): leading white space, a sign, a `0x` prefix for base 16 (or 0),
 * a leading 0 meaning octal for base 0. `end` is where the number stops (`start` when there is
 * none); overflow gives ULLONG_MAX; a minus sign negates modulo 2^64.
 */
export function strtoull(s: string, start: number, base: 0 | 10 | 16): { value: bigint; end: number } {
  let i = start;
  while (i < s.length && ' \t\n\v\f\r'.includes(s[i])) i++;
  const negative = s[i] === '-';
  if (s[i] === '-' || s[i] === '+') i++;
  let b: number = base;
  // "0x" followed by no hex digit is the number 0 ending at the `x` (glibc's noconv special case).
  let zeroEnd = -1;
  if (s[i] === '0' && (b === 0 || b === 16) && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    zeroEnd = i + 1;
    i += 2;
    b = 16;
  } else if (b === 0) {
    b = s[i] === '0' ? 8 : 10;
  }
  const digits = b === 16 ? /^[0-9a-fA-F]+/ : b === 8 ? /^[0-7]+/ : /^[0-9]+/;
  const m = digits.exec(s.slice(i));
  if (!m) return { value: 0n, end: zeroEnd >= 0 ? zeroEnd : start };
  let value = BigInt((b === 16 ? '0x' : b === 8 ? '0o' : '') + m[0]);
  if (value > UINT64_MAX) value = UINT64_MAX;
  else if (negative) value = -value & UINT64_MAX;
  return { value, end: i + m[0].length };
}

/** Why libxlutil calls a number an "overflow": it is 0 (maybe through octal) or above 2^32-1. */
function zeroOrTooBig(text: string, value: bigint): string {
  if (value !== 0n) return 'the number must be at most 4294967295';
  return /^0+(?![0-9])/.test(text) ? 'the number must not be 0' : `a leading 0 means octal, so xl reads \`${text}' as 0`;
}

/** Whether a leading 0 made strtoull read something other than the decimal number written. */
function readsAsOctal(text: string, value: bigint): boolean {
  return text.startsWith('0') && BigInt(/^[0-9]+/.exec(text)?.[0] ?? '0') !== value;
}

/** Parses a vif `rate=` value (`RATE/s[@INTERVAL]`) as libxlutil does. Offsets are into `rate`. */
export function parseRate(rate: string): SpecResult<Rate> {
  const issues: SpecIssue[] = [];
  const fail = (text: string, message: string, xlMessage: string, start: number, end: number): SpecResult<Rate> => {
    issues.push({ severity: 'error', message, start, end, xl: `config parsing error in vif: ${xlMessage} in \`${text}'` });
    return { parts: [], issues };
  };
  // The library stops at the first '@'; anything after it, more '@' included, is the interval.
  const at = rate.indexOf('@');
  const amount = at < 0 ? rate : rate.slice(0, at);
  const amountEnd = amount.length;
  if (amount === '') {
    return fail(rate, 'no rate specified: expected RATE/s[@INTERVAL], e.g. 10Mb/s', 'no rate specified', 0, rate.length);
  }
  if (!/^[0-9]+[GMK]?[Bb]\/s$/.test(amount)) {
    const message = `invalid rate \`${amount}': expected a number, an optional uppercase K, M or G, then B/s (bytes) or b/s (bits), e.g. 10Mb/s`;
    return fail(amount, message, 'invalid rate', 0, amountEnd);
  }
  const bytes = strtoull(amount, 0, 0);
  if (bytes.value === 0n || bytes.value > UINT32_MAX) {
    return fail(amount, `rate overflow: ${zeroOrTooBig(amount, bytes.value)}`, 'rate overflow', 0, amountEnd);
  }
  // Like the C code, look for the unit right after the digits strtoull took.
  let bytesPerSec = bytes.value;
  const unit = amount[bytes.end];
  bytesPerSec *= unit === 'G' ? 1000000000n : unit === 'M' ? 1000000n : unit === 'K' ? 1000n : 1n;
  if (unit === 'b' || amount[bytes.end + 1] === 'b') bytesPerSec /= 8n;
  if (readsAsOctal(amount, bytes.value)) {
    issues.push({
      severity: 'warning',
      message: `a leading 0 makes xl read the number as octal: \`${amount}' is ${bytesPerSec} bytes/s`,
      start: 0,
      end: amountEnd,
    });
  }

  let intervalUsecs = DEFAULT_INTERVAL_USECS;
  if (at >= 0) {
    const interval = rate.slice(at + 1);
    const start = at + 1;
    if (!/^[0-9]+[mu]?s?$/.test(interval)) {
      const message = `invalid replenishment interval \`${interval}': expected a number with an optional unit us, ms or s, e.g. 20ms`;
      return fail(interval, message, 'invalid replenishment interval', start, rate.length);
    }
    const n = strtoull(interval, 0, 0);
    if (n.value === 0n || n.value > UINT32_MAX) {
      const message = `replenishment interval overflow: ${zeroOrTooBig(interval, n.value)}`;
      return fail(interval, message, 'replenishment interval overflow', start, rate.length);
    }
    const u = interval[n.end];
    intervalUsecs = n.value * (u === 's' || u === undefined ? 1000000n : u === 'm' ? 1000n : 1n);
    if (intervalUsecs > UINT32_MAX) {
      const message = 'replenishment interval overflow: at most 4294967295 us (about 71 minutes)';
      return fail(interval, message, 'replenishment interval overflow', start, rate.length);
    }
    if (readsAsOctal(interval, n.value)) {
      issues.push({ severity: 'warning', message: `a leading 0 makes xl read the interval as octal: \`${interval}' is ${intervalUsecs} us`, start, end: rate.length });
    } else if (u === undefined) {
      // xl-network-configuration(5) says INTERVAL is in microseconds; the code reads seconds.
      issues.push({
        severity: 'warning',
        message: `an interval without a unit is in seconds: \`${interval}' is ${n.value} s (write ${interval}s, ${interval}ms or ${interval}us)`,
        start,
        end: rate.length,
      });
    }
  }

  if (bytesPerSec > UINT64_MAX / intervalUsecs) {
    return fail(rate, 'rate overflow: bytes per interval do not fit in 64 bits', 'rate overflow', 0, rate.length);
  }
  const bytesPerInterval = (bytesPerSec * intervalUsecs) / 1000000n;
  if (bytesPerInterval === 0n) {
    issues.push({
      severity: 'warning',
      message: `\`${rate}' rounds down to 0 bytes per ${intervalUsecs} us interval`,
      start: 0,
      end: rate.length,
    });
  }
  return { value: { bytesPerInterval, intervalUsecs: Number(intervalUsecs) }, parts: [], issues };
}
