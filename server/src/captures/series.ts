// Collecting samples into series. Rows of one table and one subject go into one track whose
// times and lines arrays are shared by all the metrics of that table, so a row costs one
// push per column and no object. Parsers may store a provisional time (a report number, the
// seconds since the first midnight) and turn them into UTC once the whole file is read.
import type { Metric, Series, SubjectKind } from './types';

export interface Track {
  kind: SubjectKind;
  name: string;
  metrics: readonly Metric[];
  times: number[];
  lines: number[];
  /** One column per metric, aligned with times. */
  values: number[][];
}

export class SeriesBuilder {
  private readonly tracks: Track[] = [];
  private readonly byKey = new Map<string, Track>();

  /** The track of one table layout (`layout` names it) for one subject. */
  track(layout: string, metrics: readonly Metric[], kind: SubjectKind, name: string): Track {
    const key = `${layout}\0${kind}\0${name}`;
    let t = this.byKey.get(key);
    if (!t) {
      t = { kind, name, metrics, times: [], lines: [], values: metrics.map(() => []) };
      this.byKey.set(key, t);
      this.tracks.push(t);
    }
    return t;
  }

  /** The provisional times of every track, replaced by `map(t)`. */
  retime(map: (t: number) => number): void {
    for (const t of this.tracks) {
      const times = t.times;
      for (let i = 0; i < times.length; i++) times[i] = map(times[i]);
    }
  }

  /** Largest provisional time, for parsers that date their samples backwards from the end. */
  maxTime(): number {
    let max = -Infinity;
    for (const t of this.tracks) for (const v of t.times) if (v > max) max = v;
    return max;
  }

  /**
   * The series, one per metric and subject, ascending in time. Series of one table share
   * their times and lines arrays: treat them as read-only.
   */
  finish(): Series[] {
    const parts = new Map<string, Series[]>();
    for (const t of this.tracks) {
      if (!t.times.length) continue;
      sortTrack(t);
      t.metrics.forEach((metric, j) => {
        const s = complete({ metric, subject: { kind: t.kind, name: t.name }, times: t.times, values: t.values[j], lines: t.lines });
        if (!s.times.length) return;
        const key = `${metric}\0${t.kind}\0${t.name}`;
        const list = parts.get(key);
        if (list) list.push(s);
        else parts.set(key, [s]);
      });
    }
    const out = [...parts.values()].map((list) => (list.length === 1 ? list[0] : merge(list)));
    deriveAwait(out);
    return out;
  }
}

/** A column with gaps (NaN, or shorter than its track) gets its own arrays without them. */
function complete(s: Series): Series {
  const { times, values, lines } = s;
  let gaps = values.length !== times.length;
  for (let i = 0; i < values.length && !gaps; i++) gaps = values[i] !== values[i];
  if (!gaps) return s;
  const out: Series = { metric: s.metric, subject: s.subject, times: [], values: [], lines: [] };
  for (let i = 0; i < times.length; i++) {
    const v = values[i];
    if (v === undefined || Number.isNaN(v)) continue;
    out.times.push(times[i]);
    out.values.push(v);
    out.lines.push(lines[i]);
  }
  return out;
}

function sortTrack(t: Track): void {
  const { times } = t;
  let sorted = true;
  for (let i = 1; i < times.length && sorted; i++) sorted = times[i - 1] <= times[i];
  if (sorted) return;
  const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
  const pick = (a: number[]) => order.map((i) => a[i]);
  t.times = pick(times);
  t.lines = pick(t.lines);
  t.values = t.values.map((v) => order.map((i) => (i < v.length ? v[i] : NaN)));
}

/** One metric of one subject from several tables (a header that changed mid-file): merged by time. */
function merge(list: Series[]): Series {
  const idx: Array<[number, number]> = [];
  list.forEach((s, k) => s.times.forEach((_, i) => idx.push([k, i])));
  idx.sort((a, b) => list[a[0]].times[a[1]] - list[b[0]].times[b[1]] || list[a[0]].lines[a[1]] - list[b[0]].lines[b[1]]);
  return {
    metric: list[0].metric,
    subject: list[0].subject,
    times: idx.map(([k, i]) => list[k].times[i]),
    values: idx.map(([k, i]) => list[k].values[i]),
    lines: idx.map(([k, i]) => list[k].lines[i]),
  };
}

/**
 * sysstat ≥ 12 prints r_await and w_await but no await: the await of all requests is their
 * mean weighted by r/s and w/s, 0 when the device did nothing. The four series may come from
 * different tables (`--pretty` prints reads and writes apart), so samples are matched by time.
 */
function deriveAwait(series: Series[]): void {
  const byDevice = new Map<string, Partial<Record<Metric, Series>>>();
  for (const s of series) {
    if (s.subject.kind !== 'device') continue;
    const m = byDevice.get(s.subject.name) ?? {};
    m[s.metric] = s;
    byDevice.set(s.subject.name, m);
  }
  for (const [name, m] of byDevice) {
    const r = m['r/s'];
    const w = m['w/s'];
    const ra = m.r_await;
    const wa = m.w_await;
    if (m.await || !r || !w || !ra || !wa) continue;
    const await_ = (rs: number, ws: number, rw: number, ww: number) => (rs + ws > 0 ? (rw * rs + ww * ws) / (rs + ws) : 0);
    if (r.times === w.times && r.times === ra.times && r.times === wa.times) {
      // one table: the four share their rows
      const values = new Array<number>(r.times.length);
      for (let i = 0; i < values.length; i++) values[i] = await_(r.values[i], w.values[i], ra.values[i], wa.values[i]);
      series.push({ metric: 'await', subject: { kind: 'device', name }, times: r.times, values, lines: r.lines });
      continue;
    }
    const out: Series = { metric: 'await', subject: { kind: 'device', name }, times: [], values: [], lines: [] };
    let j = 0;
    let k = 0;
    let l = 0;
    for (let i = 0; i < r.times.length; i++) {
      const t = r.times[i];
      while (j < w.times.length && w.times[j] < t) j++;
      while (k < ra.times.length && ra.times[k] < t) k++;
      while (l < wa.times.length && wa.times[l] < t) l++;
      if (w.times[j] !== t || ra.times[k] !== t || wa.times[l] !== t) continue;
      out.times.push(t);
      out.values.push(await_(r.values[i], w.values[j], ra.values[k], wa.values[l]));
      out.lines.push(Math.max(r.lines[i], w.lines[j], ra.lines[k], wa.lines[l]));
    }
    if (out.times.length) series.push(out);
  }
}
