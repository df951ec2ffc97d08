// The log engine's parts: format detection, timestamps, time zones, the literal
// prefilter, machine-check decoding, and correlation into incidents.
import * as assert from 'node:assert';
import { correlate } from '../../server/src/logs/correlate';
import type { FileResult, RawEvent } from '../../server/src/logs/fileScan';
import { detectFormat, formatDef, headerInstant, type Stamp } from '../../server/src/logs/formats';
import { Prefilter } from '../../server/src/logs/prefilter';
import { ScanBuffer } from '../../server/src/logs/scanBuffer';
import { decodeStatus, describeMce } from '../../server/src/logs/mce';
import { parseDuration, parseWhen, wallToUtc } from '../../server/src/logs/time';
import type { LogFormat } from '../../server/src/logs/types';
import { Random } from '../reference/generate';

function detect(lines: string[], name = 'log.txt'): string {
  const d = detectFormat(name, lines);
  return 'format' in d ? d.format : 'capture' in d ? `capture:${d.capture}` : 'unknown';
}

function stamp(format: LogFormat, line: string): Stamp | undefined {
  return formatDef(format)!.stamp!(line);
}

describe('log format detection', () => {
  const cases: Array<[string, string[], string?]> = [
    ['xen-console', ['(XEN) Xen version 4.17.3', '(XEN) [2020-12-21 16:33:04] Panic on CPU 0:']],
    ['xl', ['Parsing config from web.cfg', 'libxl: error: libxl_create.c:1309:initiate_domain_create: Domain 5:cannot make domain: -3']],
    ['xl-timestamped', ['2016-01-26 12:50:24 EST libxl: error: libxl_device.c:1084:device_backend_callback: unable to add device']],
    ['xl-domain-log', ['Waiting for domain web05 (domid 12) to die [pid 4711]', 'Domain 12 has shut down, reason code 3 0x3'], 'xl-web05.log'],
    ['xend', ['[2009-06-30 13:46:14 5499] ERROR (XendDomainInfo:1942) XendDomainInfo.destroy: xc.domain_destroy failed.']],
    ['dmesg', ['[    0.000000] Linux version 6.1.0', '[    1.234567] usb 1-1: new high-speed USB device']],
    ['dmesg-ctime', ['[Mon Oct  3 13:52:42 2022] EDAC MC0: 1 CE memory read error']],
    ['dmesg-raw', ['<5>[    0.000000] Linux version 6.1.0']],
    ['syslog', ['Jul  1 09:01:05 xen01 kernel: [12345.678901] device vif3.0 entered promiscuous mode', 'Jul  1 09:01:06 xen01 sshd[19939]: Accepted publickey']],
    ['rfc3339', ['2019-08-19T04:18:38.274652-04:00 host kernel: mce: [Hardware Error]: Machine check events logged']],
    ['rfc5424', ['<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 - An application event']],
    ['journal-monotonic', ['[    7.636966] myhost systemd[1]: Started Journal Service.']],
    ['mcelog', ['Hardware event. This is not a software error.', 'MCE 0', 'CPU 1 BANK 5']],
    ['sanlock', ['2024-01-02 10:11:12 12345 [6789]: s1 lockspace lvm_vg0:1:/dev/mapper/vg0-lvmlock:0']],
    ['app', ['2024-07-01 09:01:05 +0200 INFO: request served', '2024-07-01 09:01:06 +0200 ERROR: upstream timed out']],
  ];
  for (const [want, lines, name] of cases) {
    it(`recognises ${want}`, () => assert.strictEqual(detect(lines, name), want));
  }
  it('recognises captures and says why a file is unknown', () => {
    assert.strictEqual(detect(['Linux 6.1.0 (xen01) \t07/01/24 \t_x86_64_\t(8 CPU)', '', 'avg-cpu:  %user']), 'capture:sysstat');
    const d = detectFormat('notes.txt', ['just some notes', 'nothing to see']);
    assert.ok('unknown' in d && /no known log format/.test(d.unknown));
  });
  it('strips serial-capture carriage returns and mail quoting before deciding', () => {
    assert.strictEqual(detect(['> (XEN) Panic on CPU 0:\r\r', '> (XEN) Xen BUG at mm.c:1234\r\r']), 'xen-console');
  });
});

