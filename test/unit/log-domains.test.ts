// Domains named across sources ((d12), d12v0, Domain 12:, xl-web05.log), multi-line records
// that make one event, untimed per-domain events placed with their domain's incidents, the
// per-file cap on events, and the compact event store behind FileResult.events.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { correlate } from '../../server/src/logs/correlate';
import { createEngine } from '../../server/src/logs/engine';
import { EventStore, packEvents, plainEvent, unpackEvents, withSeverity } from '../../server/src/logs/eventStore';
import { type FileResult, type RawEvent, scanFile } from '../../server/src/logs/fileScan';
import type { Stamp } from '../../server/src/logs/formats';
import { scanFolder } from '../../server/src/logs/scan';
import type { LogFormat } from '../../server/src/logs/types';

function file(p: string, format: LogFormat, events: Array<Partial<RawEvent> & { line: number }>, extra: Partial<FileResult> = {}): FileResult {
  return {
    path: p,
    format,
    lines: 100,
    bytes: 1000,
    mtimeMs: Date.UTC(2024, 6, 2),
    events: events.map((e) => ({ rule: 'r', category: 'domain-crash', severity: 'error', message: 'm', ...e })),
    links: [],
    anchors: [],
    ...extra,
  };
}

const at = (h: number): Stamp => ({ kind: 'instant', ms: Date.UTC(2024, 6, 1, h) });
const opts = { zone: 'UTC', windowMs: 60000 };

describe('untimed per-domain events', () => {
  // web05 failed three times (08:00, 09:00, 10:00); its xl logs have no times
  const console = file('xen.log', 'xen-console', [8, 9, 10].map((h) => ({ line: h, stamp: at(h), domid: 12 })));
  const xl = (name: string, line: number) => file(name, 'xl-domain-log', [{ line }], { domain: 'web05', links: [{ domid: 12, domain: 'web05' }] });
  const incidentOf = (t: ReturnType<typeof correlate>, fileName: string) => {
    const i = t.events.findIndex((e) => e.file === fileName);
    return t.incidents.find((inc) => inc.events.includes(i))!.start;
  };

  it('join the latest incident of their domain: xl-<name>.log is started afresh at each domain start', () => {
    const t = correlate([console, xl('xen/xl-web05.log', 2)], opts);
    assert.strictEqual(incidentOf(t, 'xen/xl-web05.log'), '2024-07-01T10:00:00.000Z');
  });

  it('of a rotated log join the run it tells of (.1 the one before), the oldest when there are fewer', () => {
    const t = correlate([console, xl('xen/xl-web05.log', 2), xl('xen/xl-web05.log.1', 3), xl('xen/xl-web05.log.5', 4)], opts);
    assert.strictEqual(incidentOf(t, 'xen/xl-web05.log'), '2024-07-01T10:00:00.000Z');
    assert.strictEqual(incidentOf(t, 'xen/xl-web05.log.1'), '2024-07-01T09:00:00.000Z');
    assert.strictEqual(incidentOf(t, 'xen/xl-web05.log.5'), '2024-07-01T08:00:00.000Z');
  });

  it('of a domain without a timed incident stay in one of their file', () => {
    const t = correlate([console, file('xen/xl-db01.log', 'xl-domain-log', [{ line: 2 }, { line: 5 }], { domain: 'db01' })], opts);
    const own = t.incidents.find((i) => i.start === null)!;
    assert.deepStrictEqual(own.events.map((e) => t.events[e].file), ['xen/xl-db01.log', 'xen/xl-db01.log']);
  });
});

describe('incidents of 100 000s of events', () => {
  it('are summed up without spreading the events into a call (no stack overflow)', () => {
    const n = 150000;
    const events = Array.from({ length: n }, (_, i) => ({ line: i + 1, stamp: { kind: 'instant' as const, ms: Date.UTC(2024, 6, 1) + i * 10 }, category: 'disk-io' as const }));
    const t = correlate([file('kern.log', 'syslog', events)], opts);
    assert.strictEqual(t.incidents.length, 1);
    assert.strictEqual(t.incidents[0].events.length, n);
    assert.deepStrictEqual([t.incidents[0].start, t.incidents[0].end], ['2024-07-01T00:00:00.000Z', new Date(Date.UTC(2024, 6, 1) + (n - 1) * 10).toISOString()]);
    assert.match(t.incidents[0].summary, /^disk I\/O errors: 150000 events in 1 file, over 25 min$/);
  });
});

