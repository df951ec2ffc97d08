// Recognising captures from their first lines (and the scanner leaving them to the capture
// parsers), the clock rules they share, and bad input that must never throw.
import * as assert from 'node:assert';
import { DateReader, Rollover, WallClock, commandLine, timeOfDay, wrapperStamp } from '../../server/src/captures/clock';
import { detectCapture, parseCapture } from '../../server/src/captures/index';
import { numberAt } from '../../server/src/captures/text';
import { CAPTURE_KINDS } from '../../server/src/captures/types';
import { detectFormat } from '../../server/src/logs/formats';
import { Random } from '../reference/generate';
import { fixture } from './captures-helpers';

const HEADS: Array<[string, string[], string]> = [
  ['iostat', ['Linux 5.10.0 (h) \t06/01/20 \t_x86_64_\t(8 CPU)', '', '06/01/20 12:53:20', 'avg-cpu:  %user   %nice %system %iowait  %steal   %idle'], 'sysstat'],
  ['iostat', ['# sudo iostat -x', '', 'avg-cpu:  %user   %nice %system %iowait  %steal   %idle', '  5,48    0,14    4,16    0,20    0,00   90,01'], 'sysstat'],
  ['iostat', ['10/10/23 21:01:40', 'Device            r/s     rMB/s   rrqm/s  %rrqm r_await rareq-sz     w/s     wMB/s'], 'sysstat'],
  ['iostat', ['Linux 2.6.9 (old) \t12/31/2009', '', 'Time: 11:59:59 PM'], 'sysstat'],
  ['iostat-json', ['  {"sysstat": {', '\t"hosts": ['], 'sysstat-json'],
  ['sar', ['Linux 5.10.0 (h) \t06/01/20 \t_x86_64_\t(8 CPU)', '', '13:20:09        CPU     %user     %nice   %system   %iowait    %steal     %idle'], 'sysstat'],
  ['sar', ['Linux 3.10.0 (host.example.com)       2016-02-24      _x86_64_', '        (48 CPU)', '', '00時00分01秒     CPU     %user'], 'sysstat'],
  ['sar', ['[root@AI125 ~]# sar -d 1 3 -p', 'Linux 3.10.0 (AI125) \t01/29/2019 \t_x86_64_\t(8 CPU)', '', '03:33:14 PM       DEV       tps  rd_sec/s'], 'sysstat'],
  ['mpstat', ['Linux 5.10.0 (h) \t06/01/20 \t_x86_64_\t(8 CPU)', '', '12:53:20     CPU CORE SOCK NODE    %usr   %nice'], 'sysstat'],
  ['mpstat', ['Linux 2.6.32 (h) \t06/01/12 \t_x86_64_\t(8 CPU)', '', '12:53:20 PM  CPU   %user   %nice    %sys %iowait    %irq   %soft  %steal  %guest   %idle'], 'sysstat'],
  ['sadf-d', ['# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle', 'h;31;2019-04-18 13:20:19 UTC;-1;2.15;12.50;2.36;0.12;0.00;82.88'], 'sadf'],
  ['sadf-p', ['h\t31\t2019-04-18 13:20:19 UTC\tall\t%usr\t2.15'], 'sadf'],
  ['sadf-d', ['# hostname;interval;timestamp;DEV;tps;rkB/s;wkB/s;dkB/s;areq-sz;aqu-sz;await;%util', 'xen01;10;1718236800;dev8-0;10,00;40,00;80,00;0,00;12,00;0,50;5,00;25,00'], 'sadf'],
  ['vmstat', ['procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----', ' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st'], 'vmstat'],
  ['vmstat', ['# Collection Command:\t/usr/bin/vmstat  5  2', '####', '--time-- procs -----------memory---------- ---swap--'], 'vmstat'],
  ['vmstat', ['vmstat -s', '      4020152 K total memory'], 'vmstat'],
  ['xentop', ['      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)'], 'xentop'],
  ['xentop', ['xentop - 18:03:17   Xen 4.1.2', '2 domains: 1 running, 1 blocked, 0 paused, 0 crashed, 0 dying, 0 shutdown'], 'xentop'],
];