describe('timestamps', () => {
  it('reads every console_timestamps mode of the Xen console', () => {
    assert.deepStrictEqual(stamp('xen-console', '(XEN) [2020-08-18 12:33:45.880] Assertion failed'), { kind: 'wall', year: 2020, month: 8, day: 18, h: 12, mi: 33, s: 45, ms: 880 });
    assert.deepStrictEqual(stamp('xen-console', '(XEN) [    8.150305] HVM restore d1: CPU 0'), { kind: 'uptime', clock: 'xen', seconds: 8.150305 });
    assert.strictEqual(stamp('xen-console', '(XEN) Panic on CPU 0:'), undefined);
  });
  it('reads zones: numeric offsets, Z, and abbreviations kept for later', () => {
    assert.deepStrictEqual(stamp('rfc3339', '2019-08-19T04:18:38.274652-04:00 host kernel: x'), { kind: 'instant', ms: Date.UTC(2019, 7, 19, 8, 18, 38, 274) });
    assert.deepStrictEqual(stamp('dmesg-iso', '2009-02-13T23:31:30,123456+00:00 kernel'), { kind: 'instant', ms: Date.UTC(2009, 1, 13, 23, 31, 30, 123) });
    const xtl = stamp('xl-timestamped', '2016-01-26 12:50:24 EST libxl: error: x');
    assert.deepStrictEqual(xtl, { kind: 'wall', year: 2016, month: 1, day: 26, h: 12, mi: 50, s: 24, ms: 0, zone: 'EST' });
  });
  it('reads yearless syslog stamps, with fractions', () => {
    assert.deepStrictEqual(stamp('syslog', 'Oct  3 13:52:42.123456 host kernel: x'), { kind: 'wall', month: 10, day: 3, h: 13, mi: 52, s: 42, ms: 123 });
  });
  it('converts local times with the zone in force at that date', () => {
    assert.strictEqual(wallToUtc(2024, 7, 1, 12, 0, 0, 0, 'Europe/Berlin'), Date.UTC(2024, 6, 1, 10));
    assert.strictEqual(wallToUtc(2024, 1, 1, 12, 0, 0, 0, 'Europe/Berlin'), Date.UTC(2024, 0, 1, 11));
    assert.strictEqual(wallToUtc(2024, 1, 1, 12, 0, 0, 0, 'UTC'), Date.UTC(2024, 0, 1, 12));
  });
  it('parses command-line times and durations', () => {
    assert.strictEqual(parseWhen('2024-07-01T09:00:00Z', 'UTC'), Date.UTC(2024, 6, 1, 9));
    assert.strictEqual(parseWhen('2024-07-01 11:00', 'Europe/Berlin'), Date.UTC(2024, 6, 1, 9));
    assert.strictEqual(parseWhen('1719824400', 'UTC'), Date.UTC(2024, 6, 1, 9));
    assert.deepStrictEqual(['60s', '5m', '1h', '90', 'x'].map(parseDuration), [60000, 300000, 3600000, 90000, undefined]);
  });
});

