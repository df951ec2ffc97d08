// The `xenops scan` contract: the JSON shape other tools rely on, the text report, options.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { formatTimeline, writeJson } from '../../server/src/cli/scan';
import type { Timeline } from '../../server/src/logs/correlate';
import { scanFolder } from '../../server/src/logs/scan';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

function xenops(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('xenops scan', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-cli-scan-'));
    fs.mkdirSync(path.join(dir, 'xen'));
    fs.writeFileSync(path.join(dir, 'xen', 'xl-web05.log'), 'Waiting for domain web05 (domid 12) to die [pid 4711]\nDomain 12 has shut down, reason code 3 0x3\n');
    fs.writeFileSync(path.join(dir, 'xen', 'console.log'), '(XEN) [2024-07-01 09:00:00] Xen version 4.17\n(XEN) [2024-07-01 09:00:10] CPU3: Machine Check Exception: 0000000000000005\n(XEN) [2024-07-01 09:00:10] Bank 4: be00000000800400 at 0000000842c3d000\n');
    fs.writeFileSync(path.join(dir, 'app.log'), '2024-07-01 09:30:00 +0000 ERROR: SQLSTATE[HY000] [1040] Too many connections\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON contract', () => {
    const r = xenops('scan', '--json', dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepStrictEqual(Object.keys(out), ['files', 'events', 'resources', 'incidents']);
    for (const f of out.files) assert.deepStrictEqual(Object.keys(f).slice(0, 5), ['path', 'format', 'lines', 'first', 'last']);
    const mce = out.events.find((e: { category: string }) => e.category === 'mce');
    assert.deepStrictEqual(Object.keys(mce), ['time', 'file', 'line', 'category', 'severity', 'message', 'domain', 'rule']);
    assert.deepStrictEqual([mce.time, mce.file, mce.line, mce.severity], ['2024-07-01T09:00:10.000Z', 'xen/console.log', 2, 'error']);
    assert.match(mce.message, /uncorrected .*bank 4/);
    const crash = out.events.find((e: { category: string }) => e.category === 'domain-crash');
    assert.deepStrictEqual([crash.time, crash.domain, crash.file], [null, 'web05', 'xen/xl-web05.log']);
    for (const i of out.incidents) assert.deepStrictEqual(Object.keys(i), ['start', 'end', 'events', 'resources', 'summary']);
    assert.deepStrictEqual(out.resources, []);
  });

  it('applies --window, --since and --until', () => {
    const wide = JSON.parse(xenops('scan', '--json', '--window', '1h', dir).stdout);
    assert.strictEqual(wide.incidents.filter((i: { start: string | null }) => i.start).length, 1);
    const narrow = JSON.parse(xenops('scan', '--json', '--window', '60s', dir).stdout);
    assert.strictEqual(narrow.incidents.filter((i: { start: string | null }) => i.start).length, 2);
    const since = JSON.parse(xenops('scan', '--json', '--since', '2024-07-01T09:15:00Z', '--until', '1719829800', dir).stdout);
    assert.deepStrictEqual(since.events.map((e: { file: string }) => e.file), ['app.log']);
  });

  it('writes a report for people, most severe incident first', () => {
    const r = xenops('scan', dir);
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /^Read 3 files in [\d.]+ s: 3 logs, 0 captures, 0 skipped\./);
    assert.match(r.stdout, /\n#1 {2}2024-07-01 09:00:10Z {2}machine check \(uncorrected/);
  });

  it('forces a format by glob, and reports a broken workspace rule pack clearly', () => {
    const forced = JSON.parse(xenops('scan', '--json', '--format', 'app.log=syslog', dir).stdout);
    assert.strictEqual(forced.files.find((f: { path: string }) => f.path === 'app.log').format, 'syslog');
    fs.mkdirSync(path.join(dir, '.xenops'));
    fs.writeFileSync(path.join(dir, '.xenops', 'rules.yaml'), 'rules:\n  - id: bad\n    category: nonsense\n');
    const r = xenops('scan', dir);
    fs.rmSync(path.join(dir, '.xenops'), { recursive: true });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /rules\.yaml: rule bad: unknown category 'nonsense'/);
  });

  it('rejects bad options with a clear message', () => {
    for (const args of [['--window', 'soon', dir], ['--since', 'yesterday', dir], ['--tz', 'Mars/Base', dir], [path.join(dir, 'nope')], []]) {
      const r = xenops('scan', ...args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^xenops: .+\nusage: xenops scan/);
    }
  });

  it('rejects times that do not exist instead of rolling them over', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['--since', '2024-13-45', /--since: '2024-13-45' is not a real time: there is no month 13/],
      ['--until', '2024-02-30T10:00:00Z', /--until: '2024-02-30T10:00:00Z' is not a real time: there is no day 30 of 2024-02/],
      ['--since', '2024-07-01T24:00:00', /there is no hour 24/],
      ['--since', '2024-07-01T09:00:00+25:00', /there is no zone offset \+25:00/],
    ];
    for (const [flag, value, message] of cases) {
      const r = xenops('scan', flag, value, dir);
      assert.strictEqual(r.code, 2, value);
      assert.match(r.stderr, message);
    }
    assert.strictEqual(xenops('scan', '--since', '2024-02-29', '--until', '2024-07-01 23:59:59', dir).code, 0);
  });

  it('writes the JSON exactly as JSON.stringify would lay it out, piece by piece', async () => {
    const r = xenops('scan', '--json', dir);
    assert.strictEqual(r.stdout, JSON.stringify(JSON.parse(r.stdout), null, 2) + '\n');
    // and the events made one at a time as they are written are the timeline's own
    assert.strictEqual(r.stdout, JSON.stringify(await scanFolder({ folder: dir }), null, 2) + '\n');
  });

  it('lays out any timeline as JSON.stringify does: nested objects and arrays, empty ones, undefined and odd numbers', async () => {
    const t = {
      files: [{ path: 'a "quoted"\n\u2028 path', format: null, lines: 0, first: null, last: null, skipped: undefined }],
      events: [],
      resources: [{ time: 'x', file: 'f', line: 1, metric: 'util', value: NaN, baseline: Infinity, extra: { deep: [1, [], {}, [undefined, () => 1]] } }],
      incidents: [{ start: null, end: null, events: Array.from({ length: 2500 }, (_, i) => i), resources: [], summary: 's', when: new Date(0) }],
    } as unknown as Timeline;
    const chunks: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { chunks.push(chunk.toString()); done(); } });
    await writeJson(t, sink);
    assert.strictEqual(chunks.join(''), JSON.stringify(t, null, 2) + '\n');
  });

  it('tells in the report of a file whose events were capped', () => {
    const t: Timeline = {
      files: [{ path: 'kern.log', format: 'syslog', lines: 300000, first: null, last: null, note: 'only the first 200000 failure lines were kept as events: 100000 more are left out' }],
      events: [],
      resources: [],
      incidents: [],
    };
    assert.match(formatTimeline(t), /\n {2}note on kern\.log: only the first 200000 failure lines were kept as events: 100000 more are left out\n/);
  });
});
