// Spike detection: which samples count as a spike, how a run of them becomes one resource
// event, and how the settings move the lines.
import * as assert from 'node:assert';
import { DEFAULT_SPIKES, findSpikes } from '../../server/src/captures/spikes';
import type { Capture, Metric, Series, SubjectKind } from '../../server/src/captures/types';

const T0 = Date.UTC(2024, 6, 1, 9, 0, 0);

function series(metric: Metric, kind: SubjectKind, name: string, values: number[]): Series {
  return { metric, subject: { kind, name }, times: values.map((_, i) => T0 + i * 10000), values, lines: values.map((_, i) => 10 + i) };
}

function capture(series: Series[], extra: Partial<Capture> = {}): Capture {
  return { path: 'xen01/iostat.log', kind: 'iostat', series, warnings: [], ...extra };
}

describe('spike detection', () => {
  it('turns each run of saturated samples into one event with its peak, span and the device median', () => {
    const spikes = findSpikes([capture([series('util', 'device', 'dm-3', [10, 12, 95, 99.94, 97, 11, 10, 92, 9])])]);
    assert.deepStrictEqual(
      spikes.map((s) => [s.time, s.end, s.line, s.metric, s.device, s.value, s.baseline]),
      [
        ['2024-07-01T09:00:20.000Z', '2024-07-01T09:00:40.000Z', 12, 'util', 'dm-3', 99.9, 12],
        ['2024-07-01T09:01:10.000Z', '2024-07-01T09:01:10.000Z', 17, 'util', 'dm-3', 92, 12],
      ],
    );
    assert.ok(spikes.every((s) => s.file === 'xen01/iostat.log' && s.domain === undefined));
  });

  it('measures latency against the device\'s own median, with a floor', () => {
    const slow = series('await', 'device', 'sda', [2, 3, 2, 2, 40, 3, 2]);
    const busyAnyway = series('await', 'device', 'sdb', [8, 9, 8, 15, 9]);
    const spikes = findSpikes([capture([slow, busyAnyway])]);
    assert.deepStrictEqual(spikes.map((s) => [s.device, s.value, s.baseline]), [['sda', 40, 2]], '15 ms is under the 20 ms floor');
    assert.deepStrictEqual(findSpikes([capture([busyAnyway])], { ...DEFAULT_SPIKES, latencyMinMs: 10, latencyFactor: 1.5 }).map((s) => s.value), [15]);
  });

  it('reads CPU shares of all CPUs only, and the run queue per CPU', () => {
    const c = capture(
      [
        series('iowait', 'cpu', 'all', [1, 35, 2]),
        series('iowait', 'cpu', '3', [1, 80, 2]),
        series('steal', 'cpu', 'all', [0, 0, 12]),
        series('runq', 'host', 'host', [3, 9, 4]),
      ],
      { cpus: 4 },
    );
    assert.deepStrictEqual(findSpikes([c]).map((s) => [s.metric, s.value]), [['iowait', 35], ['runq', 9], ['steal', 12]]);
    const uncounted = { ...c, cpus: undefined, series: c.series.filter((s) => s.subject.name !== '3') };
    assert.deepStrictEqual(findSpikes([uncounted]).map((s) => s.metric), ['iowait', 'steal'], 'no CPU count, no run-queue verdict');
    const perCpu = ['0', '1', '2', '3', '4'].map((n) => series('user', 'cpu', n, [1, 1, 1]));
    assert.deepStrictEqual(findSpikes([{ ...uncounted, series: [...uncounted.series, ...perCpu] }]).map((s) => s.metric), ['iowait', 'steal'], 'five CPUs: 9 runnable is fine');
  });

  it('judges a domain\'s CPU per vCPU', () => {
    const c = capture([series('cpu%', 'domain', 'db01', [50, 190, 380, 100]), series('vcpus', 'domain', 'db01', [4, 4, 4, 4]), series('cpu%', 'domain', 'web01', [95, 20, 20, 20])], { kind: 'xentop' });
    assert.deepStrictEqual(findSpikes([c]).map((s) => [s.domain, s.value]), [['web01', 95], ['db01', 380]]);
  });

  it('flags memory pressure and swapping', () => {
    const c = capture([series('memused%', 'host', 'host', [80, 96, 81]), series('swapin', 'host', 'host', [0, 0, 5000]), series('memfree', 'host', 'host', [1, 1, 1])]);
    assert.deepStrictEqual(findSpikes([c]).map((s) => s.metric), ['memused%', 'swapin']);
  });
});