describe('literal prefilter', () => {
  const literals = ['Machine Check', 'EDAC MC', 'libxl: error', 'soft lockup', 'Panic on CPU', 'CPU#'];
  const words = ['Machine', 'Check', 'EDAC', 'MC', 'ED', 'AC', 'libxl:', 'error', 'soft', 'lockup', 'Panic', 'on', 'CPU', '#', 'x', ' ', 'é'];
  const text = (r: Random, n: number) => Array.from({ length: n }, () => r.pick(words)).join(r.pick([' ', '']));
  /** Every start of every literal in buf[from, to), the slow way. */
  const naive = (buf: Buffer, from: number, to: number) => {
    const starts = literals.flatMap((l) => {
      const at = buf.subarray(from, to).indexOf(l);
      return at < 0 ? [] : [from + at];
    });
    return starts.length ? Math.min(...starts) : -1;
  };
  /** Puts `bytes` at the start of a scan buffer, followed by filler the search must not reach into. */
  const load = (sb: ScanBuffer, bytes: Buffer) => {
    sb.bytes.fill(0x41);
    bytes.copy(sb.bytes);
  };

  for (const [name, sample] of [['untuned', undefined], ['tuned to a sample', Buffer.from(text(new Random(9), 400))]] as const) {
    it(`finds a literal exactly when one is there (${name})`, () => {
      const p = new Prefilter(literals, sample);
      const r = new Random(3);
      const sb = new ScanBuffer(4096);
      for (let i = 0; i < 3000; i++) {
        const buf = Buffer.from(text(r, r.int(12)));
        load(sb, buf);
        const from = r.int(4);
        const to = Math.max(from, buf.length - r.int(4));
        const at = p.find(sb, from, to);
        const first = naive(buf, from, to);
        assert.strictEqual(at >= 0, first >= 0, JSON.stringify(buf.toString('latin1')));
        if (at >= 0) assert.ok(literals.some((l) => buf.subarray(at, to).toString().startsWith(l)), 'reports where a literal starts');
      }
    });
  }
  it('lists the first literal of every line that has one, searching stretches of lines side by side in the scan buffer', () => {
    const r = new Random(5);
    for (const sample of [undefined, Buffer.from(text(new Random(9), 400))]) {
      const p = new Prefilter(literals, sample);
      for (let i = 0; i < 300; i++) {
        const lines = Array.from({ length: r.int(40) }, () => text(r, r.int(10)));
        const joined = Buffer.from(lines.join('\n'));
        const sb = new ScanBuffer(joined.length + r.int(20)); // the search must stop at the range's end, not the buffer's
        load(sb, joined);
        const buf = sb.bytes;
        const want: number[] = [];
        let offset = 0;
        for (const line of lines) {
          const first = naive(Buffer.from(line), 0, Buffer.byteLength(line));
          if (first >= 0) want.push(offset + first);
          offset += Buffer.byteLength(line) + 1;
        }
        const got = p.lineHits(sb, 0, joined.length);
        assert.strictEqual(got.length, want.length, JSON.stringify(lines));
        got.forEach((at, k) => {
          assert.ok(at >= want[k] && buf.lastIndexOf(10, at) === buf.lastIndexOf(10, want[k]), 'one hit per line, in its line');
          assert.ok(literals.some((l) => buf.subarray(at).toString().startsWith(l)), 'where a literal starts');
        });
      }
    }
  });
  it('rejects literals it cannot search', () => {
    assert.throws(() => new Prefilter(['ab', 'longer one']), /at least 3 bytes/);
  });
});

describe('newline counting in the scan buffer', () => {
  it('counts exactly the newlines in any range, whatever its alignment and length', () => {
    const b = new ScanBuffer(70000);
    const r = new Random(11);
    for (let i = 0; i < b.bytes.length; i++) b.bytes[i] = r.pick([10, 10, 32, 97, 0xff, 13]);
    for (let i = 0; i < 2000; i++) {
      const from = r.int(b.bytes.length);
      const to = Math.min(b.bytes.length, from + r.int(i % 10 === 0 ? 60000 : 80));
      let want = 0;
      for (let k = from; k < to; k++) if (b.bytes[k] === 10) want++;
      assert.strictEqual(b.newlines(from, to), want, `${from}..${to}`);
    }
    assert.strictEqual(b.newlines(5, 5), 0);
  });
});

describe('machine-check status words', () => {
  it('decodes corrected and uncorrected errors like mcelog', () => {
    assert.strictEqual(describeMce('a600000000020408', '4'), 'uncorrected internal error, bank 4, processor context corrupt');
    assert.strictEqual(describeMce('d400008000040150', '2'), 'corrected cache error, bank 2, earlier errors lost (overflow)');
    assert.strictEqual(decodeStatus('8c00004f000800c2')!.kind, 'memory controller error');
    assert.strictEqual(decodeStatus('bd80000000100134')!.recovery, 'SRAR');
    assert.strictEqual(decodeStatus('zz'), undefined);
  });
});

