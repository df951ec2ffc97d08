// Column names, as the tools print them in their headers, to normalised metrics, and the
// subject each value belongs to. Columns are always found by name, so any version's column
// set and order is read the same way.
import type { Metric, SubjectKind } from './types';

export interface Column {
  metric: Metric;
  /** Factor to the metric's unit (sectors/s × 0.5 = kB/s). */
  scale: number;
  /** When a header has two columns for one metric (rsec/s and rkB/s in sysstat 5), the higher rank wins. */
  rank: number;
}

const col = (metric: Metric, scale = 1, rank = 3): Column => ({ metric, scale, rank });
const SECTORS = 0.5; // 512-byte sectors (and sar's "blocks") to kB
const MB = 1024;

/** sysstat headers: iostat, sar, mpstat and sadf share them. */
export const SYSSTAT_COLUMNS: Record<string, Column> = {
  '%util': col('util'),
  await: col('await'),
  r_await: col('r_await'),
  w_await: col('w_await'),
  'r/s': col('r/s'),
  'w/s': col('w/s'),
  rtps: col('r/s'),
  wtps: col('w/s'),
  tps: col('tps'),
  'rkB/s': col('rkB/s'),
  'wkB/s': col('wkB/s'),
  'kB_read/s': col('rkB/s'),
  'kB_wrtn/s': col('wkB/s'),
  'rMB/s': col('rkB/s', MB, 2),
  'wMB/s': col('wkB/s', MB, 2),
  'MB_read/s': col('rkB/s', MB, 2),
  'MB_wrtn/s': col('wkB/s', MB, 2),
  'rsec/s': col('rkB/s', SECTORS, 1),
  'wsec/s': col('wkB/s', SECTORS, 1),
  'rd_sec/s': col('rkB/s', SECTORS, 1),
  'wr_sec/s': col('wkB/s', SECTORS, 1),
  'Blk_read/s': col('rkB/s', SECTORS, 1),
  'Blk_wrtn/s': col('wkB/s', SECTORS, 1),
  'bread/s': col('rkB/s', SECTORS, 1),
  'bwrtn/s': col('wkB/s', SECTORS, 1),
  'aqu-sz': col('aqu-sz'),
  'avgqu-sz': col('aqu-sz'),
  '%user': col('user'),
  '%usr': col('user'),
  '%nice': col('nice'),
  '%system': col('system'),
  '%sys': col('system'),
  '%iowait': col('iowait'),
  '%steal': col('steal'),
  '%irq': col('irq'),
  '%soft': col('soft'),
  '%guest': col('guest'),
  '%idle': col('idle'),
  'runq-sz': col('runq'),
  blocked: col('blocked'),
  'ldavg-1': col('load1'),
  '%memused': col('memused%'),
  kbmemfree: col('memfree'),
  'rxkB/s': col('rxkB/s'),
  'txkB/s': col('txkB/s'),
  '%ifutil': col('ifutil%'),
};

/** iostat -o JSON keys: like the text headers, but %util is `util` and avg-cpu drops the `%`. */
export const JSON_COLUMNS: Record<string, Column> = {
  ...SYSSTAT_COLUMNS,
  util: col('util'),
  user: col('user'),
  nice: col('nice'),
  system: col('system'),
  iowait: col('iowait'),
  steal: col('steal'),
  idle: col('idle'),
};

/** Columns that hold the subject's name rather than a value. */
export const NAME_COLUMNS: Record<string, SubjectKind> = { CPU: 'cpu', DEV: 'device', Device: 'device', 'Device:': 'device', IFACE: 'interface' };

const CPU_METRICS: ReadonlySet<Metric> = new Set<Metric>(['user', 'nice', 'system', 'iowait', 'steal', 'irq', 'soft', 'guest', 'idle']);

/** The subject a column belongs to when the table names none: CPU shares are all CPUs, the rest is the host. */
export function naturalSubject(metric: Metric): { kind: SubjectKind; name: string } {
  return CPU_METRICS.has(metric) ? { kind: 'cpu', name: 'all' } : { kind: 'host', name: 'host' };
}

const INTERFACE_METRICS: ReadonlySet<Metric> = new Set<Metric>(['rxkB/s', 'txkB/s', 'ifutil%']);

/** The subject of a value printed with a device field, as sadf -p does (`-` when the activity has none). */
export function subjectOf(metric: Metric, device: string): { kind: SubjectKind; name: string } {
  if (device === '-') return naturalSubject(metric);
  if (CPU_METRICS.has(metric)) return { kind: 'cpu', name: cpuName(device) };
  return { kind: INTERFACE_METRICS.has(metric) ? 'interface' : 'device', name: device };
}

/** 'all', '0', '1', … whatever the tool called them ('-1' in sadf -d, 'cpu3' in sadf -p). */
export function cpuName(name: string): string {
  if (name === '-1' || name === 'all' || name === 'ALL') return 'all';
  return /^cpu\d+$/.test(name) ? name.slice(3) : name;
}
