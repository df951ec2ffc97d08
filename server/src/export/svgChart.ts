// One timeline chart drawn as SVG, for exports that must stand alone (no script, no
// network): series reduced to their minimum and maximum per pixel column, spikes as
// bands, failures as numbered vertical lines in their category's colour.
import { categoryColor, SERIES_LIGHT } from '../timeline/palette';
import type { Chart, TimelineView } from '../timeline/types';
import { escapeHtml } from './text';

const W = 960;
const H = 256;
const M = { left: 56, right: 16, top: 40, bottom: 44 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

/** `numbers` maps each marker (by index in view.markers) to the label drawn on it. */
export function svgChart(chart: Chart, view: TimelineView, numbers: Map<number, string>): string {
  const { start, end } = view;
  const x = (t: number) => M.left + ((t - start) / (end - start)) * PLOT_W;
  const top = niceMax(Math.max(chart.unit === '%' ? 100 : 0, ...chart.series.flatMap((s) => visibleMax(s.xs, s.ys, start, end))));
  const y = (v: number) => M.top + PLOT_H - (Math.max(0, v) / top) * PLOT_H;
  const parts: string[] = [];
  parts.push(`<text x="${M.left}" y="16" class="title">${escapeHtml(`${chart.title}${chart.unit ? ` (${chart.unit})` : ''}`)}</text>`);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const v = top * tick;
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${M.left - 6}" y="${(y(v) + 4).toFixed(1)}" class="axis" text-anchor="end">${formatValue(v)}</text>`);
  }
  for (const t of timeTicks(start, end)) {
    parts.push(`<text x="${x(t).toFixed(1)}" y="${M.top + PLOT_H + 14}" class="axis" text-anchor="middle">${new Date(t).toISOString().slice(11, end - start < 120000 ? 19 : 16)}</text>`);
  }
  for (const b of view.bands) {
    if (b.end < start || b.start > end || (b.chart !== undefined && b.chart !== chart.id)) continue;
    const x0 = x(Math.max(start, b.start));
    parts.push(`<rect x="${x0.toFixed(1)}" y="${M.top}" width="${Math.max(2, x(Math.min(end, b.end)) - x0).toFixed(1)}" height="${PLOT_H}" class="band"><title>${escapeHtml(b.label)}</title></rect>`);
  }
  // the legend runs along the bottom, under the time axis labels' line
  let legendX = M.left;
  chart.series.forEach((s, k) => {
    const colour = SERIES_LIGHT[k % SERIES_LIGHT.length];
    const points = columns(s.xs, s.ys, start, end).map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`);
    if (points.length) parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="1.5"/>`);
    parts.push(`<rect x="${legendX}" y="${H - 5}" width="10" height="3" fill="${colour}"/><text x="${legendX + 14}" y="${H}" class="axis">${escapeHtml(s.label)}</text>`);
    legendX += 24 + 6 * s.label.length;
  });
  const labelled: Array<{ x: number; from: string; to: string; colour: string }> = [];
  view.markers.forEach((m, i) => {
    if (m.time < start || m.time > end) return;
    const mx = x(m.time);
    const colour = categoryColor(m.category);
    parts.push(`<line x1="${mx.toFixed(1)}" x2="${mx.toFixed(1)}" y1="${M.top}" y2="${M.top + PLOT_H}" stroke="${colour}" stroke-width="1.5"><title>${escapeHtml(`${m.category}: ${m.message}`)}</title></line>`);
    const label = numbers.get(i);
    if (!label) return;
    // failures a few pixels apart share one label ("5–9") instead of printing over each other
    const last = labelled[labelled.length - 1];
    if (last && mx - last.x < 14) last.to = label;
    else labelled.push({ x: mx, from: label, to: label, colour });
  });
  for (const l of labelled) {
    parts.push(`<text x="${l.x.toFixed(1)}" y="${M.top - 3}" class="marker" fill="${l.colour}" text-anchor="middle">${escapeHtml(l.from === l.to ? l.from : `${l.from}–${l.to}`)}</text>`);
  }
  const style = '.title{font:600 13px sans-serif;fill:#222}.axis{font:10px sans-serif;fill:#555}.marker{font:600 10px sans-serif}.grid{stroke:#ddd;stroke-width:1}.band{fill:#d62728;fill-opacity:.12}';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><style>${style}</style><rect width="${W}" height="${H}" fill="#fff"/>${parts.join('')}</svg>`;
}

function visibleMax(xs: number[], ys: number[], start: number, end: number): number[] {
  let max = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] >= start && xs[i] <= end && ys[i] > max) max = ys[i];
  return [max];
}

/** The first, lowest, highest and last point of each pixel column: the shape survives, the size does not grow with the data. */
function columns(xs: number[], ys: number[], start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const width = (end - start) / PLOT_W;
  let col = -1;
  let bucket: Array<[number, number]> = [];
  const flush = () => {
    if (!bucket.length) return;
    const lo = bucket.reduce((a, b) => (b[1] < a[1] ? b : a));
    const hi = bucket.reduce((a, b) => (b[1] > a[1] ? b : a));
    const keep = [bucket[0], lo, hi, bucket[bucket.length - 1]].sort((a, b) => a[0] - b[0]);
    for (const p of keep) if (out[out.length - 1] !== p) out.push(p);
    bucket = [];
  };
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] < start || xs[i] > end) continue;
    const c = Math.floor((xs[i] - start) / width);
    if (c !== col) {
      flush();
      col = c;
    }
    bucket.push([xs[i], ys[i]]);
  }
  flush();
  return out;
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((f) => f * step).find((c) => c >= v)!;
}

function formatValue(v: number): string {
  return v >= 1000 ? `${Math.round(v / 100) / 10}k` : String(Math.round(v * 10) / 10);
}

const STEPS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 10800, 21600, 43200, 86400].map((s) => s * 1000);

function timeTicks(start: number, end: number): number[] {
  const step = STEPS.find((s) => (end - start) / s <= 8) ?? STEPS[STEPS.length - 1];
  const out: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) out.push(t);
  return out;
}
