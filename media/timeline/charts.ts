// One chart.js line chart per chart of the view. Tuned for long captures (a day of 1 s
// samples per series): points are handed over already parsed, sorted and normalised, drawn
// without animation or point dots, and thinned to a few points per pixel by the decimation
// plugin ('min-max' keeps every spike), which re-thins from the full data on each zoom.
import {
  Chart as ChartJs, type ChartConfiguration, Decimation, Legend, LinearScale, LineController, LineElement,
  type Plugin, PointElement, TimeScale, Tooltip,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import zoomPlugin from 'chartjs-plugin-zoom';
import type { Chart, ChartSeries, TimelineView } from '../../server/src/timeline/types';
import { type AnnotationHandlers, timelineAnnotations } from './annotations';
import type { Theme } from './colors';
import type { LinkedZoom } from './linkedZoom';
import { seriesKey } from './state';
import { useUtcTime } from './utcTime';

ChartJs.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Legend, Tooltip, Decimation,
  annotationPlugin, zoomPlugin);
useUtcTime();

type Point = { x: number; y: number };

/**
 * After every draw the canvas says what it shows, in data attributes that tests and tools
 * can read without reaching into chart.js: data-x-min / data-x-max, the visible time range
 * (Unix ms), and data-plot-left / -right / -top / -bottom, the plot area in CSS pixels from
 * the canvas's top-left corner. Time t is drawn at x = left + (t − min) / (max − min) × (right − left).
 */
const plotAttributes: Plugin<'line'> = {
  id: 'xenopsPlotAttributes',
  afterRender(chart) {
    const { canvas, chartArea, scales } = chart;
    Object.assign(canvas.dataset, {
      xMin: String(scales.x.min),
      xMax: String(scales.x.max),
      plotLeft: String(chartArea.left),
      plotRight: String(chartArea.right),
      plotTop: String(chartArea.top),
      plotBottom: String(chartArea.bottom),
    });
  },
};

// Built once per series: a redraw (theme change, new view with the same data) reuses them.
const pointCache = new WeakMap<ChartSeries, Point[]>();

function pointsOf(series: ChartSeries): Point[] {
  let points = pointCache.get(series);
  if (!points) {
    const n = Math.min(series.xs.length, series.ys.length);
    points = new Array<Point>(n);
    for (let i = 0; i < n; i++) points[i] = { x: series.xs[i], y: series.ys[i] };
    pointCache.set(series, points);
  }
  return points;
}

/** Legend names: the label, with the metric when two series of the chart share a label. */
export function seriesNames(chart: Chart): string[] {
  const counts = new Map<string, number>();
  for (const s of chart.series) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  return chart.series.map((s) => ((counts.get(s.label) ?? 0) > 1 ? `${s.label} ${s.metric}` : s.label));
}

/** The time span the data and the view cover together: how far zooming out and panning go. */
function dataSpan(view: TimelineView): { min: number; max: number } {
  let min = view.start;
  let max = view.end;
  for (const chart of view.charts) {
    for (const s of chart.series) {
      if (s.xs.length === 0) continue;
      min = Math.min(min, s.xs[0]);
      max = Math.max(max, s.xs[s.xs.length - 1]);
    }
  }
  return { min, max };
}

/** Fonts and the default text colour of everything chart.js draws (legend, ticks, tooltips). */
export function applyTheme(theme: Theme): void {
  ChartJs.defaults.font.family = theme.fontFamily;
  ChartJs.defaults.font.size = theme.fontSize;
  ChartJs.defaults.color = theme.foreground;
  ChartJs.defaults.borderColor = theme.grid;
}

export interface ChartContext {
  view: TimelineView;
  theme: Theme;
  hidden: ReadonlySet<string>;
  zoom: LinkedZoom;
  annotations: AnnotationHandlers;
  onToggle(key: string, hidden: boolean): void;
}

export function createChart(canvas: HTMLCanvasElement, chart: Chart, ctx: ChartContext): ChartJs<'line', Point[]> {
  const { view, theme } = ctx;
  const names = seriesNames(chart);
  const keys = names.map((name) => seriesKey(chart.id, name));
  const tick = { color: theme.foreground, maxRotation: 0, minRotation: 0 };
  const grid = { color: theme.grid };
  const config: ChartConfiguration<'line', Point[]> = {
    type: 'line',
    data: {
      datasets: chart.series.map((s, i) => {
        const color = theme.series[i % theme.series.length];
        return {
          label: names[i],
          data: pointsOf(s),
          borderColor: color,
          backgroundColor: color,
          borderWidth: 1.5,
          pointRadius: 0,
          pointHoverRadius: 3,
          hidden: ctx.hidden.has(keys[i]),
        };
      }),
    },
    options: {
      parsing: false,
      normalized: true,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'time',
          min: view.start,
          max: view.end,
          time: {
            displayFormats: {
              millisecond: 'HH:mm:ss.SSS', second: 'HH:mm:ss', minute: 'HH:mm', hour: 'HH:mm',
              day: 'MMM d', week: 'MMM d', month: 'MMM yyyy', quarter: 'MMM yyyy', year: 'yyyy',
            },
            tooltipFormat: 'yyyy-MM-dd HH:mm:ss.SSS',
          },
          ticks: { ...tick, autoSkipPadding: 16 },
          grid,
          title: { display: true, text: 'UTC', color: theme.foreground },
        },
        y: {
          beginAtZero: true,
          ticks: tick,
          grid,
          title: { display: chart.unit !== '', text: chart.unit, color: theme.foreground },
        },
      },
      plugins: {
        decimation: { enabled: true, algorithm: 'min-max' },
        legend: {
          labels: { color: theme.foreground, boxWidth: 12, boxHeight: 12 },
          onClick: (_event, item, legend) => {
            const index = item.datasetIndex;
            if (index === undefined) return;
            const owner = legend.chart;
            const hide = owner.isDatasetVisible(index);
            owner.setDatasetVisibility(index, !hide);
            owner.update('none');
            ctx.onToggle(keys[index], hide);
          },
        },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label ?? ''}: ${item.parsed.y}${chart.unit ? ` ${chart.unit}` : ''}`,
          },
        },
        annotation: {
          // every element under the pointer gets the event, not only the nearest: a band
          // must not swallow the click on a failure inside it
          interaction: { mode: 'point', intersect: true },
          annotations: timelineAnnotations(view.markers, view.bands.filter((b) => b.chart === undefined || b.chart === chart.id), theme.band, ctx.annotations),
        },
        zoom: {
          limits: { x: { ...dataSpan(view), minRange: 1000 } },
          // Ctrl+wheel, not the bare wheel, so the page still scrolls past the charts; a
          // trackpad pinch arrives as Ctrl+wheel too.
          zoom: {
            wheel: { enabled: true, modifierKey: 'ctrl' },
            pinch: { enabled: true },
            drag: { enabled: true, modifierKey: 'shift', backgroundColor: theme.band },
            mode: 'x',
            onZoom: ctx.zoom.callbacks.onZoom,
            onZoomComplete: ctx.zoom.callbacks.onZoomComplete,
          },
          pan: {
            enabled: true,
            mode: 'x',
            onPan: ctx.zoom.callbacks.onPan,
            onPanComplete: ctx.zoom.callbacks.onPanComplete,
          },
        },
      },
    },
    plugins: [plotAttributes],
  };
  const created = new ChartJs(canvas, config);
  ctx.zoom.add(created);
  return created;
}
