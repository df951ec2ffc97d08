// Performance captures (sysstat, vmstat, xentop) read into time series. Every parser
// maps columns by their header names and normalises them to the metrics below, so that
// spike detection, the timeline charts and the exports never care which tool or which
// version wrote the file.

export const CAPTURE_KINDS = ['iostat', 'iostat-json', 'sar', 'sadf-d', 'sadf-p', 'mpstat', 'vmstat', 'xentop'] as const;
export type CaptureKind = (typeof CAPTURE_KINDS)[number];

/** What a series measures. `cpu` names are 'all', '0', '1', …; `host` is the whole machine. */
export type SubjectKind = 'device' | 'cpu' | 'domain' | 'host' | 'interface';

/**
 * Normalised metric names and their units. Parsers convert to these units (sectors/s → kB/s,
 * MB/s → kB/s, a decimal comma → a point) and leave out what a capture does not have.
 */
export const METRICS = {
  // block devices (iostat, sar -d, sadf)
  util: '%', // %util
  await: 'ms', // await, or r_await/w_await weighted by r/s and w/s when the tool no longer prints await
  r_await: 'ms',
  w_await: 'ms',
  'r/s': '/s',
  'w/s': '/s',
  tps: '/s',
  'rkB/s': 'kB/s',
  'wkB/s': 'kB/s',
  'aqu-sz': 'requests', // aqu-sz, avgqu-sz
  // CPU time shares (iostat avg-cpu, sar -u, mpstat, sadf, vmstat us/sy/id/wa/st)
  user: '%', // %user, %usr, us
  nice: '%',
  system: '%', // %system, %sys, sy
  iowait: '%', // %iowait, wa
  steal: '%', // %steal, st
  irq: '%',
  soft: '%',
  guest: '%', // %guest, gu
  idle: '%',
  // the host (sar -q, sar -r, vmstat)
  runq: 'tasks', // runq-sz, vmstat r
  blocked: 'tasks', // vmstat b, sar -q blocked
  load1: '', // ldavg-1
  'memused%': '%', // %memused
  memfree: 'kB', // kbmemfree, vmstat free (converted to kB)
  swapin: 'kB/s', // vmstat si
  swapout: 'kB/s', // vmstat so
  // network interfaces (sar -n DEV)
  'rxkB/s': 'kB/s',
  'txkB/s': 'kB/s',
  'ifutil%': '%',
  // Xen domains (xentop)
  'cpu%': '%', // CPU(%): 100 per fully busy vCPU
  vcpus: '',
  'mem%': '%',
} as const;
export type Metric = keyof typeof METRICS;

export interface Series {
  metric: Metric;
  subject: { kind: SubjectKind; name: string };
  /** Unix milliseconds (UTC) of each sample, ascending, one per row read. */
  times: number[];
  values: number[];
  /** 1-based line of each sample in the capture file. */
  lines: number[];
}

export interface Capture {
  /** Relative to the scanned folder, with forward slashes. */
  path: string;
  kind: CaptureKind;
  /** Host name from the banner, when the capture has one. */
  host?: string;
  /** CPU count from the banner, when the capture has one. */
  cpus?: number;
  series: Series[];
  /** Rows or blocks that could not be read, and why; reading goes on after them. */
  warnings: Array<{ line: number; message: string }>;
  /** Why nothing could be read (no date anywhere, not a capture after all). */
  skipped?: string;
  /** No date in the capture: its samples were dated from the file's mtime (a warning says so too). */
  datedFromMtime?: true;
}

export interface CaptureOptions {
  /** IANA zone for times written without a zone (default UTC), as for logs. */
  zone: string;
  /** The file's mtime: the date of last resort for rows that carry only a time (xentop, vmstat without -t). */
  mtimeMs: number;
}
