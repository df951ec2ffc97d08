// Format detection and stamps for the shapes reviewers found misread: application logs
// whatever level word they print, xl -T next to them, files that only look like logs
// (diffs, notes, scripts), raw-TSC hypervisor consoles and journal headers.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectFormat, formatDef, headerInstant, type Stamp } from '../../server/src/logs/formats';
import { scanFolder } from '../../server/src/logs/scan';
import type { LogFormat } from '../../server/src/logs/types';

function detect(lines: string[], name = 'log.txt'): string {
  const d = detectFormat(name, lines);
  return 'format' in d ? d.format : 'capture' in d ? `capture:${d.capture}` : `unknown: ${d.unknown}`;
}

function stamp(format: LogFormat, line: string): Stamp | undefined {
  return formatDef(format)!.stamp!(line);
}

const at = (h: number, mi: number, s: number, ms = 0) => ({ kind: 'instant', ms: Date.UTC(2024, 6, 1, h, mi, s, ms) });

describe('application logs, whatever level they print', () => {
  const levels = ['PANIC', 'VERBOSE', 'DBG', 'EMERGENCY', 'FINE', 'TRACE', 'NOTICE', 'CRIT', 'FATAL', 'I', 'W', 'E', 'D', 'warn', 'info', 'Warning'];
  for (const level of levels) {
    it(`reads "${level}:" lines as an application log, with their time`, () => {
      const lines = [`2024-07-01 09:01:05 +0200 ${level}: request served`, `2024-07-01 09:01:06 +0200 ${level}: upstream timed out`];
      assert.strictEqual(detect(lines), 'app');
      assert.deepStrictEqual(stamp('app', lines[1]), at(7, 1, 6));
    });
  }

  it('takes brackets, no colon, fractions, Z and ±hh:mm', () => {
    assert.deepStrictEqual(stamp('app', '2024-07-01 09:01:05.123Z [WARN] pool low'), at(9, 1, 5, 123));
    assert.deepStrictEqual(stamp('app', '2024-07-01T09:01:05,250+02:00 [error] lost connection'), at(7, 1, 5, 250));
    assert.deepStrictEqual(stamp('app', '2024-07-01 09:01:05 INFO request served'), { kind: 'wall', year: 2024, month: 7, day: 1, h: 9, mi: 1, s: 5, ms: 0 });
    assert.strictEqual(stamp('app', '2024-07-01 09:01:05 +0200 VERYLONGLEVELWORD: x'), undefined, 'a level word has at most 12 letters');
  });

  it('dates a PANIC line in the middle of a mixed file', () => {
    const lines = ['2024-07-01 09:01:05 +0200 INFO: ok', '2024-07-01 09:01:06 +0200 PANIC: out of memory', '2024-07-01 09:01:07 +0200 ERROR: again'];
    assert.strictEqual(detect(lines), 'app');
    assert.deepStrictEqual(stamp('app', lines[1]), at(7, 1, 6));
  });

  it('reads a zone abbreviation where the level would be as the zone (PostgreSQL)', () => {
    const s = stamp('app', '2024-07-01 09:01:05.200 CEST [4420] FATAL:  sorry, too many clients already');
    assert.deepStrictEqual(s, { kind: 'wall', year: 2024, month: 7, day: 1, h: 9, mi: 1, s: 5, ms: 200, zone: 'CEST' });
  });

  it('keeps xl -T and libvirt lines apart from application logs', () => {
    assert.strictEqual(detect(['2024-07-01 09:01:06 +0200 warn: disk slow', '2024-07-01 09:01:07 +0200 info: ok']), 'app');
    assert.strictEqual(detect(['2021-02-09 14:03:11 CET [12345] libxl: error: libxl_create.c:1309:initiate_domain_create: Domain 5:cannot make domain: -3']), 'xl-timestamped');
    assert.strictEqual(detect(['2016-01-26 12:50:24 EST libxl: error: libxl_device.c:1084:device_backend_callback: unable to add device']), 'xl-timestamped');
    assert.strictEqual(detect(['2021-02-09 14:03:11 +03 [77] xc: error: panic: xc_dom_core.c:207: failed']), 'xl-timestamped');
    assert.strictEqual(detect(['2021-02-09 14:03:11 UTC [77] xencall:buffer: debug: cache hit']), 'xl-timestamped');
    assert.strictEqual(detect(['2018-12-10 07:56:24.181+0000: libxl: libxl_event.c:636:libxl__ev_xswatch_register: watch w=0x557bb']), 'xl-timestamped');
    assert.deepStrictEqual(stamp('xl-timestamped', '2021-02-09 14:03:11 +03 [77] xc: error: x'), { kind: 'instant', ms: Date.UTC(2021, 1, 9, 11, 3, 11) });
  });
});