describe('captures: detection', () => {
  it('names the tool of every capture form, and the log scanner leaves each to the capture parsers', () => {
    for (const [kind, head, scanner] of HEADS) {
      assert.strictEqual(detectCapture('capture.txt', head), kind, head.join(' | '));
      assert.deepStrictEqual(detectFormat('capture.txt', head), { capture: scanner }, head.join(' | '));
    }
    assert.deepStrictEqual([...new Set(HEADS.map((h) => h[0]))].sort(), [...CAPTURE_KINDS].sort(), 'every kind is covered');
  });

  it('does not take logs for captures', () => {
    for (const head of [
      ['Jul  1 09:00:05 xen01 kernel: [  115.000000] INFO: task jbd2/dm-3-8:812 blocked for more than 120 seconds.'],
      ['(XEN) [2024-07-01 09:00:00.000] Xen version 4.17'],
      ['2024-07-01 09:00:07 +0000 DEBUG: pool stats'],
      ['shopping list', 'milk'],
    ]) {
      assert.strictEqual(detectCapture('x.log', head), undefined, head[0]);
      assert.ok(!('capture' in detectFormat('x.log', head)), head[0]);
    }
  });

  it('skips what is not a capture, with the reason, and an empty file', () => {
    const c = parseCapture('notes.txt', 'shopping list\nmilk\n', { zone: 'UTC', mtimeMs: 0 });
    assert.match(c.skipped ?? '', /^not a sysstat, vmstat or xentop capture \(first line: "shopping list"\)$/);
    assert.deepStrictEqual(c.series, []);
    assert.strictEqual(parseCapture('empty.txt', '', { zone: 'UTC', mtimeMs: 0 }).skipped, 'empty file');
    assert.strictEqual(parseCapture('banner.txt', 'Linux 6.1.0 (h) \t06/01/20 \t_x86_64_\t(8 CPU)\n', { zone: 'UTC', mtimeMs: 0 }).skipped, 'no sar report in the file');
  });

  it('reads a capture with a huge junk line in linear time', () => {
    const junk = `${':/'.repeat(1 << 20)}iostat`;
    for (const name of ['iostat-xt_el6_12h-midnight.txt', 'sar-A_multi-activity_pretty-DEV.txt']) {
      const lines = fixture(name).split('\n');
      lines.splice(5, 0, junk);
      const t0 = Date.now();
      const c = parseCapture(name, lines.join('\n'), { zone: 'UTC', mtimeMs: Date.UTC(2030, 0, 1) });
      assert.ok(Date.now() - t0 < 2000, `${name}: ${Date.now() - t0} ms`);
      assert.ok(c.warnings.some((w) => w.line === 6), `${name}: the junk line is reported`);
    }
    for (const head of [[`vmstat ${'9 '.repeat(300000)}`], [junk]]) assert.doesNotThrow(() => parseCapture('x.txt', head.join('\n'), { zone: 'UTC', mtimeMs: 0 }));
  });

  it('never throws on mangled captures: cut, shuffled, with junk and binary bytes', () => {
    const r = new Random(7);
    const sources = ['iostat-xt_el6_12h-midnight.txt', 'iostat-x-pretty_slash-names.txt', 'sar-A_multi-activity_pretty-DEV.txt', 'iostat-xmt_v11_de_DE-decimal-comma.txt'].map(fixture);
    const junk = ['\u0000\u0001\u00ff', 'NAME STATE', 'avg-cpu:', 'Device', '-', 'Linux x (y) 99/99/99', '12:00:00 AM', '{"sysstat": {', 'no limit', ';;;', '\t\t', '9'.repeat(40)];
    for (let i = 0; i < 300; i++) {
      const lines = r.pick(sources).split('\n');
      for (let k = r.int(8); k > 0; k--) {
        const at = r.int(lines.length);
        if (r.chance(0.4)) lines.splice(at, 1);
        else if (r.chance(0.5)) lines.splice(at, 0, r.pick(junk));
        else lines[at] = lines[at].slice(0, r.int(lines[at].length + 1));
      }
      const text = lines.join(r.chance(0.2) ? '\r\n' : '\n');
      const c = parseCapture(`f${i}.txt`, text, { zone: r.pick(['UTC', 'Europe/Berlin', 'Not/AZone']), mtimeMs: Date.UTC(2024, 0, 1) });
      assert.ok(!c.skipped?.startsWith('could not be read'), `${c.path}: the parser failed (${c.skipped})`);
      for (const s of c.series) {
        assert.strictEqual(s.times.length, s.values.length);
        assert.strictEqual(s.lines.length, s.values.length);
        assert.ok(s.times.every((t, k) => Number.isFinite(t) && (k === 0 || s.times[k - 1] <= t)), `${c.path}: times ascending`);
        assert.ok(s.values.every(Number.isFinite));
      }
    }
  });
});

