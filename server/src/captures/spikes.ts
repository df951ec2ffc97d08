// Spikes: the stretches of a capture where a resource was saturated or far off its
// usual level. Each becomes one resource event that incidents can point at ("dm-3 at
// 99.9 %util for 60 s before the machine check").
import type { ResourceEvent } from '../logs/correlate';
import { iso } from '../logs/time';
import type { Capture, Metric, Series } from './types';

/** The thresholds an operator can tune (settings `xenops.spikes.*`, CLI `--spike name=value`). */
export interface SpikeSettings {
  /** Device busy time, %util. */
  utilPercent: number;
  /** Device latency (await) this many times its own median… */
  latencyFactor: number;
  /** …and at least this many milliseconds. */
  latencyMinMs: number;
  /** CPU time waiting for I/O, all CPUs. */
  iowaitPercent: number;
  /** CPU time stolen by the hypervisor (in a guest's capture), all CPUs. */
  stealPercent: number;
  /** Runnable tasks per CPU. */
  runQueuePerCpu: number;
  /** Memory in use, %memused. */
  memoryUsedPercent: number;
  /** Swapping in or out, kB/s. */
  swapKBps: number;
  /** A domain's CPU use per vCPU (xentop CPU(%) / VCPUS). */
  domainCpuPercent: number;
}

export const DEFAULT_SPIKES: SpikeSettings = {
  utilPercent: 90,
  latencyFactor: 5,
  latencyMinMs: 20,
  iowaitPercent: 20,
  stealPercent: 10,
  runQueuePerCpu: 2,
  memoryUsedPercent: 95,
  swapKBps: 1024,
  domainCpuPercent: 90,
};

/** One spike: from `time` to `end`, peaking at `value`. */
export type Spike = ResourceEvent & { end: string };

/** A test of one sample: over the line, given the series' median (and the sample's index). */
type Over = (value: number, median: number, i: number) => boolean;

export function findSpikes(captures: Capture[], s: SpikeSettings = DEFAULT_SPIKES): Spike[] {
  const out: Spike[] = [];
  for (const c of captures) {
    const cpus = c.cpus ?? (new Set(c.series.filter((x) => x.subject.kind === 'cpu' && x.subject.name !== 'all').map((x) => x.subject.name)).size || undefined);
    for (const series of c.series) {
      const over = test(series, c, s, cpus);
      if (over) for (const spike of stretches(series, over, c.path)) out.push(spike);
    }
  }
  return out.sort((a, b) => a.time.localeCompare(b.time) || a.file.localeCompare(b.file));
}

function test(series: Series, c: Capture, s: SpikeSettings, cpus: number | undefined): Over | undefined {
  const { metric, subject } = series;
  const at = (m: Metric): Over => (v) => v >= thresholdOf(m, s, cpus);
  switch (subject.kind) {
    case 'device':
      if (metric === 'util') return at('util');
      if (metric === 'await') return (v, median) => v >= s.latencyMinMs && v >= s.latencyFactor * median;
      return undefined;
    case 'cpu':
      return subject.name === 'all' && (metric === 'iowait' || metric === 'steal') ? at(metric) : undefined;
    case 'host':
      if (metric === 'runq') return cpus ? at('runq') : undefined;
      return metric === 'memused%' || metric === 'swapin' || metric === 'swapout' ? at(metric) : undefined;
    case 'domain': {
      if (metric !== 'cpu%') return undefined;
      const vcpus = c.series.find((x) => x.metric === 'vcpus' && x.subject.name === subject.name);
      return (v, _median, i) => v / Math.max(1, vcpus?.values[i] ?? 1) >= s.domainCpuPercent;
    }
    default:
      return undefined;
  }
}

function thresholdOf(m: Metric, s: SpikeSettings, cpus: number | undefined): number {
  switch (m) {
    case 'util':
      return s.utilPercent;
    case 'iowait':
      return s.iowaitPercent;
    case 'steal':
      return s.stealPercent;
    case 'runq':
      return s.runQueuePerCpu * (cpus ?? 1);
    case 'memused%':
      return s.memoryUsedPercent;
    default:
      return s.swapKBps;
  }
}

/** Consecutive samples over the line, as one spike each. */
function stretches(series: Series, over: Over, file: string): Spike[] {
  const median = medianOf(series.values);
  const out: Spike[] = [];
  let open: { from: number; to: number; peak: number } | undefined;
  const close = () => {
    if (!open) return;
    const { subject, metric } = series;
    out.push({
      time: iso(series.times[open.from])!,
      end: iso(series.times[open.to])!,
      file,
      line: series.lines[open.from],
      metric,
      ...(subject.kind === 'device' || subject.kind === 'interface' ? { device: subject.name } : {}),
      ...(subject.kind === 'domain' ? { domain: subject.name } : {}),
      value: round(open.peak),
      baseline: round(median),
    });
    open = undefined;
  };
  series.values.forEach((v, i) => {
    if (!over(v, median, i)) return close();
    if (open) {
      open.to = i;
      open.peak = Math.max(open.peak, v);
    } else open = { from: i, to: i, peak: v };
  });
  close();
  return out;
}

function medianOf(values: number[]): number {
  if (!values.length) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
