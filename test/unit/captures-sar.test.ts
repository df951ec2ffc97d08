// sar and mpstat text: time-led tables per activity, dated by the banner, wrapping at
// midnight, in 12- and 24-hour clocks and Japanese times.
import * as assert from 'node:assert';
import { find, iso, parse, points, subjects } from './captures-helpers';

describe('captures: sar', () => {
  it('reads 12-hour times across midnight, skipping LINUX RESTART and Average: rows', () => {
    const c = parse('sar-u_12h_midnight_restart.txt', { mtimeMs: Date.UTC(2024, 2, 10, 4) });
    assert.strictEqual(c.kind, 'sar');
    assert.strictEqual(c.host, 'app3');
    assert.deepStrictEqual(c.warnings, []);
    assert.deepStrictEqual(points(c, 'user', 'all', 'cpu'), [
      [iso(2024, 3, 9, 23, 50, 1), 5],
      [iso(2024, 3, 10, 0, 0, 1), 6],
      [iso(2024, 3, 10, 0, 20, 1), 1],
      [iso(2024, 3, 10, 3, 10, 1), 2],
    ]);
    assert.deepStrictEqual(find(c, 'iowait', 'all').values, [10, 20, 0.5, 0.25]);
  });

  it('reads local times in the configured zone, across the start of summer time', () => {
    const c = parse('sar-u_12h_midnight_restart.txt', { zone: 'America/New_York', mtimeMs: Date.UTC(2024, 2, 10, 8) });
    assert.deepStrictEqual(
      points(c, 'user', 'all').map((p) => p[0]),
      [iso(2024, 3, 10, 4, 50, 1), iso(2024, 3, 10, 5, 0, 1), iso(2024, 3, 10, 5, 20, 1), iso(2024, 3, 10, 7, 10, 1)],
    );
  });

  it('reads every activity of a live -A run: CPUs, I/O totals, memory, queue, disks (DEV last), interfaces', () => {
    const c = parse('sar-A_multi-activity_pretty-DEV.txt');
    assert.deepStrictEqual(c.warnings, []);
    const t = [iso(2024, 6, 30, 23, 59, 59), iso(2024, 7, 1, 0, 0, 0)];
    assert.deepStrictEqual(points(c, 'user', 'all', 'cpu'), [[t[0], 1], [t[1], 5]]);
    assert.deepStrictEqual(subjects(c, 'cpu'), ['0', '1', 'all']);
    assert.deepStrictEqual(find(c, 'steal', '1').values, [8, 5]);
    assert.deepStrictEqual(points(c, 'tps', 'host', 'host'), [[t[0], 120], [t[1], 0]]);
    assert.deepStrictEqual(find(c, 'rkB/s', 'host', 'host').values, [80, 0], 'bread/s in 512-byte blocks');
    assert.deepStrictEqual(find(c, 'w/s', 'host', 'host').values, [100, 0], 'wtps');
    assert.deepStrictEqual(find(c, 'memfree', 'host').values, [524288, 262144]);
    assert.deepStrictEqual(find(c, 'memused%', 'host').values, [93.75, 96.88]);
    assert.deepStrictEqual(find(c, 'runq', 'host').values, [9, 3]);
    assert.deepStrictEqual(find(c, 'load1', 'host').values, [7.5, 7]);
    assert.deepStrictEqual(find(c, 'blocked', 'host').values, [2, 0]);
    assert.deepStrictEqual(subjects(c, 'device'), ['cciss/c0d0', 'dm-0']);
    assert.deepStrictEqual(points(c, 'util', 'cciss/c0d0', 'device'), [[t[0], 97], [t[1], 0]]);
    assert.deepStrictEqual(find(c, 'await', 'cciss/c0d0').values, [13.33, 0]);
    assert.deepStrictEqual(find(c, 'aqu-sz', 'dm-0').values, [0.4, 0]);
    assert.deepStrictEqual(subjects(c, 'interface'), ['eth0', 'vif3.0-emu']);
    assert.deepStrictEqual(find(c, 'rxkB/s', 'eth0').values, [1024, 0]);
    assert.deepStrictEqual(find(c, 'ifutil%', 'eth0').values, [0.84, 0]);
    assert.deepStrictEqual(find(c, 'txkB/s', 'vif3.0-emu').values, [0, 0.5]);
    assert.deepStrictEqual(find(c, 'util', 'cciss/c0d0').lines, [18, 40]);
  });

  it('reads Japanese times (時分秒): the header opens the interval, so a first row after midnight is the next day', () => {
    const c = parse('sar_ja_JP_midnight.txt');
    assert.deepStrictEqual(c.warnings, []);
    assert.deepStrictEqual(points(c, 'idle', 'all'), [[iso(2016, 2, 25, 0, 0, 1), 99.54]]);
  });

  it('reads old DEV columns with devM-N names, repeated headers and comments', () => {
    const text = [
      'Linux 3.10.0-327.el7.x86_64 (db1) \t01/29/2019 \t_x86_64_\t(8 CPU)',
      '',
      '03:33:14 PM       DEV       tps  rd_sec/s  wr_sec/s  avgrq-sz  avgqu-sz     await     svctm     %util',
      '03:33:15 PM    dev8-0      4.00      0.00     36.00      9.00      0.00      0.25      0.25      0.10',
      '03:33:15 PM  dev253-0      1.00      8.00      0.00      8.00      0.00      1.00      1.00      0.10',
      '',
      '03:33:15 PM       DEV       tps  rd_sec/s  wr_sec/s  avgrq-sz  avgqu-sz     await     svctm     %util',
      '03:33:16 PM    dev8-0      3.00      8.00     19.00      9.00      0.01      5.00      5.00      1.50',
      '03:33:16 PM  dev253-0      0.00      0.00      0.00      0.00      0.00      0.00      0.00      0.00',
      '03:33:17 PM       COM Nightly backup starts',
      '',
      'Average:          DEV       tps  rd_sec/s  wr_sec/s  avgrq-sz  avgqu-sz     await     svctm     %util',
      'Average:       dev8-0      3.50      4.00     27.50      9.00      0.01      2.63      2.63      0.80',
    ].join('\n');
    const c = parse(text);
    assert.deepStrictEqual(c.warnings, []);
    assert.deepStrictEqual(points(c, 'wkB/s', 'dev8-0'), [[iso(2019, 1, 29, 15, 33, 15), 18], [iso(2019, 1, 29, 15, 33, 16), 9.5]]);
    assert.deepStrictEqual(find(c, 'rkB/s', 'dev253-0').values, [4, 0]);
    assert.deepStrictEqual(find(c, 'aqu-sz', 'dev8-0').values, [0, 0.01]);
  });

  it('reads an ambiguous DD/MM banner date as the reading not after the mtime and closest to it', () => {
    const text = 'Linux 5.4.0 (h) \t03/04/16 \t_x86_64_\t(2 CPU)\n\n10:00:00        CPU     %user     %nice   %system   %iowait    %steal     %idle\n10:10:00        all      1.00      0.00      1.00      0.00      0.00     98.00\n';
    const at = (mtime: number) => points(parse(text, { mtimeMs: mtime }), 'user', 'all')[0][0];
    assert.strictEqual(at(Date.UTC(2016, 2, 10)), iso(2016, 3, 4, 10, 10, 0), 'April 3rd would be after the mtime');
    assert.strictEqual(at(Date.UTC(2016, 4, 1)), iso(2016, 4, 3, 10, 10, 0), 'both are past: the later one');
    assert.strictEqual(points(parse(text.replace('03/04/16', '13/04/16'), { mtimeMs: Date.UTC(2016, 2, 10) }), 'user', 'all')[0][0], iso(2016, 4, 13, 10, 10, 0), '13 can only be a day');
  });

  it('reads -u ALL, and warns about rows that do not fit their header', () => {
    const text = [
      'Linux 6.1.0 (h) \t2024-01-02 \t_x86_64_\t(2 CPU)',
      '13:00:00        all      1.00',
      '',
      '13:00:00        CPU      %usr     %nice      %sys   %iowait    %steal      %irq     %soft    %guest    %gnice     %idle',
      '13:00:01        all      1.00      0.00      2.00      3.00      4.00      5.00      6.00      7.00      0.00     72.00',
      '13:00:02        all      1.00      0.00      2.00',
      '13:00:03        all      1.00      0.00      2.00      3.00      4.00      5.00      6.00      7.00      0.00      x.00',
    ].join('\n');
    const c = parse(text);
    assert.strictEqual(c.kind, 'sar', '%steal before %irq is sar -u ALL, not mpstat');
    assert.deepStrictEqual(points(c, 'guest', 'all'), [[iso(2024, 1, 2, 13, 0, 1), 7]]);
    assert.deepStrictEqual(find(c, 'soft', 'all').values, [6]);
    assert.deepStrictEqual(find(c, 'irq', 'all').values, [5]);
    assert.deepStrictEqual(
      c.warnings.map((w) => [w.line, w.message.replace(/ \(.*/, '')]),
      [
        [2, 'a row before any header'],
        [6, 'row does not match its header'],
        [7, 'unreadable value in row'],
      ],
    );
  });

  it('dates a capture without banner from the mtime, and says so', () => {
    const text = '23:59:00        CPU     %user     %nice   %system   %iowait    %steal     %idle\n23:59:30        all      1.00      0.00      1.00      0.00      0.00     98.00\n00:00:00        all      2.00      0.00      1.00      0.00      0.00     97.00\n';
    const c = parse(text, { mtimeMs: Date.UTC(2024, 1, 29, 0, 0, 5) });
    assert.deepStrictEqual(points(c, 'user', 'all'), [[iso(2024, 2, 28, 23, 59, 30), 1], [iso(2024, 2, 29, 0, 0, 0), 2]]);
    assert.match(c.warnings[0].message, /times of day but no date/);
    assert.strictEqual(c.datedFromMtime, true);
  });
});

describe('captures: mpstat', () => {
  it('reads -T -P ALL, whose `all` row leaves CORE, SOCK and NODE blank', () => {
    const text = [
      'Linux 6.1.0 (h) \t06/01/20 \t_x86_64_\t(2 CPU)',
      '',
      '12:53:20     CPU CORE SOCK NODE    %usr   %nice    %sys %iowait    %irq   %soft  %steal  %guest  %gnice   %idle',
      '12:53:21     all                   2.15   12.50    1.84    0.12    0.34    0.19    0.00    0.00    0.00   82.88',
      '12:53:21       0    0    0    0    2.71    0.03    2.16    0.00    0.32    0.64    0.00    0.00    0.00   94.14',
      '12:53:21       1    1    0    1    1.59   24.97    1.52    0.24    0.36    0.00    9.99    0.00    0.00   61.33',
      '',
      'Average:     all                   2.15   12.50    1.84    0.12    0.34    0.19    0.00    0.00    0.00   82.88',
    ].join('\n');
    const c = parse(text);
    assert.strictEqual(c.kind, 'mpstat');
    assert.deepStrictEqual(c.warnings, []);
    assert.deepStrictEqual(points(c, 'user', 'all'), [[iso(2020, 6, 1, 12, 53, 21), 2.15]]);
    assert.deepStrictEqual(find(c, 'idle', 'all').values, [82.88], 'values of the short row land in their own columns');
    assert.deepStrictEqual(find(c, 'steal', '1').values, [9.99]);
    assert.deepStrictEqual(find(c, 'soft', '0').values, [0.64]);
    assert.deepStrictEqual(subjects(c, 'cpu'), ['0', '1', 'all']);
  });

  it('tells mpstat from sar by its column order', () => {
    const text = 'Linux 6.1.0 (h) \t06/01/20 \t_x86_64_\t(2 CPU)\n\n12:53:20     CPU    %usr   %nice    %sys %iowait    %irq   %soft  %steal  %guest  %gnice   %idle\n12:53:20     all    1.49   39.91    0.83    0.94    0.43    0.40    0.00    0.00    0.00   56.00\n';
    const c = parse(text);
    assert.strictEqual(c.kind, 'mpstat');
    assert.deepStrictEqual(points(c, 'irq', 'all'), [[iso(2020, 6, 1, 12, 53, 20), 0.43]]);
  });
});
