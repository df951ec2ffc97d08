// From a scan and its captures to what the timeline draws: one chart per kind of
// resource, the failures as markers, the spikes as bands, and the span to open on
// (an incident with the minutes before it, or everything).
import type { Capture, Metric, Series } from '../captures/types';
import { METRICS } from '../captures/types';
import type { Timeline } from '../logs/correlate';
import type { Band, Chart, ChartSeries, Marker, TimelineView } from './types';

/** How far before an incident its view opens: the lead-up is what the operator looks for. */
const BEFORE_MS = 5 * 60000;
const AFTER_MS = 60000;

interface ChartSpec {
  id: string;
  title: string;
  /** Which series go on it, and how each is labelled. */
  pick(s: Series): string | undefined;
  metrics: Metric[];
}

const CHARTS: ChartSpec[] = [
  { id: 'disk-util', title: 'Disk utilisation', metrics: ['util'], pick: (s) => (s.subject.kind === 'device' ? s.subject.name : undefined) },
  { id: 'disk-latency', title: 'Disk latency (await)', metrics: ['await'], pick: (s) => (s.subject.kind === 'device' ? s.subject.name : undefined) },
  { id: 'disk-iops', title: 'Disk requests (r/s + w/s, or tps)', metrics: ['r/s', 'w/s', 'tps'], pick: (s) => (s.subject.kind === 'device' ? s.subject.name : undefined) },
  {
    id: 'cpu',
    title: 'CPU, all CPUs',
    metrics: ['iowait', 'steal', 'system', 'user'],
    pick: (s) => (s.subject.kind === 'cpu' && s.subject.name === 'all' ? s.metric : undefined),
  },
  { id: 'domain-cpu', title: 'Domain CPU (xentop, 100 = one vCPU)', metrics: ['cpu%'], pick: (s) => (s.subject.kind === 'domain' ? s.subject.name : undefined) },
  { id: 'memory', title: 'Memory used', metrics: ['memused%'], pick: (s) => (s.subject.kind === 'host' ? 'used' : undefined) },
  { id: 'network', title: 'Network (received + sent)', metrics: ['rxkB/s', 'txkB/s'], pick: (s) => (s.subject.kind === 'interface' ? s.subject.name : undefined) },
];

export interface ViewOptions {
  /** Index into timeline.incidents: the view of that incident; else the whole folder. */
  incident?: number;
  title: string;
}

export function buildView(timeline: Timeline, captures: Capture[], opts: ViewOptions): TimelineView {
  const incident = opts.incident === undefined ? undefined : timeline.incidents[opts.incident];
  const eventIds = incident ? incident.events : timeline.events.map((_, i) => i);
  const markers: Marker[] = eventIds.flatMap((i) => {
    const e = timeline.events[i];
    return e.time === null ? [] : [{ time: Date.parse(e.time), category: e.category, severity: e.severity, message: e.message, rule: e.rule, domain: e.domain, file: e.file, line: e.line }];
  });
  const charts = CHARTS.map((spec) => chartOf(spec, captures)).filter((c) => c.series.length);
  const resourceIds = incident ? incident.resources : timeline.resources.map((_, i) => i);
  const bands = mergeBands(
    resourceIds.map((i) => {
      const r = timeline.resources[i];
      const start = Date.parse(r.time);
      const subject = r.device ?? r.domain ?? 'host';
      const chart = charts.find((c) => c.series.some((s) => s.metric === r.metric))?.id;
      return { start, end: r.end ? Date.parse(r.end) : start, label: `${subject} ${r.metric} ${r.value}${unitOf(r.metric)} (baseline ${r.baseline})`, ...(chart ? { chart } : {}) };
    }),
  );
  const span = spanOf(charts, markers, bands);
  const focus = incident && incident.start && incident.end ? { start: Date.parse(incident.start) - BEFORE_MS, end: Date.parse(incident.end) + AFTER_MS } : span;
  return { title: opts.title, start: focus.start, end: focus.end, charts, markers, bands };
}

/** Spikes of one chart that overlap in time share one band (stacked shading would hide the lines). */
function mergeBands(bands: Band[]): Band[] {
  const out: Band[] = [];
  for (const b of [...bands].sort((x, y) => (x.chart ?? '').localeCompare(y.chart ?? '') || x.start - y.start)) {
    const last = out[out.length - 1];
    if (last && last.chart === b.chart && b.start <= last.end) {
      last.end = Math.max(last.end, b.end);
      last.label = `${last.label}; ${b.label}`;
    } else out.push({ ...b });
  }
  return out.sort((x, y) => x.start - y.start);
}

function unitOf(metric: string): string {
  const unit = (METRICS as Record<string, string>)[metric] ?? '';
  return unit === '%' ? '%' : unit ? ` ${unit}` : '';
}

function chartOf(spec: ChartSpec, captures: Capture[]): Chart {
  const hosts = new Set(captures.map((c) => c.host ?? c.path));
  const byLabel = new Map<string, ChartSeries>();
  for (const c of captures) {
    for (const s of c.series) {
      if (!spec.metrics.includes(s.metric)) continue;
      // tps only stands in for r/s + w/s when the capture lacks them
      if (s.metric === 'tps' && c.series.some((o) => o.metric === 'r/s' && o.subject.name === s.subject.name)) continue;
      const label = spec.pick(s);
      if (label === undefined) continue;
      // several hosts' captures: say whose device it is
      const full = hosts.size > 1 ? `${c.host ?? c.path}:${label}` : label;
      const known = byLabel.get(full);
      byLabel.set(full, known ? sum(known, s) : { label: full, metric: s.metric, xs: s.times.slice(), ys: s.values.slice() });
    }
  }
  return { id: spec.id, title: spec.title, unit: METRICS[spec.metrics[0]] || '', series: [...byLabel.values()] };
}

/** Two series of one line (r/s and w/s of a device): added where their samples coincide, else kept side by side. */
function sum(a: ChartSeries, b: Series): ChartSeries {
  if (a.xs.length === b.times.length && a.xs.every((x, i) => x === b.times[i])) return { ...a, ys: a.ys.map((y, i) => y + b.values[i]) };
  const points = [...a.xs.map((x, i) => [x, a.ys[i]]), ...b.times.map((x, i) => [x, b.values[i]])].sort((p, q) => p[0] - q[0]);
  return { ...a, xs: points.map((p) => p[0]), ys: points.map((p) => p[1]) };
}

function spanOf(charts: Chart[], markers: Marker[], bands: Band[]): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  const see = (t: number) => {
    if (t < start) start = t;
    if (t > end) end = t;
  };
  for (const c of charts) for (const s of c.series) if (s.xs.length) (see(s.xs[0]), see(s.xs[s.xs.length - 1]));
  for (const m of markers) see(m.time);
  for (const b of bands) (see(b.start), see(b.end));
  return Number.isFinite(start) ? { start, end: Math.max(end, start + 1000) } : { start: 0, end: 1000 };
}
