// Real captures taken on this machine with Debian's sysstat and procps (skipped when they
// are not installed, except in CI): whatever version and layout they print must be recognised and read
// at the time the command ran, with values in range and devices the kernel lists.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { parseCapture } from '../../server/src/captures/index';
import type { Capture, CaptureKind, Metric } from '../../server/src/captures/types';
import { requireTool } from '../tools';

/** Runs a tool in UTC and the C locale (plus `env`), and reads its output as a file written when it ended. */
function capture(cmd: string[], env: Record<string, string> = {}): { c: Capture; before: number; after: number } {
  const before = Date.now();
  const out = execFileSync(cmd[0], cmd.slice(1), { encoding: 'utf8', timeout: 30000, env: { ...process.env, TZ: 'UTC', LC_ALL: 'C', ...env } });
  const after = Date.now();
  return { c: parseCapture(`${cmd[0]}.txt`, out, { zone: 'UTC', mtimeMs: after }), before, after };
}

/** Sample times of the capture: within the run (to the second), `count` of them about a second apart. */
function assertTimes(c: Capture, before: number, after: number, count: number): void {
  assert.ok(c.series.length, `${c.kind}: no series (${c.skipped ?? ''})`);
  for (const s of c.series) {
    assert.strictEqual(s.times.length, count, `${s.metric} ${s.subject.name}: ${s.times.length} samples`);
    for (const t of s.times) assert.ok(t >= before - 2000 && t <= after + 2000, `${s.metric} ${s.subject.name}: ${new Date(t).toISOString()} outside the run ${new Date(before).toISOString()}–${new Date(after).toISOString()}`);
    for (let i = 1; i < s.times.length; i++) {
      const gap = s.times[i] - s.times[i - 1];
      assert.ok(gap >= 500 && gap <= 2500, `${s.metric} ${s.subject.name}: samples ${gap} ms apart`);
    }
  }
}

function assertRange(c: Capture, metrics: Metric[], low: number, high: number): void {
  const picked = c.series.filter((s) => metrics.includes(s.metric));
  assert.ok(picked.length, `${c.kind}: none of ${metrics.join(', ')}`);
  for (const s of picked) for (const v of s.values) assert.ok(v >= low && v <= high, `${s.metric} ${s.subject.name} = ${v}`);
}

/** Block devices as /proc/diskstats names them (iostat shows `cciss!c0d0` as `cciss/c0d0`). */
function kernelDevices(): Set<string> {
  return new Set(fs.readFileSync('/proc/diskstats', 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/)[2].replace(/!/g, '/')));
}

function assertDevices(c: Capture): void {
  const known = kernelDevices();
  const devices = new Set(c.series.filter((s) => s.subject.kind === 'device').map((s) => s.subject.name));
  assert.ok(devices.size, 'no device series');
  for (const d of devices) assert.ok(known.has(d), `${d} is not in /proc/diskstats`);
}

const CPU_SHARES: Metric[] = ['user', 'nice', 'system', 'iowait', 'steal', 'idle'];

describe('captures: live sysstat and procps output', function () {
  this.timeout(60000);

  describe('iostat', () => {
    before(function () {
      requireTool(this, 'iostat');
    });

    const cases: Array<[string, string[], Record<string, string>, CaptureKind]> = [
      ['-x -t, C locale', ['iostat', '-x', '-t', '1', '2'], {}, 'iostat'],
      ['-x -t, ISO stamps', ['iostat', '-x', '-t', '1', '2'], { S_TIME_FORMAT: 'ISO' }, 'iostat'],
      ['-o JSON -x -t', ['iostat', '-o', 'JSON', '-x', '-t', '1', '2'], {}, 'iostat-json'],
      ['-d -t basic report', ['iostat', '-d', '-t', '1', '2'], {}, 'iostat'],
    ];
    for (const [label, cmd, env, kind] of cases) {
      it(`reads ${label}`, () => {
        const { c, before, after } = capture(cmd, env);
        assert.strictEqual(c.kind, kind);
        assert.deepStrictEqual(c.warnings, []);
        assert.strictEqual(c.host, os.hostname());
        assertTimes(c, before, after, 2);
        assertDevices(c);
        if (!cmd.includes('-d')) assertRange(c, CPU_SHARES, 0, 100);
        if (cmd.includes('-x')) assertRange(c, ['util'], 0, 100);
        assertRange(c, ['rkB/s', 'wkB/s', 'tps', 'r/s', 'w/s', 'await', 'aqu-sz'], 0, Infinity);
      });
    }
  });

  describe('sar and mpstat', () => {
    before(function () {
      requireTool(this, 'sar');
      requireTool(this, 'mpstat');
    });

    it('reads sar -u in live mode, its Average: row left out', () => {
      const { c, before, after } = capture(['sar', '-u', '1', '2']);
      assert.strictEqual(c.kind, 'sar');
      assert.deepStrictEqual(c.warnings, []);
      assertTimes(c, before, after, 2);
      assertRange(c, CPU_SHARES, 0, 100);
      assert.strictEqual(c.cpus, os.cpus().length);
    });

    it('reads sar -d -p and -n DEV together', () => {
      const { c, before, after } = capture(['sar', '-d', '-p', '-n', 'DEV', '1', '2']);
      assert.strictEqual(c.kind, 'sar');
      assert.deepStrictEqual(c.warnings, []);
      assertTimes(c, before, after, 2);
      assertDevices(c);
      const interfaces = new Set(c.series.filter((s) => s.subject.kind === 'interface').map((s) => s.subject.name));
      assert.ok(interfaces.has('lo'), `interfaces: ${[...interfaces].join(', ')}`);
      assertRange(c, ['util', 'ifutil%'], 0, 100);
    });

    it('reads mpstat -P ALL: one series per CPU and all', () => {
      const { c, before, after } = capture(['mpstat', '-P', 'ALL', '1', '2']);
      assert.strictEqual(c.kind, 'mpstat');
      assert.deepStrictEqual(c.warnings, []);
      assertTimes(c, before, after, 2);
      const cpus = [...new Set(c.series.map((s) => s.subject.name))].sort();
      assert.deepStrictEqual(cpus, ['all', ...os.cpus().map((_, i) => String(i))].sort());
      assertRange(c, ['user', 'system', 'iowait', 'irq', 'soft', 'steal', 'guest', 'idle'], 0, 100);
    });
  });

  describe('vmstat', () => {
    before(function () {
      requireTool(this, 'vmstat');
    });

    it('reads vmstat -t at its stamps', () => {
      const { c, before, after } = capture(['vmstat', '-t', '1', '2']);
      assert.strictEqual(c.kind, 'vmstat');
      assert.deepStrictEqual(c.warnings, []);
      assertTimes(c, before, after, 2);
      assertRange(c, ['user', 'system', 'idle', 'iowait', 'steal'], 0, 100);
      const total = os.totalmem() / 1024;
      assertRange(c, ['memfree'], 0, total);
    });

    it('dates plain vmstat back from the end of the run', () => {
      const { c, before, after } = capture(['vmstat', '1', '2']);
      assertTimes(c, before, after, 2);
      const s = c.series.find((x) => x.metric === 'memfree')!;
      assert.deepStrictEqual(s.times, [after - 1000, after]);
      assert.match(c.warnings[0].message, /no times/);
    });
  });
});