function file(path: string, format: LogFormat, events: Array<Partial<RawEvent> & { line: number; stamp?: Stamp }>, extra: Partial<FileResult> = {}): FileResult {
  return {
    path,
    format,
    lines: 100,
    bytes: 1000,
    mtimeMs: Date.UTC(2024, 6, 2),
    events: events.map((e) => ({ rule: 'r', category: 'disk-io', severity: 'error', message: 'm', ...e })),
    links: [],
    anchors: [],
    ...extra,
  };
}

const wall = (month: number, day: number, h: number, mi = 0, s = 0): Stamp => ({ kind: 'wall', month, day, h, mi, s, ms: 0 });
const opts = { zone: 'UTC', windowMs: 60000 };

describe('correlation', () => {
  it('takes a yearless log\'s year from the other logs in the folder, before the mtime', () => {
    const t = correlate([
      file('kern.log', 'syslog', [{ line: 5, stamp: wall(3, 1, 9) }], { mtimeMs: Date.UTC(2026, 10, 21) }),
      file('xl.log', 'xl-timestamped', [{ line: 1, stamp: { kind: 'instant', ms: Date.UTC(2019, 2, 1, 9, 0, 30) } }]),
    ], opts);
    assert.deepStrictEqual(t.events.map((e) => e.time), ['2019-03-01T09:00:00.000Z', '2019-03-01T09:00:30.000Z']);
    assert.strictEqual(t.incidents.length, 1);
  });
  it('falls back to the mtime and counts a December → January rollover', () => {
    const t = correlate([file('messages', 'syslog', [{ line: 1, stamp: wall(12, 31, 23, 59) }, { line: 9, stamp: wall(1, 1, 0, 0, 30) }], { mtimeMs: Date.UTC(2024, 0, 2) })], opts);
    assert.deepStrictEqual(t.events.map((e) => e.time), ['2023-12-31T23:59:00.000Z', '2024-01-01T00:00:30.000Z']);
  });
  it('takes a journal\'s year from its header, whatever zone name it prints', () => {
    for (const zone of ['UTC', 'CET', 'IST']) {
      const header = headerInstant(`-- Journal begins at Tue 2024-03-05 08:00:00 ${zone}, ends at Tue 2024-03-05 11:00:00 ${zone}. --`);
      const t = correlate([file('journal.txt', 'syslog', [{ line: 2, stamp: wall(3, 5, 10) }], { header, mtimeMs: Date.UTC(2026, 0, 10) })], opts);
      assert.strictEqual(t.events[0].time, '2024-03-05T10:00:00.000Z', zone);
    }
  });
  it('takes a yearless log\'s year from the source it falls into, not from the middle of the folder', () => {
    const t = correlate([
      file('kern.log', 'syslog', [{ line: 2, stamp: wall(3, 5, 10, 0, 1) }], { mtimeMs: Date.UTC(2026, 0, 10) }),
      file('xen-console.log', 'xen-console', [{ line: 3, stamp: { kind: 'wall', year: 2024, month: 3, day: 5, h: 10, mi: 0, s: 2, ms: 0 } }]),
      file('xend.log.5', 'xend', [{ line: 2, stamp: { kind: 'wall', year: 2012, month: 6, day: 30, h: 13, mi: 46, s: 15, ms: 0 } }]),
    ], opts);
    assert.deepStrictEqual(t.events.map((e) => [e.file, e.time]), [
      ['xend.log.5', '2012-06-30T13:46:15.000Z'], ['kern.log', '2024-03-05T10:00:01.000Z'], ['xen-console.log', '2024-03-05T10:00:02.000Z'],
    ]);
    assert.strictEqual(t.incidents.length, 2, 'the kernel\'s and the console\'s failures are one incident');
  });
  it('dates a yearless log from a machine check\'s TIME epoch beside it', () => {
    const t = correlate([
      file('mcelog', 'mcelog', [{ line: 1, epoch: 1709632801, category: 'mce' }]),
      file('messages', 'syslog', [{ line: 1, stamp: wall(3, 5, 10, 0, 5) }], { mtimeMs: Date.UTC(2026, 0, 10) }),
    ], opts);
    assert.deepStrictEqual(t.events.map((e) => e.time), ['2024-03-05T10:00:01.000Z', '2024-03-05T10:00:05.000Z']);
  });
  it('dates a yearless log from a capture\'s banner beside it', () => {
    const capture = { path: 'iostat.txt', kind: 'iostat' as const, series: [{ metric: 'util' as const, subject: { kind: 'device' as const, name: 'xvda' }, times: [Date.UTC(2024, 6, 1, 9)], values: [1], lines: [4] }], warnings: [] };
    const t = correlate([
      { ...file('iostat.txt', 'app', []), format: undefined, capture },
      file('kern.log', 'syslog', [{ line: 1, stamp: wall(7, 1, 9, 0, 5) }], { mtimeMs: Date.UTC(2026, 0, 10) }),
    ], opts);
    assert.strictEqual(t.events[0].time, '2024-07-01T09:00:05.000Z');
  });
  it('trusts an MCE record\'s epoch over the wrapper', () => {
    const t = correlate([file('messages', 'syslog', [{ line: 3, stamp: wall(2, 23, 3, 28, 16), epoch: 1519356496, category: 'mce' }])], opts);
    assert.strictEqual(t.events[0].time, '2018-02-23T03:28:16.000Z');
  });
  it('dates uptime stamps from a boot time another log gives', () => {
    const t = correlate([
      file('dmesg.txt', 'dmesg', [{ line: 7, stamp: { kind: 'uptime', clock: 'kernel', seconds: 100 } }]),
      file('syslog', 'rfc3339', [], { anchors: [{ clock: 'kernel', uptime: 50, stamp: { kind: 'instant', ms: Date.UTC(2024, 6, 1, 10, 0, 50) } }] }),
    ], opts);
    assert.strictEqual(t.events[0].time, '2024-07-01T10:01:40.000Z');
  });
  it('leaves the time null when nothing can fix it', () => {
    const t = correlate([file('dmesg.txt', 'dmesg', [{ line: 7, stamp: { kind: 'uptime', clock: 'kernel', seconds: 100 } }])], opts);
    assert.strictEqual(t.events[0].time, null);
  });
  it('chains events within the window, splits beyond it, and ranks a panic first', () => {
    const at = (s: number): Stamp => ({ kind: 'instant', ms: Date.UTC(2024, 6, 1, 10, 0, 0) + s * 1000 });
    const t = correlate([
      file('a.log', 'app', [
        { line: 1, stamp: at(0), category: 'app-crash', severity: 'warning' },
        { line: 2, stamp: at(50), category: 'app-crash', severity: 'warning' },
        { line: 3, stamp: at(100) },
        { line: 4, stamp: at(500), category: 'hypervisor-panic' },
      ]),
    ], opts);
    assert.deepStrictEqual(t.incidents.map((i) => i.events), [[3], [0, 1, 2]]);
    assert.match(t.incidents[0].summary, /^hypervisor panic: 1 event/);
  });
  it('names domains across sources and puts untimed per-domain events with them', () => {
    const t = correlate([
      file('xen.log', 'xen-console', [{ line: 9, stamp: { kind: 'instant', ms: Date.UTC(2024, 6, 1) }, domid: 12, category: 'domain-crash' }]),
      file('xl-web05.log', 'xl-domain-log', [{ line: 2, category: 'domain-crash' }], { links: [{ domid: 12, domain: 'web05' }], domain: 'web05' }),
    ], opts);
    assert.deepStrictEqual(t.events.map((e) => [e.domain, e.time]), [['web05', '2024-07-01T00:00:00.000Z'], ['web05', null]]);
    assert.deepStrictEqual(t.incidents.map((i) => i.events), [[0, 1]]);
  });
  it('applies --since and --until', () => {
    const t = correlate([file('a.log', 'app', [1, 2, 3].map((h) => ({ line: h, stamp: { kind: 'instant' as const, ms: Date.UTC(2024, 6, 1, h) } })))], { ...opts, sinceMs: Date.UTC(2024, 6, 1, 2), untilMs: Date.UTC(2024, 6, 1, 2, 30) });
    assert.deepStrictEqual(t.events.map((e) => e.line), [2]);
  });
});
