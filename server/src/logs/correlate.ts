// From what the files said to one timeline: every event gets a UTC time (or an
// explicit null), domains are named across sources, events are grouped into
// incidents and the incidents ranked.
import type { Capture } from '../captures/types';
import type { FileResult, RawEvent } from './fileScan';
import type { Stamp } from './formats';
import { abbreviationOffset, iso, wallToUtc } from './time';
import type { Category, EventSeverity } from './types';

export interface TimelineEvent {
  time: string | null;
  file: string;
  line: number;
  category: Category;
  severity: EventSeverity;
  message: string;
  domain: string | null;
  rule: string;
}

/** A resource spike from a performance capture (see the capture parsers). */
export interface ResourceEvent {
  time: string;
  file: string;
  line: number;
  metric: string;
  device?: string;
  domain?: string;
  value: number;
  baseline: number;
  /** The last sample of the spike (its first is `time`). */
  end?: string;
}

export interface Incident {
  start: string | null;
  end: string | null;
  events: number[];
  resources: number[];
  summary: string;
}

export interface FileSummary {
  path: string;
  format: string | null;
  lines: number;
  first: string | null;
  last: string | null;
  skipped?: string;
}

export interface Timeline {
  files: FileSummary[];
  events: TimelineEvent[];
  resources: ResourceEvent[];
  incidents: Incident[];
}

export interface CorrelateOptions {
  /** IANA zone for wall-clock times that carry no zone. */
  zone: string;
  /** A file's own zone, when it differs (by its path in the results). */
  zoneOf?: (path: string) => string | undefined;
  windowMs: number;
  sinceMs?: number;
  untilMs?: number;
  /** How long before an incident a resource spike still counts as its context. */
  leadMs?: number;
}

const DAY = 86400000;

/** Turns the stamps of one file into UTC, with the year and boot time inferred where the file lacks them. */
class FileClock {
  private baseYear?: number;
  private readonly offsets = new Map<number, number>();
  bootMs?: { kernel?: number; xen?: number };

  constructor(readonly file: FileResult, private readonly zone: string) {}

  /** The stamps of the file in line order, each with the years passed since the first (month rollovers). */
  sequence(): Array<{ line: number; stamp: Extract<Stamp, { kind: 'wall' }> }> {
    const seq: Array<{ line: number; stamp: Extract<Stamp, { kind: 'wall' }> }> = [];
    const add = (line: number, s: Stamp | undefined) => {
      if (s?.kind === 'wall' && s.year === undefined) seq.push({ line, stamp: s });
    };
    add(0, this.file.first);
    for (const e of this.file.events) add(e.line, e.stamp);
    add(Number.MAX_SAFE_INTEGER, this.file.last);
    let offset = 0;
    let prev: number | undefined;
    for (const { line, stamp } of seq) {
      if (prev !== undefined && stamp.month < prev) offset++;
      prev = stamp.month;
      this.offsets.set(line, offset);
    }
    return seq;
  }

  needsYear(): boolean {
    return [this.file.first, this.file.last, ...this.file.events.map((e) => e.stamp)].some((s) => s?.kind === 'wall' && s.year === undefined);
  }

  /** Chooses the first year: from epochs in the file, a header, the folder's other files, else the mtime. */
  inferYear(folder: { min: number; max: number } | undefined): void {
    const seq = this.sequence();
    if (!seq.length) return;
    for (const e of this.file.events) {
      if (e.epoch === undefined || e.stamp?.kind !== 'wall' || e.stamp.year !== undefined) continue;
      const y = new Date(e.epoch * 1000).getUTCFullYear();
      const year = [y - 1, y, y + 1].find((c) => Math.abs(this.wall(e.stamp as Extract<Stamp, { kind: 'wall' }>, c) - e.epoch! * 1000) < 2 * DAY);
      if (year !== undefined) {
        this.baseYear = year - (this.offsets.get(e.line) ?? 0);
        return;
      }
    }
    const header = this.file.header?.kind === 'instant' ? this.file.header.ms : undefined;
    const first = seq[0];
    if (header !== undefined) {
      this.baseYear = closestYear(first.stamp, header, (s, y) => this.wall(s, y), true);
      return;
    }
    if (folder) {
      const mid = (folder.min + folder.max) / 2;
      const y = closestYear(first.stamp, mid, (s, c) => this.wall(s, c), false);
      const t = this.wall(first.stamp, y);
      if (t >= folder.min - 31 * DAY && t <= folder.max + 31 * DAY) {
        this.baseYear = y;
        return;
      }
    }
    const last = seq[seq.length - 1];
    let year = new Date(this.file.mtimeMs).getUTCFullYear();
    if (this.wall(last.stamp, year) > this.file.mtimeMs + DAY) year--;
    this.baseYear = year - (this.offsets.get(last.line) ?? 0);
  }

