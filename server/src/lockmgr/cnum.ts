// How the daemons turn a value word into a number: glibc atoi (sanlock, dlm int
// and bool keys) and strtoul with base 0 (dlm port and mark). Reproduced so the
// linter can say exactly what `yes`, `10s` or `021064` become.

export interface CNumber {
  /** The number the daemon stores (an int, or an unsigned int for strtoul). */
  value: number;
  /** Characters of the word the conversion consumed; 0 means no digits at all. */
  used: number;
  /** 8 or 16 when strtoul took a leading 0 / 0x as a base prefix. */
  base: 8 | 10 | 16;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const ULONG_MAX = 2n ** 64n - 1n;

/** glibc atoi: (int) strtol(s, NULL, 10), so out-of-range input saturates at LONG_MIN/MAX, then wraps to 32 bits. */
export function atoi(word: string): CNumber {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(word);
  if (!m) return { value: 0, used: 0, base: 10 };
  let n = BigInt(m[2]);
  if (m[1] === '-') n = -n;
  if (n > LONG_MAX) n = LONG_MAX;
  if (n < LONG_MIN) n = LONG_MIN;
  return { value: Number(BigInt.asIntN(32, n)), used: m[0].length, base: 10 };
}

/** strtoul(s, NULL, 0) stored in an unsigned int: 0x… is hex, a leading 0 octal. */
export function strtoul(word: string): CNumber {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(word);
  if (!m) return { value: 0, used: 0, base: 10 };
  const digits = m[2];
  const base = /^0[xX]/.test(digits) ? 16 : digits.length > 1 && digits[0] === '0' ? 8 : 10;
  let n = base === 16 ? BigInt(digits) : base === 8 ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  if (n > ULONG_MAX) n = ULONG_MAX;
  else if (m[1] === '-') n = (ULONG_MAX + 1n - n) & ULONG_MAX;
  return { value: Number(BigInt.asUintN(32, n)), used: m[0].length, base };
}
