// xentop: batch iterations without time, screen dumps with a time of day, wrapper stamps,
// names with spaces, `no limit`, `n/a`, `-`, and rows wrapped onto two lines.
import * as assert from 'node:assert';
import { find, iso, parse, points, subjects } from './captures-helpers';

const HEADER = '        NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS NETTX(k) NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR  VBD_RSECT  VBD_WSECT SSID';
const rows = (cpu: number) =>
  [
    `    Domain-0 -----r     161513 ${cpu.toFixed(1).padStart(6)}    1048576    3.1   no limit       n/a     8    0        0        0    0        0        0        0          0          0    0`,
    `BB - backup2 --b---      11235  ${(cpu * 10).toFixed(1).padStart(5)}    3145728    4.7    3145728       4.7     2    1 36203731 35046295    0        -        -        -          -          -    0`,
    '  web server --b---        100    1.0    1048576    1.5    1048576       1.5     1    1       10       20    1        0       10       20        160        320    0',
    'Net0 RX: 482159350480bytes 484063974pkts        0err        0drop  TX: 1bytes 1pkts 0err 0drop',
  ].join('\n');

describe('captures: xentop', () => {
  it('reads batch iterations (header repeated), anchoring names with spaces on STATE, dated back from the mtime', () => {
    const c = parse([HEADER, rows(1), HEADER, rows(2), HEADER, rows(3)].join('\n'), { mtimeMs: Date.UTC(2024, 0, 1, 12) });
    assert.strictEqual(c.kind, 'xentop');
    assert.deepStrictEqual(subjects(c, 'domain'), ['BB - backup2', 'Domain-0', 'web server']);
    const t = [iso(2024, 1, 1, 11, 59, 58), iso(2024, 1, 1, 11, 59, 59), iso(2024, 1, 1, 12, 0, 0)];
    assert.deepStrictEqual(points(c, 'cpu%', 'BB - backup2', 'domain'), [[t[0], 10], [t[1], 20], [t[2], 30]]);
    assert.deepStrictEqual(find(c, 'vcpus', 'BB - backup2').values, [2, 2, 2]);
    assert.deepStrictEqual(find(c, 'mem%', 'Domain-0').values, [3.1, 3.1, 3.1], 'a row with `no limit` and `n/a`');
    assert.deepStrictEqual(find(c, 'vcpus', 'Domain-0').values, [8, 8, 8]);
    assert.deepStrictEqual(find(c, 'cpu%', 'web server').lines, [4, 9, 14]);
    assert.deepStrictEqual(c.warnings.map((w) => w.message.replace(/ \(.*/, '')), ['the capture has no times: its 3 samples are dated 1 s apart so that the last falls at the file\'s modification time']);
  });

  it('spaces iterations by the delay on the command line, and reads old headers without VBD_RSECT', () => {
    const old = '      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS NETTX(k) NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR SSID';
    const row = (cpu: string) => `  Domain-0 -----r      22157    ${cpu}     768768    2.3     768768       2.3     8    0        0        0    0        0        0        0    0`;
    const c = parse(['# xentop -b -d 3 -i 2', old, row('0.6'), old, row('0.4')].join('\n'), { mtimeMs: Date.UTC(2024, 0, 1) });
    assert.deepStrictEqual(points(c, 'cpu%', 'Domain-0'), [[iso(2023, 12, 31, 23, 59, 57), 0.6], [iso(2024, 1, 1, 0, 0, 0), 0.4]]);
  });

  it('times iterations by the `date` lines a wrapper printed before them', () => {
    const c = parse(['Mon Jun  3 12:00:00 UTC 2024', HEADER, rows(1), 'Mon Jun  3 12:05:00 UTC 2024', HEADER, rows(2)].join('\n'));
    assert.deepStrictEqual(c.warnings, []);
    assert.deepStrictEqual(points(c, 'cpu%', 'Domain-0'), [[iso(2024, 6, 3, 12, 0, 0), 1], [iso(2024, 6, 3, 12, 5, 0), 2]]);
  });

  it('reads interactive screens at their time of day, dated from the mtime, and the CPU count', () => {
    const screen = (time: string, cpu: number) =>
      [`xentop - ${time}   Xen 4.17.3`, '3 domains: 1 running, 2 blocked, 0 paused, 0 crashed, 0 dying, 0 shutdown', 'Mem: 33548272k total, 32870172k used, 678100k free    CPUs: 16 @ 2394MHz', HEADER, rows(cpu)].join('\n');
    const c = parse(`${screen('23:59:58', 1)}\n${screen('00:00:01', 2)}\n`, { mtimeMs: Date.UTC(2024, 5, 2, 0, 0, 5) });
    assert.strictEqual(c.cpus, 16);
    assert.deepStrictEqual(points(c, 'cpu%', 'Domain-0'), [[iso(2024, 6, 1, 23, 59, 58), 1], [iso(2024, 6, 2, 0, 0, 1), 2]]);
    assert.match(c.warnings[0].message, /times of day but no date/);
  });

  it('joins rows (and a header) wrapped onto two lines, and warns about a cut one', () => {
    const text = [
      'xentop - 02:01:05  Xen 3.3.2-rc1-xvm',
      '      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS',
      'NETTX(k) NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR  SSID',
      '    Domain-0 -----r    6087972    2.6    9692160   19.3   no limit       n/a    16    0',
      '0        0      0        0        0        0     0',
      '  Doogle_Win --b---     172137    2.0    2105212    4.2    2105344       4.2     1    2',
      '0        0      2        0        0        0     0',
      '  cut_short --b---     172137    2.0    2105212',
    ].join('\n');
    const c = parse(text, { mtimeMs: Date.UTC(2009, 0, 1, 3) });
    assert.deepStrictEqual(points(c, 'cpu%', 'Domain-0'), [[iso(2009, 1, 1, 2, 1, 5), 2.6]]);
    assert.deepStrictEqual(find(c, 'vcpus', 'Doogle_Win').values, [1]);
    assert.deepStrictEqual(find(c, 'mem%', 'Doogle_Win').lines, [6]);
    assert.deepStrictEqual(c.warnings.filter((w) => w.line).map((w) => [w.line, w.message]), [[8, 'row cut short at the end of the file: skipped']]);
  });

  it('counts iterations by repeated domains when -r prints the header before every row', () => {
    const one = rows(1).split('\n');
    const c = parse([HEADER, one[0], HEADER, one[2], HEADER, one[0], HEADER, one[2]].join('\n'), { mtimeMs: Date.UTC(2024, 0, 1) });
    assert.deepStrictEqual(find(c, 'cpu%', 'Domain-0').times, [Date.UTC(2023, 11, 31, 23, 59, 59), Date.UTC(2024, 0, 1)]);
    assert.deepStrictEqual(find(c, 'cpu%', 'web server').times, [Date.UTC(2023, 11, 31, 23, 59, 59), Date.UTC(2024, 0, 1)]);
  });
});