describe('scanning: domains, records and the event cap', function () {
  this.timeout(30000);
  let dir: string;
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  const scan = async (names: Record<string, string>) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-domains-'));
    for (const [name, text] of Object.entries(names)) write(name, text);
    return scanFolder({ folder: dir, workers: 1 });
  };
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names the domain of (d12) guest console lines, d12v0 / [d12] prefixes and a domain_crash by the ids other logs give', async () => {
    const t = await scan({
      '.xenops/rules.yaml': "rules:\n  - id: test-guest-trouble\n    category: domain-crash\n    severity: warning\n    literals: ['guest misbehaved']\n    samples: ['(XEN) d1v0 guest misbehaved']\n",
      'xen/console.log': [
        '(XEN) [2024-07-01 09:00:00] Xen version 4.17.3',
        '(d12) [2024-07-01 09:00:01] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(202,1)',
        '(XEN) [2024-07-01 09:00:02] d12v0 guest misbehaved',
        '(XEN) [2024-07-01 09:00:03] [d12] guest misbehaved',
        '(XEN) [2024-07-01 09:00:04] hvm.c:1739:d12v1 guest misbehaved',
        '(XEN) [2024-07-01 09:00:05] domain_crash called from hvm.c:1740',
        '(XEN) [2024-07-01 09:00:05] Domain 12 (vcpu#1) crashed on cpu#3:',
        '(XEN) [2024-07-01 09:00:06] (d7) BUG: kernel NULL pointer dereference, address: 0000000000000040',
        '[ 4012.551203] Kernel panic - not syncing: Fatal exception',
        '',
      ].join('\n'),
      'xen/xl-web05.log': 'Waiting for domain web05 (domid 12) to die [pid 4711]\nDomain 12 has shut down, reason code 3 0x3\n',
      'xen/console/guest-db01.log': '[  812.100200] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009\n',
    });
    const byLine = (f: string, line: number) => t.events.find((e) => e.file === f && e.line === line);
    for (const line of [2, 3, 4, 5, 6, 7]) assert.strictEqual(byLine('xen/console.log', line)?.domain, 'web05', `line ${line}`);
    assert.strictEqual(byLine('xen/console.log', 2)!.time, '2024-07-01T09:00:01.000Z', 'Xen dates a guest line after (d12) as its own after (XEN)');
    assert.deepStrictEqual([byLine('xen/console.log', 2)!.category, byLine('xen/console.log', 2)!.rule], ['domain-crash', 'kernel-panic']);
    assert.strictEqual(byLine('xen/console.log', 8)?.domain, 'd7', 'no log names domain 7');
    assert.strictEqual(byLine('xen/console.log', 9)?.domain, 'Domain-0', 'Xen prints dom0\'s console without a prefix');
    assert.strictEqual(byLine('xen/console/guest-db01.log', 1)?.domain, 'db01', 'xenconsoled names the file after the guest');
    const crash = t.incidents.find((i) => i.events.some((e) => t.events[e].file === 'xen/xl-web05.log'))!;
    assert.ok(crash.events.some((e) => t.events[e].file === 'xen/console.log'), 'the untimed xl log joins the domain\'s incident');
  });

  it('makes one event of a Xen panic banner, blank (XEN) lines and the reboot line included', async () => {
    const t = await scan({
      'xl-dmesg.log': [
        '(XEN) [2024-07-01 09:00:00] Xen version 4.17.3',
        '(XEN) [2024-07-01 09:00:10] ',
        '(XEN) [2024-07-01 09:00:10] ****************************************',
        '(XEN) [2024-07-01 09:00:10] Panic on CPU 0:',
        '(XEN) [2024-07-01 09:00:10] Xen BUG at drivers/passthrough/amd/iommu_init.c:1386',
        '(XEN) [2024-07-01 09:00:10] ****************************************',
        '(XEN)',
        '(XEN) [2024-07-01 09:00:10] Reboot in five seconds...',
        '(XEN) [2024-07-01 09:00:20] ****************************************',
        '(XEN) [2024-07-01 09:00:20] Panic on CPU 3:',
        '(XEN) [2024-07-01 09:00:20] FATAL PAGE FAULT',
        '(XEN) [2024-07-01 09:00:20] Panic on CPU 5:',
        '(XEN) [2024-07-01 09:00:20] Manual reset required (\'noreboot\' specified)',
        '(XEN) [2024-07-01 09:00:30] CPU4: Machine Check Exception: 0000000000000005',
        '',
      ].join('\n'),
    });
    assert.deepStrictEqual(t.events.map((e) => [e.line, e.rule]), [[4, 'xen-panic'], [10, 'xen-panic'], [12, 'xen-panic'], [14, 'xen-mce-exception']]);
  });

  it('makes one event of an APEI/GHES record, as severe as its "event severity" line says', async () => {
    const ghes = (n: number, severity: string) => [
      `2019-08-19T04:18:38.27465${n}-04:00 host kernel: [ 261.273226] {${n}}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 4`,
      `2019-08-19T04:18:38.27466${n}-04:00 host kernel: [ 261.273227] {${n}}[Hardware Error]: event severity: ${severity}`,
      `2019-08-19T04:18:38.27466${n}-04:00 host kernel: [ 261.273228] {${n}}[Hardware Error]:  Error 0, type: ${severity}`,
      `2019-08-19T04:18:38.27469${n}-04:00 host kernel: [ 261.273229] {${n}}[Hardware Error]:   section_type: memory error`,
    ];
    const t = await scan({ 'messages': [...ghes(1, 'recoverable'), ...ghes(2, 'corrected'), ''].join('\n') });
    assert.deepStrictEqual(t.events.map((e) => [e.line, e.category, e.severity]), [[1, 'mce', 'error'], [5, 'mce', 'warning']]);
  });

  it('says how many failure lines a file had beyond the cap on events', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-domains-'));
    const lines = Array.from({ length: 5 }, (_, i) => `Jul  1 09:00:0${i} xen01 kernel: blk_update_request: I/O error, dev dm-3, sector ${i} op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0`);
    write('kern.log', lines.join('\n') + '\n');
    const r = await scanFile(path.join(dir, 'kern.log'), 'kern.log', { engine: createEngine(), maxFileBytes: 1 << 20, maxEvents: 3 });
    assert.deepStrictEqual([r.events.length, r.dropped], [3, 2]);
    const t = correlate([r], opts);
    assert.deepStrictEqual(Object.keys(t.files[0]).slice(0, 5), ['path', 'format', 'lines', 'first', 'last']);
    assert.strictEqual(t.files[0].note, 'only the first 3 failure lines were kept as events: 2 more are left out');
  });
});