describe('captures: clock rules', () => {
  it('reads times of day in 24 h, 12 h (two tokens) and Japanese forms', () => {
    assert.strictEqual(timeOfDay('13:20:19'), 48019);
    assert.strictEqual(timeOfDay('12:00:01', 'AM'), 1);
    assert.strictEqual(timeOfDay('12:00:01', 'PM'), 43201);
    assert.strictEqual(timeOfDay('03:33:15', 'PM'), 55995);
    assert.strictEqual(timeOfDay('00時10分01秒'), 601);
    assert.strictEqual(timeOfDay('25:00:00'), -1);
    assert.strictEqual(timeOfDay('13:00:00', 'PM'), -1);
  });

  it('wraps at midnight, at noon on an unmarked 12-hour clock, and not on a clock adjustment', () => {
    const day = new Rollover();
    assert.deepStrictEqual([timeOfDay('23:50:01'), timeOfDay('00:00:01'), timeOfDay('00:10:01')].map((s) => day.next(s, false)), [85801, 86401, 87001]);
    const half = new Rollover();
    assert.deepStrictEqual(['11:50:00', '12:00:00', '12:50:00', '01:00:00', '11:50:00', '12:10:00', '01:00:00'].map((t) => half.next(timeOfDay(t), false) / 3600), [
      11 + 50 / 60,
      12,
      12 + 50 / 60,
      13,
      23 + 50 / 60,
      24 + 10 / 60,
      25,
    ]);
    const dst = new Rollover();
    assert.deepStrictEqual(['01:59:00', '01:00:00', '01:30:00'].map((t) => dst.next(timeOfDay(t), false)), [7140, 3600, 5400], 'the hour repeated when summer time ends');
  });

  it('reads locale dates, settling the field order from a field over 12 or from the mtime', () => {
    const clock = new WallClock('UTC');
    const mtime = Date.UTC(2016, 2, 10);
    assert.deepStrictEqual(new DateReader(clock, mtime).read('03/04/16'), { y: 2016, m: 3, d: 4 });
    assert.deepStrictEqual(new DateReader(clock, Date.UTC(2016, 4, 1)).read('03/04/16'), { y: 2016, m: 4, d: 3 });
    const learned = new DateReader(clock, mtime);
    learned.learn('25/12/15');
    assert.deepStrictEqual(learned.read('03/04/16'), { y: 2016, m: 4, d: 3 });
    const r = new DateReader(clock, mtime);
    assert.deepStrictEqual(['2019-04-18', '20160328', '01.06.2020', '2016年02月24日', '06/13/2018', '06/01/20'].map((d) => r.read(d)), [
      { y: 2019, m: 4, d: 18 },
      { y: 2016, m: 3, d: 28 },
      { y: 2020, m: 6, d: 1 },
      { y: 2016, m: 2, d: 24 },
      { y: 2018, m: 6, d: 13 },
      { y: 2020, m: 6, d: 1 },
    ]);
    assert.strictEqual(r.read('02/30/20'), undefined);
  });

  it('turns wall times into UTC in the zone, with summer time', () => {
    const berlin = new WallClock('Europe/Berlin');
    assert.strictEqual(berlin.utc({ y: 2024, m: 1, d: 15 }, 12 * 3600), Date.UTC(2024, 0, 15, 11));
    assert.strictEqual(berlin.utc({ y: 2024, m: 7, d: 15 }, 12 * 3600), Date.UTC(2024, 6, 15, 10));
    assert.strictEqual(berlin.utc({ y: 2024, m: 7, d: 15 }, 36 * 3600), Date.UTC(2024, 6, 16, 10), 'seconds past the day roll into the next');
    assert.deepStrictEqual(berlin.dateOf(Date.UTC(2024, 6, 15, 23)), { y: 2024, m: 7, d: 16 });
  });

  it('reads command lines and wrapper stamps', () => {
    assert.deepStrictEqual(commandLine('[root@AI125 ~]# sar -P 1 5 3'), { tool: 'sar', delaySec: 5 });
    assert.deepStrictEqual(commandLine('# Collection Command:\t/usr/bin/vmstat  5  2'), { tool: 'vmstat', delaySec: 5 });
    assert.deepStrictEqual(commandLine('$ vmstat --unit M 2'), { tool: 'vmstat', unit: 'M', delaySec: 2 });
    assert.deepStrictEqual(commandLine('xentop -b -d 10 -i 3'), { tool: 'xentop', delaySec: 10 });
    assert.strictEqual(commandLine('this is not iostat'), undefined);
    assert.deepStrictEqual(wrapperStamp('zzz ***Mon Jun  3 08:53:20 EDT 2024'), { date: { y: 2024, m: 6, d: 3 }, sec: 32000, zone: 'EDT' });
    assert.deepStrictEqual(wrapperStamp('2024-06-03T08:53:20+02:00'), { date: { y: 2024, m: 6, d: 3 }, sec: 32000, zone: '+02:00' });
  });

  it('reads numbers with a decimal point or comma exactly as Number() does, and nothing else', () => {
    for (const s of ['12.58', '0,47', '-3.25', '1437740', '99.99', '0.1', '123456789.123456']) {
      assert.strictEqual(numberAt(s, 0, s.length), Number(s.replace(',', '.')), s);
    }
    for (const s of ['-', 'n/a', '', '1.2.3', '12a', '.']) assert.ok(Number.isNaN(numberAt(s, 0, s.length)), s);
  });
});
