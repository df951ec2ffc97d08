// vif rate= values: the verified examples of the fact sheet (§3.2) and libxlutil's quirks.
import * as assert from 'node:assert';
import { parseRate, strtoull } from '../../server/src/xl/specs/rate';

function ok(rate: string): { bytes: bigint; usecs: number } {
  const r = parseRate(rate);
  assert.ok(r.value, `${rate}: ${JSON.stringify(r.issues)}`);
  return { bytes: r.value.bytesPerInterval, usecs: r.value.intervalUsecs };
}

function error(rate: string): { xl?: string; start: number; end: number } {
  const r = parseRate(rate);
  assert.strictEqual(r.value, undefined);
  const errors = r.issues.filter((i) => i.severity === 'error');
  assert.strictEqual(errors.length, 1);
  return { xl: errors[0].xl, start: errors[0].start, end: errors[0].end };
}

describe('parseRate', () => {
  it('reads the documented examples', () => {
    assert.deepStrictEqual(ok('10Mb/s'), { bytes: 62500n, usecs: 50000 });
    assert.deepStrictEqual(ok('250KB/s'), { bytes: 12500n, usecs: 50000 });
    assert.deepStrictEqual(ok('1MB/s@20ms'), { bytes: 20000n, usecs: 20000 });
    assert.deepStrictEqual(ok('1Gb/s@100us'), { bytes: 12500n, usecs: 100 });
  });

  it('reads an interval without a unit as seconds, and says so', () => {
    assert.deepStrictEqual(ok('1MB/s@20'), { bytes: 20000000n, usecs: 20000000 });
    const w = parseRate('1MB/s@20').issues;
    assert.strictEqual(w.length, 1);
    assert.strictEqual(w[0].severity, 'warning');
    assert.deepStrictEqual([w[0].start, w[0].end], [6, 8]);
  });

  it('rejects with the exact messages xl prints', () => {
    assert.deepStrictEqual(error('100mb/s'), { xl: "config parsing error in vif: invalid rate in `100mb/s'", start: 0, end: 7 });
    assert.deepStrictEqual(error('1GB/s@0ms'), { xl: "config parsing error in vif: replenishment interval overflow in `0ms'", start: 6, end: 9 });
    assert.deepStrictEqual(error('5000000000B/s'), { xl: "config parsing error in vif: rate overflow in `5000000000B/s'", start: 0, end: 13 });
    assert.deepStrictEqual(error('@20ms'), { xl: "config parsing error in vif: no rate specified in `@20ms'", start: 0, end: 5 });
    assert.strictEqual(error('').xl, "config parsing error in vif: no rate specified in `'");
    assert.deepStrictEqual(error('1Mb/s@5000s'), { xl: "config parsing error in vif: replenishment interval overflow in `5000s'", start: 6, end: 11 });
    assert.deepStrictEqual(error('1MB/s@20ms@'), { xl: "config parsing error in vif: invalid replenishment interval in `20ms@'", start: 6, end: 11 });
  });

  it('quotes the whole value when bytes per interval overflow 64 bits', () => {
    assert.deepStrictEqual(error('4294967295GB/s@1s'), { xl: "config parsing error in vif: rate overflow in `4294967295GB/s@1s'", start: 0, end: 17 });
  });

  it('follows strtoull base 0: a leading 0 is octal', () => {
    assert.strictEqual(error('08Mb/s').xl, "config parsing error in vif: rate overflow in `08Mb/s'");
    assert.deepStrictEqual(ok('010Mb/s'), { bytes: 50000n, usecs: 50000 });
    // strtoull stops at the 8, so the unit is never seen: 1 byte/s.
    assert.deepStrictEqual(ok('0189KB/s@1s'), { bytes: 1n, usecs: 1000000 });
    assert.ok(parseRate('010Mb/s').issues.some((i) => i.severity === 'warning' && /octal/.test(i.message)));
  });

  it('warns when the rate rounds down to nothing', () => {
    assert.deepStrictEqual(ok('7b/s'), { bytes: 0n, usecs: 50000 });
    assert.ok(parseRate('7b/s').issues.some((i) => /rounds down to 0/.test(i.message)));
  });

  it('accepts the 32-bit limits and no more', () => {
    assert.deepStrictEqual(ok('4294967295B/s@4294967295us'), { bytes: 18446744065119n, usecs: 4294967295 });
    assert.strictEqual(error('4294967296B/s').xl, "config parsing error in vif: rate overflow in `4294967296B/s'");
    assert.strictEqual(error('1B/s@4295s').xl, "config parsing error in vif: replenishment interval overflow in `4295s'");
  });
});

describe('strtoull', () => {
  it('behaves like glibc', () => {
    assert.deepStrictEqual(strtoull('  -1', 0, 10), { value: 0xffffffffffffffffn, end: 4 });
    assert.deepStrictEqual(strtoull('0x', 0, 16), { value: 0n, end: 1 });
    assert.deepStrictEqual(strtoull('0x1g', 0, 16), { value: 1n, end: 3 });
    assert.deepStrictEqual(strtoull('99999999999999999999', 0, 10), { value: 0xffffffffffffffffn, end: 20 });
    assert.deepStrictEqual(strtoull('x', 0, 10), { value: 0n, end: 0 });
    assert.deepStrictEqual(strtoull('0777', 0, 0), { value: 511n, end: 4 });
  });
});