describe('the compact event store', () => {
  const events: RawEvent[] = [
    { line: 1, rule: 'a', category: 'mce', severity: 'warning', message: 'first, with é and 🙂', stamp: { kind: 'wall', month: 2, day: 29, h: 23, mi: 59, s: 59, ms: 999 }, domid: 0 },
    { line: 7, rule: 'b', category: 'disk-io', severity: 'error', message: 'x'.repeat(70000), stamp: { kind: 'wall', year: 2024, month: 7, day: 1, h: 9, mi: 0, s: 0, ms: 0, zone: 'CEST' }, domain: 'web05', mce: 'corrected cache error', epoch: 1719824400 },
    { line: 9, rule: 'a', category: 'mce', severity: 'info', message: '', stamp: { kind: 'uptime', clock: 'xen', seconds: 8.150305 } },
    { line: 12, rule: 'c', category: 'lvm', severity: 'error', message: 'old', stamp: { kind: 'wall', year: 99, month: 4, day: 31, h: 0, mi: 0, s: 0, ms: 0 } },
    { line: 4294967295, rule: 'c', category: 'lvm', severity: 'error', message: 'no stamp', domid: 32752 },
    { line: 13, rule: 'd', category: 'memory', severity: 'error', message: 'instant', stamp: { kind: 'instant', ms: Date.UTC(2024, 6, 1) } },
  ];

  it('reads back every event as it was put, through a worker\'s transfer too', () => {
    const views = EventStore.from(events).views();
    assert.deepStrictEqual(views.map(plainEvent), events);
    const { packed, transfer } = packEvents(views);
    assert.ok(transfer.length > 0 && transfer.every((b) => b instanceof ArrayBuffer));
    assert.deepStrictEqual(unpackEvents(structuredClone(packed, { transfer })).map(plainEvent), events);
    assert.deepStrictEqual(unpackEvents(packEvents(events).packed).map(plainEvent), events, 'a plain array is packed too');
  });

  it('hands out read-only events; a changed one is a copy', () => {
    const [view] = EventStore.from(events).views();
    assert.deepStrictEqual(JSON.parse(JSON.stringify(view)), JSON.parse(JSON.stringify(events[0])));
    const warned = withSeverity(view, 'error');
    assert.deepStrictEqual([warned.severity, view.severity, warned.message], ['error', 'warning', events[0].message]);
  });
});