describe('files that only look like logs', () => {
  const unknown = (name: string, lines: string[]) => {
    const d = detectFormat(name, lines);
    assert.ok('unknown' in d, `${name} read as ${JSON.stringify(d)}`);
    return d.unknown;
  };

  it('skips source code and documents, saying why', () => {
    for (const name of ['fix.patch', 'a.diff', 'notes.md', 'script.sh', 'x.py', 'y.c', 'y.h', 'z.js', 'z.ts', 'c.json', 'c.yaml', 'c.yml', 'c.xml', 'p.html', 'old.patch.gz']) {
      assert.match(unknown(name, ['(XEN) Panic on CPU 0:', '[    1.000000] Linux version 6.1.0']), /source code or a document, not a log .*format/);
    }
  });

  it('still reads iostat JSON named .json as a capture', () => {
    assert.strictEqual(detect(['{"sysstat": {', '  "hosts": ['], 'iostat.json'), 'capture:sysstat-json');
  });

  it('does not take diffs or "+ " bullet lists for xen-hotplug.log', () => {
    assert.match(unknown('notes.txt', ['+ check the vif bridge', '+ look at the disk', '+ ask about the disk']), /no known log format/);
    assert.match(unknown('change.txt', ['+ echo done', '+ exit 0']), /no known log format/);
  });

  it('reads xen-hotplug.log by its real shapes, or by its name', () => {
    assert.strictEqual(detect(['+ dir=/etc/xen/scripts', '+ . /etc/xen/scripts/block-common.sh', '++ xenstore-read backend/vbd/3/51712/params', '+ xenstore-write backend/vbd/3/51712/hotplug-status connected']), 'xen-hotplug');
    assert.strictEqual(detect(['++ ip link set vif3.0 up', '+ brctl addif xenbr0 vif3.0', 'RTNETLINK answers: File exists']), 'xen-hotplug');
    assert.strictEqual(detect(['vif44.0: ERROR while getting interface flags: No such device']), 'xen-hotplug');
    assert.strictEqual(detect(['xenstore-read: couldn\'t read path backend/vif/3/0/script']), 'xen-hotplug');
    assert.strictEqual(detect(['+ echo hi', 'something odd'], 'var/log/xen/xen-hotplug.log'), 'xen-hotplug');
  });

  it('wants uptime stamps on most lines of a dmesg', () => {
    assert.match(unknown('script.txt', ['#!/bin/sh', 'cat <<END', '[    0.000000] Linux version 6.1.0', 'END']), /no known log format/);
    assert.strictEqual(detect(['[    0.000000] Linux version 6.1.0', '[    0.000000] Command line: ro', 'some stray line']), 'dmesg');
    // continuation lines indented under their message are part of it
    assert.strictEqual(detect(['[    1.000000] new', '               line', '               more', '               lines', '[    2.000000] two']), 'dmesg');
    // old kernels' consoles print their failures without stamps
    assert.strictEqual(detect(['  CPU 0: Machine Check Exception: 0000000000000004', '  Kernel panic - not syncing: CPU context corrupt']), 'dmesg');
  });
});

describe('hypervisor console in console_timestamps=raw mode', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-raw-'));
    fs.writeFileSync(path.join(dir, 'console.log'), [
      '(XEN) [0000012345abcdef] Xen version 4.17.3',
      '(XEN) [00000123464bcdef] Panic on CPU 0:',
      '(XEN) [00000123465bcdef] Xen BUG at mm.c:1234',
      '(XEN) [00000123466bcdef] ****************************************',
      '',
    ].join('\n'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has no time for a raw TSC stamp', () => {
    assert.strictEqual(detect(['(XEN) [0000012345abcdef] Xen version 4.17.3']), 'xen-console');
    assert.strictEqual(stamp('xen-console', '(XEN) [0000012345abcdef] Panic on CPU 0:'), undefined);
  });

  it('classifies the message behind the stamp, with a null time', async () => {
    const t = await scanFolder({ folder: dir, workers: 1 });
    assert.deepStrictEqual(t.events.map((e) => [e.line, e.rule, e.time]), [[2, 'xen-panic', null]]);
  });
});

describe('the journal header', () => {
  const utc = (h: number) => ({ kind: 'instant', ms: Date.UTC(2024, 2, 5, h) });
  it('gives an exact instant for UTC, GMT, offsets and unambiguous abbreviations', () => {
    assert.deepStrictEqual(headerInstant('-- Logs begin at Tue 2024-03-05 08:00:00 UTC, end at Tue 2024-03-05 11:00:00 UTC. --'), utc(8));
    assert.deepStrictEqual(headerInstant('-- Journal begins at Tue 2024-03-05 08:00:00 GMT, ends at Tue 2024-03-05 11:00:00 GMT. --'), utc(8));
    assert.deepStrictEqual(headerInstant('-- Journal begins at Tue 2024-03-05 08:00:00 CET, ends at Tue 2024-03-05 11:00:00 CET. --'), utc(7));
    assert.deepStrictEqual(headerInstant('-- Logs begin at Tue 2024-03-05 08:00:00 EST, end at Tue 2024-03-05 11:00:00 EST. --'), utc(13));
    assert.deepStrictEqual(headerInstant('-- Logs begin at Tue 2024-03-05 08:00:00 +0100, end at Tue 2024-03-05 11:00:00 +0100. --'), utc(7));
  });
  it('reads other zone names in the folder\'s zone, else as UTC (close enough for the year)', () => {
    const line = '-- Logs begin at Wed 2015-12-02 22:53:58 IST, end at Tue 2016-09-20 17:46:04 IST. --';
    assert.deepStrictEqual(headerInstant(line, 'Asia/Kolkata'), { kind: 'instant', ms: Date.UTC(2015, 11, 2, 17, 23, 58) });
    assert.deepStrictEqual(headerInstant(line), { kind: 'instant', ms: Date.UTC(2015, 11, 2, 22, 53, 58) });
    assert.strictEqual(headerInstant('-- No entries --'), undefined);
  });
});