  private wall(s: Extract<Stamp, { kind: 'wall' }>, year: number): number {
    const abbr = s.zone ? abbreviationOffset(s.zone) : undefined;
    if (abbr !== undefined) return Date.UTC(year, s.month - 1, s.day, s.h, s.mi, s.s, s.ms) - abbr * 60000;
    return wallToUtc(year, s.month, s.day, s.h, s.mi, s.s, s.ms, this.zone);
  }

  /** UTC ms of a stamp written at `line`, or null when it cannot be known. */
  toUtc(stamp: Stamp | undefined, line: number): number | null {
    if (!stamp) return null;
    if (stamp.kind === 'instant') return stamp.ms;
    if (stamp.kind === 'uptime') {
      const boot = this.bootMs?.[stamp.clock];
      return boot === undefined ? null : boot + stamp.seconds * 1000;
    }
    if (stamp.year !== undefined) return this.wall(stamp, stamp.year);
    if (this.baseYear === undefined) return null;
    const offset = this.offsets.get(line) ?? this.offsetBefore(line);
    return this.wall(stamp, this.baseYear + offset);
  }

  private offsetBefore(line: number): number {
    let best = 0;
    for (const [l, o] of this.offsets) if (l <= line) best = Math.max(best, o);
    return best;
  }
}

/** The year (near `target`) that puts a yearless stamp closest to it; `notAfter`: the stamp is not earlier than target. */
function closestYear(s: Extract<Stamp, { kind: 'wall' }>, target: number, at: (s: Extract<Stamp, { kind: 'wall' }>, y: number) => number, notBefore: boolean): number {
  const y = new Date(target).getUTCFullYear();
  const candidates = [y - 1, y, y + 1];
  if (notBefore) return candidates.find((c) => at(s, c) >= target - DAY) ?? y;
  return candidates.sort((a, b) => Math.abs(at(s, a) - target) - Math.abs(at(s, b) - target))[0];
}

function timesOf(clocks: FileClock[]): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const c of clocks) {
    for (const s of [c.file.first, c.file.last, ...c.file.events.map((e) => e.stamp)]) {
      if (!s || s.kind === 'uptime' || (s.kind === 'wall' && s.year === undefined)) continue;
      const t = c.toUtc(s, 0);
      if (t === null) continue;
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
  }
  return min <= max ? { min, max } : undefined;
}

/**
 * Boot times from lines that carry both a wall clock and an uptime (and from machine-check
 * records whose TIME epoch sits on an uptime-stamped line); the latest boot wins.
 */
function bootTimes(clocks: FileClock[]): { kernel?: number; xen?: number } {
  const boots: { kernel?: number; xen?: number } = {};
  for (const c of clocks) {
    const fromEpochs = c.file.events.flatMap((e) => (e.epoch !== undefined && e.stamp?.kind === 'uptime'
      ? [{ clock: e.stamp.clock, uptime: e.stamp.seconds, stamp: { kind: 'instant' as const, ms: e.epoch * 1000 } }]
      : []));
    for (const a of [...c.file.anchors, ...fromEpochs]) {
      const t = c.toUtc(a.stamp, 0);
      if (t === null) continue;
      const boot = Math.round(t - a.uptime * 1000);
      if (boots[a.clock] === undefined || boot > boots[a.clock]!) boots[a.clock] = boot;
    }
  }
  return boots;
}

const SEVERITY_WEIGHT: Record<EventSeverity, number> = { error: 3, warning: 2, info: 1 };
const CATEGORY_WEIGHT: Record<Category, number> = {
  'hypervisor-panic': 6, mce: 5, 'domain-crash': 5, 'kernel-hang': 4, 'domain-create': 3, 'domain-suspend': 3, 'disk-io': 3,
  memory: 3, 'lock-manager': 3, lvm: 3, hotplug: 2, network: 2, 'app-crash': 2,
};

