// What the timeline webview draws, and the messages between it and the extension. The
// view is built in the language server from a scan (failures) and its captures (series);
// the webview only draws it. Every string in it may come from a log: untrusted text.
import type { Metric } from '../captures/types';
import type { Category, EventSeverity } from '../logs/types';

export interface ChartSeries {
  /** "dm-3", "all", "web05": what the line is of. */
  label: string;
  metric: Metric;
  /** Sample times (Unix ms, UTC, ascending) and values, the same length. */
  xs: number[];
  ys: number[];
}

export interface Chart {
  /** Stable: 'disk-util', 'disk-latency', 'disk-iops', 'cpu', 'domain-cpu', 'memory', 'network'. */
  id: string;
  title: string;
  /** The y axis unit: '%', 'ms', '/s', … */
  unit: string;
  series: ChartSeries[];
}

/** A failure from the logs, drawn as a vertical line at its time. */
export interface Marker {
  time: number;
  category: Category;
  severity: EventSeverity;
  /** The log line (untrusted text). */
  message: string;
  rule: string;
  domain: string | null;
  /** The log file, relative to the folder, and the 1-based line: a click opens it there. */
  file: string;
  line: number;
}

/** Resource spikes (from spike detection) over one stretch of time, drawn as a shaded band. */
export interface Band {
  start: number;
  end: number;
  /** "dm-3 util 99.9% (baseline 12)"; overlapping spikes of one chart share a band and a label. */
  label: string;
  /** The chart whose metric spiked (absent: every chart). */
  chart?: string;
}

export interface TimelineView {
  /** "xen01 logs" or "Incident 1: machine check, then …". */
  title: string;
  /** The scanned folder's URI, which marker files are relative to (set by the extension). */
  folder?: string;
  /** The time span the charts open on (an incident with some context, or everything). */
  start: number;
  end: number;
  charts: Chart[];
  markers: Marker[];
  bands: Band[];
}

/** Webview → extension. */
export type FromWebview = { type: 'ready' } | { type: 'open'; file: string; line: number };
/** Extension → webview. */
export type ToWebview = { type: 'view'; view: TimelineView };

/** What the webview keeps across reloads (vscode.setState). */
export interface WebviewState {
  view: TimelineView;
  /** The zoomed time range, when the user zoomed. */
  zoom?: { min: number; max: number };
  /** Series switched off, as "chartId/label". */
  hidden: string[];
}
