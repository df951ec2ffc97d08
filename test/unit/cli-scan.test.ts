// The `xenops scan` contract: the JSON shape other tools rely on, the text report, options.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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
});