export function correlate(results: FileResult[], opts: CorrelateOptions, resources: ResourceEvent[] = []): Timeline {
  const clocks = results.filter((r) => !r.skipped && !r.capture).map((r) => new FileClock(r, opts.zoneOf?.(r.path) ?? opts.zone));
  const folder = timesOf(clocks);
  for (const c of clocks) if (c.needsYear()) c.inferYear(folder);
  const boots = bootTimes(clocks);
  for (const c of clocks) {
    const own = bootTimes([c]);
    c.bootMs = { kernel: own.kernel ?? boots.kernel, xen: own.xen ?? boots.xen };
  }
  const names = domainNames(results);
  const byFile = new Map(clocks.map((c) => [c.file.path, c]));

  const all: Array<TimelineEvent & { ms: number | null; weight: number; mce?: string }> = [];
  for (const r of results) {
    const clock = byFile.get(r.path);
    for (const e of r.events) {
      const ms = e.epoch !== undefined ? e.epoch * 1000 : clock?.toUtc(e.stamp, e.line) ?? null;
      if (ms !== null && ((opts.sinceMs !== undefined && ms < opts.sinceMs) || (opts.untilMs !== undefined && ms > opts.untilMs))) continue;
      all.push({
        time: iso(ms),
        file: r.path,
        line: e.line,
        category: e.category,
        severity: e.severity,
        message: e.mce ? `${e.message} [${e.mce}]` : e.message,
        domain: domainOf(e, r, names),
        rule: e.rule,
        ms,
        weight: SEVERITY_WEIGHT[e.severity] * CATEGORY_WEIGHT[e.category] * (e.mce?.startsWith('uncorrected') ? 2 : 1),
        mce: e.mce,
      });
    }
  }
  all.sort((a, b) => (a.ms ?? Infinity) - (b.ms ?? Infinity) || a.file.localeCompare(b.file) || a.line - b.line);
  const filtered = opts.sinceMs !== undefined || opts.untilMs !== undefined;
  let incidents = group(all, opts, resources, filtered);
  let kept = all;
  if (filtered) {
    // within a time range, an untimed event stays only when it joined an incident of that range
    const used = new Set(incidents.flatMap((i) => i.events));
    const renumber = new Map<number, number>();
    kept = all.filter((_, i) => used.has(i) && renumber.set(i, renumber.size));
    incidents = incidents.map((i) => ({ ...i, events: i.events.map((e) => renumber.get(e)!) }));
  }
  const events: TimelineEvent[] = kept.map(({ ms: _ms, weight: _w, mce: _m, ...e }) => e);
  const files: FileSummary[] = results.map((r) => {
    const clock = byFile.get(r.path);
    return {
      path: r.path,
      format: r.format ?? r.capture?.kind ?? null,
      lines: r.lines,
      first: r.capture ? iso(captureSpan(r.capture)[0]) : iso(clock?.toUtc(r.first, 0)),
      last: r.capture ? iso(captureSpan(r.capture)[1]) : iso(clock?.toUtc(r.last, Number.MAX_SAFE_INTEGER)),
      ...(r.skipped ? { skipped: r.skipped } : {}),
    };
  });
  return { files, events, resources, incidents };
}

/**
 * domid → name, from link lines and from per-domain logs (every domid an xl-<name>.log
 * mentions is that domain's, across restarts); ambiguous ids stay unnamed.
 */
function domainNames(results: FileResult[]): Map<number, string> {
  const seen = new Map<number, Set<string>>();
  const add = (domid: number, name: string) => seen.set(domid, (seen.get(domid) ?? new Set()).add(name));
  for (const r of results) {
    for (const l of r.links) add(l.domid, l.domain);
    if (r.domain) for (const e of r.events) if (e.domid !== undefined) add(e.domid, r.domain);
  }
  const names = new Map<number, string>();
  for (const [id, set] of seen) if (set.size === 1) names.set(id, [...set][0]);
  return names;
}

function domainOf(e: RawEvent, r: FileResult, names: Map<number, string>): string | null {
  if (e.domain) return e.domain;
  if (e.domid !== undefined) return names.get(e.domid) ?? (e.domid === 0 ? 'Domain-0' : `d${e.domid}`);
  return r.domain ?? null;
}

type Weighted = TimelineEvent & { ms: number | null; weight: number; mce?: string };

/** Chains timed events closer than the window into incidents; untimed ones join by domain or by file. */
function group(all: Weighted[], opts: CorrelateOptions, resources: ResourceEvent[], filtered: boolean): Incident[] {
  const groups: number[][] = [];
  let current: number[] = [];
  let last = -Infinity;
  all.forEach((e, i) => {
    if (e.ms === null) return;
    if (e.ms - last > opts.windowMs && current.length) {
      groups.push(current);
      current = [];
    }
    current.push(i);
    last = e.ms;
  });
  if (current.length) groups.push(current);
  const byFile = new Map<string, number[]>();
  all.forEach((e, i) => {
    if (e.ms !== null) return;
    const home = e.domain ? groups.find((g) => g.some((j) => all[j].domain === e.domain)) : undefined;
    if (home) home.push(i);
    else if (!filtered) byFile.set(e.file, [...(byFile.get(e.file) ?? []), i]);
  });
  groups.push(...byFile.values());
  const scored = groups.map((g) => {
    g.sort((a, b) => a - b);
    const times = g.map((i) => all[i].ms).filter((t): t is number => t !== null);
    const start = times.length ? Math.min(...times) : null;
    const end = times.length ? Math.max(...times) : null;
    const sources = new Set(g.map((i) => all[i].file)).size;
    const score = Math.max(...g.map((i) => all[i].weight)) * 10 + Math.log2(g.length + 1) * 3 + sources * 2 + (start === null ? -50 : 0);
    const attached = start === null ? [] : attachResources(resources, start, end!, opts.leadMs ?? 5 * 60000);
    const context = attached.length ? `; ${spikeContext(attached.map((i) => resources[i]), start!, g.map((i) => all[i].message))}` : '';
    return {
      score,
      incident: {
        start: iso(start),
        end: iso(end),
        events: g,
        resources: attached,
        summary: summarise(g.map((i) => all[i]), start, end, sources) + context,
      },
    };
  });
  return scored.sort((a, b) => b.score - a.score || (a.incident.start ?? '').localeCompare(b.incident.start ?? '')).map((s) => s.incident);
}

