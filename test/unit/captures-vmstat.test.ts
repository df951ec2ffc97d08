// vmstat: with and without -t, old and new column sets, wrapper time prefixes and stamps,
// units, reprinted headers.
import * as assert from 'node:assert';
import { find, iso, parse, points } from './captures-helpers';

const GROUP = 'procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----';
const FIELDS = ' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st';

describe('captures: vmstat', () => {
  it('reads -t rows at their stamps, host and CPU series', () => {
    const text = [
      `${GROUP} -----timestamp-----`,
      `${FIELDS}                 UTC`,
      ' 4  0      0 23268568  20652 1163460    0    0   427   681  419 1139 26  4 70  0  0 2026-11-21 07:01:03',
      ' 1  2      0 23260000  20652 1163460   12   48   132     4  578  922 50  3 46  1  0 2026-11-21 07:01:04',
    ].join('\n');
    const c = parse(text, { zone: 'Asia/Tokyo' });
    assert.strictEqual(c.kind, 'vmstat');
    assert.deepStrictEqual(c.warnings, []);
    const t = [iso(2026, 11, 21, 7, 1, 3), iso(2026, 11, 21, 7, 1, 4)];
    assert.deepStrictEqual(points(c, 'runq', 'host', 'host'), [[t[0], 4], [t[1], 1]]);
    assert.deepStrictEqual(find(c, 'blocked', 'host').values, [0, 2]);
    assert.deepStrictEqual(find(c, 'memfree', 'host').values, [23268568, 23260000]);
    assert.deepStrictEqual(find(c, 'swapin', 'host').values, [0, 12]);
    assert.deepStrictEqual(find(c, 'swapout', 'host').values, [0, 48]);
    assert.deepStrictEqual(points(c, 'user', 'all', 'cpu'), [[t[0], 26], [t[1], 50]]);
    assert.deepStrictEqual(find(c, 'iowait', 'all').values, [0, 1]);
    assert.deepStrictEqual(find(c, 'steal', 'all').values, [0, 0]);
    assert.deepStrictEqual(find(c, 'runq', 'host').lines, [3, 4]);
  });

  it('reads a local zone name in the configured zone, and warns when it is not that zone\'s', () => {
    const text = `${GROUP} -----timestamp-----\n${FIELDS}                 CET\n 1  0      0 1000 20 30    0    0   0   0  1 1 1  1 98  0  0 2024-07-01 12:00:00\n`;
    const paris = parse(text, { zone: 'Europe/Paris' });
    assert.deepStrictEqual(paris.warnings, []);
    assert.deepStrictEqual(points(paris, 'memfree', 'host').map((p) => p[0]), [iso(2024, 7, 1, 10, 0, 0)]);
    const utc = parse(text, { zone: 'UTC' });
    assert.deepStrictEqual(points(utc, 'memfree', 'host').map((p) => p[0]), [iso(2024, 7, 1, 12, 0, 0)]);
    assert.match(utc.warnings[0].message, /CET is not one of UTC's/);
  });

  it('dates rows without -t back from the mtime at the interval on the command line; old columns; reprinted header', () => {
    const text = [
      '$ vmstat -a 5',
      'procs -----------memory---------- ---swap-- -----io---- -system-- ----cpu----',
      ' r  b   swpd   free  inact active   si   so    bi    bo   in   cs us sy id wa',
      ' 2  0 152388 229152 1187024 257972    0    2     1     1    0    1 47 22 27  1',
      ' 1  0 152388 229000 1187024 257972    0    0     0     0    0    1 10 10 80  0',
      'procs -----------memory---------- ---swap-- -----io---- -system-- ----cpu----',
      ' r  b   swpd   free  inact active   si   so    bi    bo   in   cs us sy id wa',
      ' 0  0 152388 228000 1187024 257972    0    0     0     0    0    1  5  5 90  0',
    ].join('\n');
    const c = parse(text, { mtimeMs: Date.UTC(2024, 4, 1) });
    assert.deepStrictEqual(points(c, 'memfree', 'host'), [[iso(2024, 4, 30, 23, 59, 50), 229152], [iso(2024, 4, 30, 23, 59, 55), 229000], [iso(2024, 5, 1, 0, 0, 0), 228000]]);
    assert.deepStrictEqual(find(c, 'swapout', 'host').values, [2, 0, 0]);
    assert.ok(!c.series.some((s) => s.metric === 'steal'), 'no st column');
    assert.deepStrictEqual(c.warnings.map((w) => w.message.replace(/ \(.*/, '')), ['the capture has no times: its 3 samples are dated 5 s apart so that the last falls at the file\'s modification time']);
    assert.strictEqual(c.datedFromMtime, true);
  });

  it('reads procps-ng 4\'s gu column, and memory in the unit the command line asks for', () => {
    const text = [
      '$ vmstat -S M 1',
      'procs -----------memory---------- ---swap-- -----io---- -system-- -------cpu-------',
      ' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st gu',
      ' 4  0      0  10890     59   1725    1    0   499    74 1401    2  1  0 96  0  0  3',
    ].join('\n');
    const c = parse(text);
    assert.deepStrictEqual(find(c, 'memfree', 'host').values, [10890 * 1024]);
    assert.deepStrictEqual(find(c, 'swapin', 'host').values, [1024]);
    assert.deepStrictEqual(find(c, 'guest', 'all').values, [3]);
  });

  it('reads ExaWatcher\'s HH:MM:SS prefix, dated from the mtime across midnight', () => {
    const text = [
      '# Collection Command:\t/usr/bin/vmstat  5  2',
      '--time-- procs -----------memory---------- ---swap-- -----io---- --system-- -----cpu-----',
      '          r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st',
      '23:59:55 36  0   4528 22659696 236028 74464608    0    0   374 60698 225848 166357 32  5 63  1  0\t',
      '00:00:00 34  0   4528 22077416 236068 74859632    0    0   399 77304 206394 164034 33  5 62  1  0\t',
    ].join('\n');
    const c = parse(text, { mtimeMs: Date.UTC(2024, 5, 2, 0, 0, 3) });
    assert.deepStrictEqual(points(c, 'runq', 'host'), [[iso(2024, 6, 1, 23, 59, 55), 36], [iso(2024, 6, 2, 0, 0, 0), 34]]);
    assert.match(c.warnings[0].message, /times of day but no date/);
    assert.strictEqual(c.datedFromMtime, true);
  });

  it('takes the time of rows from wrapper stamps (OSWatcher `zzz`, date output) at their own zone', () => {
    const block = (stamp: string, a: number, b: number) =>
      [`zzz ***${stamp}`, GROUP, FIELDS, ` ${a}  0      0 1000 20 30    0    0   0   0  1 1 1  1 98  0  0`, ` ${b}  0      0 1000 20 30    0    0   0   0  1 1 1  1 98  0  0`].join('\n');
    const c = parse(`${block('Mon Jun  3 08:53:20 EDT 2024', 1, 2)}\n${block('Mon Jun  3 08:54:20 EDT 2024', 3, 4)}\n`);
    assert.deepStrictEqual(c.warnings, []);
    assert.deepStrictEqual(points(c, 'runq', 'host'), [
      [iso(2024, 6, 3, 12, 53, 20), 1],
      [iso(2024, 6, 3, 12, 53, 21), 2],
      [iso(2024, 6, 3, 12, 54, 20), 3],
      [iso(2024, 6, 3, 12, 54, 21), 4],
    ]);
  });

  it('warns about unreadable rows and skips `vmstat -s` alone', () => {
    const c = parse(`${GROUP}\n${FIELDS}\n 1  0      0 1000 20 30    0    0   0   0  1 1 1  1 98  0  0\n 1  0      0 1000 20 30    0    0   0   0  1 1 1  1 9x  0  0\n 1  0  0 1000\n`);
    assert.deepStrictEqual(
      c.warnings.filter((w) => w.line).map((w) => [w.line, w.message.replace(/ \(.*/, '')]),
      [
        [4, 'unreadable value in row'],
        [5, 'row does not match its header'],
      ],
    );
    assert.deepStrictEqual(find(c, 'idle', 'all').values, [98]);
    const s = parse('      4020152 K total memory\n       452268 K used memory\n         1784 non-nice user cpu ticks\n');
    assert.strictEqual(s.kind, 'vmstat');
    assert.strictEqual(s.skipped, 'vmstat -s counters only: no time series');
  });
});