/** The first and last sample time of a capture. */
function captureSpan(c: Capture): [number | undefined, number | undefined] {
  let first: number | undefined;
  let last: number | undefined;
  for (const s of c.series) {
    if (!s.times.length) continue;
    if (first === undefined || s.times[0] < first) first = s.times[0];
    if (last === undefined || s.times[s.times.length - 1] > last) last = s.times[s.times.length - 1];
  }
  return [first, last];
}

/** Spikes that precede (within `leadMs`) or overlap an incident. */
export function attachResources(resources: ResourceEvent[], start: number, end: number, leadMs: number): number[] {
  const out: number[] = [];
  resources.forEach((r, i) => {
    const t = Date.parse(r.time);
    if (t >= start - leadMs && t <= end) out.push(i);
  });
  return out;
}

/** What each category means, in the words incident summaries (and hovers) use. */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  mce: 'machine check', 'domain-create': 'domain creation failure', 'domain-suspend': 'suspend/save/migrate failure',
  'domain-crash': 'domain crash', 'disk-io': 'disk I/O errors', memory: 'memory trouble', 'lock-manager': 'lock manager errors',
  lvm: 'LVM errors', 'hypervisor-panic': 'hypervisor panic', hotplug: 'hotplug script failure', network: 'network errors',
  'kernel-hang': 'kernel hang', 'app-crash': 'service failures',
};

function summarise(events: Weighted[], start: number | null, end: number | null, sources: number): string {
  const order: Category[] = [];
  for (const e of events) if (!order.includes(e.category)) order.push(e.category);
  const mce = events.find((e) => e.mce)?.mce;
  const what = order.slice(0, 4).map((c) => (c === 'mce' && mce ? `machine check (${mce})` : CATEGORY_LABELS[c]));
  const domains = [...new Set(events.map((e) => e.domain).filter((d): d is string => !!d))];
  const span = start === null ? 'no timestamps' : end! - start < 1000 ? 'within a second' : `over ${duration(end! - start)}`;
  return `${what.join(', then ')}${domains.length ? ` (${domains.slice(0, 4).join(', ')})` : ''}: ${events.length} event${events.length === 1 ? '' : 's'} in ${sources} file${sources === 1 ? '' : 's'}, ${span}`;
}

/** Device saturation says most about an incident, then latency, then the rest. */
const SPIKE_RANK = ['util', 'await', 'iowait', 'steal', 'cpu%', 'runq', 'memused%', 'swapin', 'swapout'];

/**
 * The spike that best explains an incident, in words: "preceded by dm-3 at 99.9 %util for 60 s".
 * A device or domain the failures themselves name comes first.
 */
function spikeContext(spikes: ResourceEvent[], start: number, messages: string[]): string {
  const named = (r: ResourceEvent) => {
    const subject = r.device ?? r.domain;
    return !!subject && messages.some((m) => new RegExp(`(?<![\\w-])${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(m));
  };
  const rank = (r: ResourceEvent) => (named(r) ? 0 : 1e14) + (SPIKE_RANK.indexOf(r.metric) + 1 || SPIKE_RANK.length + 1) * 1e12 - spanOf(r);
  const best = spikes.reduce((a, b) => (rank(b) < rank(a) ? b : a));
  const what = `${best.device ?? best.domain ?? 'the host'} at ${best.value} ${best.metric === 'util' ? '%util' : best.metric === 'cpu%' ? '%CPU' : best.metric}`;
  const others = spikes.length > 1 ? ` (${spikes.length} spikes)` : '';
  const span = spanOf(best);
  return `${Date.parse(best.time) < start ? 'preceded by' : 'with'} ${what} ${span ? `for ${duration(span)}` : 'in one sample'}${others}`;
}

function spanOf(r: ResourceEvent): number {
  return r.end ? Date.parse(r.end) - Date.parse(r.time) : 0;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
