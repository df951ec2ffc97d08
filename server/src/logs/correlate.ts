// From what the files said to one timeline: every event gets a UTC time (or an
// explicit null), domains are named across sources, events are grouped into
// incidents and the incidents ranked.
import { captureSpan, chooseYear, yearSources, type YearSource } from './anchors';
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
  /** Something the reader should know about what was read of the file (events left out). */
  note?: string;
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
  /** The lines where a yearless stamp's month goes back (a new year begins), in line order. */
  private readonly rollovers: number[] = [];
  bootMs?: { kernel?: number; xen?: number };

  constructor(readonly file: FileResult, private readonly zone: string) {}

  /** Notes the month rollovers of the file's yearless stamps; its first and last such stamp. */
  sequence(): { first: { line: number; stamp: Wall }; last: { line: number; stamp: Wall } } | undefined {
    let first: { line: number; stamp: Wall } | undefined;
    let last: { line: number; stamp: Wall } | undefined;
    this.rollovers.length = 0;
    const add = (line: number, s: Stamp | undefined) => {
      if (s?.kind !== 'wall' || s.year !== undefined) return;
      if (last && s.month < last.stamp.month) this.rollovers.push(line);
      last = { line, stamp: s };
      first ??= last;
    };
    add(0, this.file.first);
    for (const e of this.file.events) add(e.line, e.stamp);
    add(Number.MAX_SAFE_INTEGER, this.file.last);
    this.rollovers.sort((a, b) => a - b);
    return first && last ? { first, last } : undefined;
  }

  needsYear(): boolean {
    const yearless = (s: Stamp | undefined) => s?.kind === 'wall' && s.year === undefined;
    return yearless(this.file.first) || yearless(this.file.last) || this.file.events.some((e) => yearless(e.stamp));
  }

  /** Chooses the first year: from epochs in the file, a header, else the folder's dated sources and the mtime (see chooseYear). */
  inferYear(sources: YearSource[]): void {
    const seq = this.sequence();
    if (!seq) return;
    for (const e of this.file.events) {
      if (e.epoch === undefined || e.stamp?.kind !== 'wall' || e.stamp.year !== undefined) continue;
      const y = new Date(e.epoch * 1000).getUTCFullYear();
      const year = [y - 1, y, y + 1].find((c) => Math.abs(this.wall(e.stamp as Extract<Stamp, { kind: 'wall' }>, c) - e.epoch! * 1000) < 2 * DAY);
      if (year !== undefined) {
        this.baseYear = year - this.offsetAt(e.line);
        return;
      }
    }
    const header = this.file.header?.kind === 'instant' ? this.file.header.ms : undefined;
    const { first, last } = seq;
    if (header !== undefined) {
      this.baseYear = yearNotBefore(first.stamp, header, (s, y) => this.wall(s, y));
      return;
    }
    const rollovers = this.offsetAt(last.line);
    this.baseYear = chooseYear({ mtimeMs: this.file.mtimeMs, span: (y) => [this.wall(first.stamp, y), this.wall(last.stamp, y + rollovers)] }, sources);
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
    return this.wall(stamp, this.baseYear + this.offsetAt(line));
  }

  /** The years passed since the file's first stamp at `line`: the rollovers up to it (binary search). */
  private offsetAt(line: number): number {
    let lo = 0;
    let hi = this.rollovers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rollovers[mid] <= line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

type Wall = Extract<Stamp, { kind: 'wall' }>;

/** The first year near `target` that does not put a yearless stamp before it (a header says where the log begins). */
function yearNotBefore(s: Extract<Stamp, { kind: 'wall' }>, target: number, at: (s: Extract<Stamp, { kind: 'wall' }>, y: number) => number): number {
  const y = new Date(target).getUTCFullYear();
  return [y - 1, y, y + 1].find((c) => at(s, c) >= target - DAY) ?? y;
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

/**
 * The timeline with its events made when asked for, one at a time: the events of a big folder
 * (100 000s of failures) would not all fit in memory as objects. `xenops scan --json` writes
 * them this way; `correlate` makes them all.
 */
export interface LazyTimeline {
  files: FileSummary[];
  events: { readonly length: number; at(i: number): TimelineEvent };
  resources: ResourceEvent[];
  incidents: Incident[];
}

export function correlate(results: FileResult[], opts: CorrelateOptions, resources: ResourceEvent[] = []): Timeline {
  return materialize(correlateLazily(results, opts, resources));
}

/** Every event of a lazy timeline made: the timeline as the editor and the exports use it. */
export function materialize(t: LazyTimeline): Timeline {
  const events = new Array<TimelineEvent>(t.events.length);
  for (let i = 0; i < events.length; i++) events[i] = t.events.at(i);
  return { files: t.files, events, resources: t.resources, incidents: t.incidents };
}

export function correlateLazily(results: FileResult[], opts: CorrelateOptions, resources: ResourceEvent[] = []): LazyTimeline {
  const clocks = results.filter((r) => !r.skipped && !r.capture).map((r) => new FileClock(r, opts.zoneOf?.(r.path) ?? opts.zone));
  const sources = yearSources(results, (path) => opts.zoneOf?.(path) ?? opts.zone);
  for (const c of clocks) if (c.needsYear()) c.inferYear(sources);
  const boots = bootTimes(clocks);
  for (const c of clocks) {
    const own = bootTimes([c]);
    c.bootMs = { kernel: own.kernel ?? boots.kernel, xen: own.xen ?? boots.xen };
  }
  const names = domainNames(results);
  const byFile = new Map(clocks.map((c) => [c.file.path, c]));
  let columns = collect(results, byFile, names, opts);
  const filtered = opts.sinceMs !== undefined || opts.untilMs !== undefined;
  let incidents = group(columns, opts, resources, filtered);
  // within a time range, an untimed event stays only when it joined an incident of that range
  if (filtered) [columns, incidents] = keepGrouped(columns, incidents);
  const files = results.map((r) => fileSummary(r, byFile.get(r.path)));
  return { files, events: eventsOf(columns), resources, incidents };
}

/** The events some incident holds, and the incidents with their events renumbered. */
function keepGrouped(c: Columns, incidents: Incident[]): [Columns, Incident[]] {
  const renumber = new Int32Array(c.fileOf.length).fill(-1);
  for (const i of incidents) for (const e of i.events) renumber[e] = 0;
  const kept: number[] = [];
  for (let i = 0; i < renumber.length; i++) {
    if (renumber[i] < 0) continue;
    renumber[i] = kept.length;
    kept.push(i);
  }
  return [pick(c, kept), incidents.map((i) => ({ ...i, events: i.events.map((e) => renumber[e]) }))];
}

function fileSummary(r: FileResult, clock: FileClock | undefined): FileSummary {
  return {
    path: r.path,
    format: r.format ?? r.capture?.kind ?? null,
    lines: r.lines,
    first: r.capture ? iso(captureSpan(r.capture)?.min) : iso(clock?.toUtc(r.first, 0)),
    last: r.capture ? iso(captureSpan(r.capture)?.max) : iso(clock?.toUtc(r.last, Number.MAX_SAFE_INTEGER)),
    ...(r.skipped ? { skipped: r.skipped } : {}),
    ...(r.note ? { note: r.note } : {}),
  };
}

/**
 * The timeline's events in time order (untimed last, then by file and line): where each is (its
 * file and its index in that file's events), and what the timeline adds to it (time, weight,
 * domain), in typed arrays rather than an object per event.
 */
interface Columns {
  /** Each file's events (FileResult.events), and its path. */
  lists: RawEvent[][];
  paths: string[];
  fileOf: Uint32Array;
  at: Uint32Array;
  /** UTC ms of each event, NaN when unknown. */
  ms: Float64Array;
  /** How much each event weighs in its incident's rank. */
  weight: Float64Array;
  domain: Array<string | null>;
}

function eventAt(c: Columns, i: number): RawEvent {
  return c.lists[c.fileOf[i]][c.at[i]];
}

/** The events of each file in time order, merged: files are sorted already, nearly always. */
function collect(results: FileResult[], byFile: Map<string, FileClock>, names: Map<number, string>, opts: CorrelateOptions): Columns {
  const paths = results.map((r) => r.path);
  // a file's rank orders events of the same instant (paths as people sort them)
  const rankOf = new Map([...paths].sort((a, b) => a.localeCompare(b)).map((p, i) => [p, i]));
  const rank = paths.map((p) => rankOf.get(p)!);
  const runs = results.map((r) => fileRun(r, byFile.get(r.path), opts));
  const total = runs.reduce((n, run) => n + run.at.length, 0);
  const c: Columns = { lists: results.map((r) => r.events), paths, fileOf: new Uint32Array(total), at: new Uint32Array(total), ms: new Float64Array(total), weight: new Float64Array(total), domain: new Array(total) };
  const shared = sharer();
  const key = (f: number, k: number) => (Number.isNaN(runs[f].ms[k]) ? Infinity : runs[f].ms[k]);
  const before = (f: number, k: number, g: number, l: number) => key(f, k) - key(g, l) || rank[f] - rank[g] || results[f].events[runs[f].at[k]].line - results[g].events[runs[g].at[l]].line;
  let i = 0;
  merge(runs.map((run) => run.at.length), before, (f, k) => {
    const e = results[f].events[runs[f].at[k]];
    c.fileOf[i] = f;
    c.at[i] = runs[f].at[k];
    c.ms[i] = runs[f].ms[k];
    c.weight[i] = weightOf(e);
    const domain = domainOf(e, results[f], names);
    c.domain[i++] = domain === null ? null : shared(domain);
  });
  return c;
}

/** A file's events in the time range, by time (unknown last) then line: their indices and times. */
function fileRun(r: FileResult, clock: FileClock | undefined, opts: CorrelateOptions): { at: Uint32Array; ms: Float64Array } {
  const at = new Uint32Array(r.events.length);
  const ms = new Float64Array(r.events.length);
  const lines = new Float64Array(r.events.length);
  let n = 0;
  r.events.forEach((e, k) => {
    const epoch = e.epoch;
    const line = e.line;
    const t = epoch !== undefined ? epoch * 1000 : clock?.toUtc(e.stamp, line) ?? null;
    if (t !== null && ((opts.sinceMs !== undefined && t < opts.sinceMs) || (opts.untilMs !== undefined && t > opts.untilMs))) return;
    [at[n], ms[n], lines[n]] = [k, t ?? NaN, line];
    n++;
  });
  const key = (j: number) => (Number.isNaN(ms[j]) ? Infinity : ms[j]);
  const order = (a: number, b: number) => key(a) - key(b) || lines[a] - lines[b];
  let sorted = true;
  for (let j = 1; j < n && sorted; j++) sorted = order(j - 1, j) <= 0;
  if (sorted) return { at: at.slice(0, n), ms: ms.slice(0, n) };
  const by = Array.from({ length: n }, (_, j) => j).sort(order);
  return { at: Uint32Array.from(by, (j) => at[j]), ms: Float64Array.from(by, (j) => ms[j]) };
}

/**
 * Merges sorted runs (of the given lengths) in order: `before(f, k, g, l)` compares item k of run f
 * with item l of run g; `take(f, k)` is called for each item in turn. A binary heap of the runs.
 */
function merge(lengths: number[], before: (f: number, k: number, g: number, l: number) => number, take: (f: number, k: number) => void): void {
  const next = new Uint32Array(lengths.length);
  const heap = lengths.flatMap((len, f) => (len ? [f] : []));
  const less = (a: number, b: number) => before(heap[a], next[heap[a]], heap[b], next[heap[b]]) < 0;
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const m = l + 1 < heap.length && less(l + 1, l) ? l + 1 : l;
      if (m >= heap.length || !less(m, i)) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  while (heap.length) {
    const f = heap[0];
    take(f, next[f]++);
    if (next[f] === lengths[f]) heap[0] = heap[heap.length - 1], heap.pop();
    if (heap.length) down(0);
  }
}

/** The columns of the events `which` (indices, in the order wanted). */
function pick(c: Columns, which: ArrayLike<number>): Columns {
  const n = which.length;
  const out: Columns = { lists: c.lists, paths: c.paths, fileOf: new Uint32Array(n), at: new Uint32Array(n), ms: new Float64Array(n), weight: new Float64Array(n), domain: new Array(n) };
  for (let to = 0; to < n; to++) {
    const from = which[to];
    out.fileOf[to] = c.fileOf[from];
    out.at[to] = c.at[from];
    out.ms[to] = c.ms[from];
    out.weight[to] = c.weight[from];
    out.domain[to] = c.domain[from];
  }
  return out;
}

function weightOf(e: RawEvent): number {
  return SEVERITY_WEIGHT[e.severity] * CATEGORY_WEIGHT[e.category] * (e.mce?.startsWith('uncorrected') ? 2 : 1);
}

/** The same string for equal strings: many events repeat a domain. */
function sharer(): (s: string) => string {
  const known = new Map<string, string>();
  return (s) => {
    const k = known.get(s);
    if (k !== undefined) return k;
    known.set(s, s);
    return s;
  };
}

/**
 * The events as the timeline shows them (the key order is the JSON contract), made when asked
 * for. Events of one instant share one time string.
 */
function eventsOf(c: Columns): LazyTimeline['events'] {
  let lastMs = NaN;
  let lastTime: string | null = null;
  return {
    length: c.fileOf.length,
    at(i: number): TimelineEvent {
      const e = eventAt(c, i);
      const ms = c.ms[i];
      if (ms !== lastMs) [lastMs, lastTime] = [ms, iso(Number.isNaN(ms) ? null : ms)];
      const mce = e.mce;
      return {
        time: lastTime,
        file: c.paths[c.fileOf[i]],
        line: e.line,
        category: e.category,
        severity: e.severity,
        message: mce ? `${e.message} [${mce}]` : e.message,
        domain: c.domain[i],
        rule: e.rule,
      };
    },
  };
}

/**
 * domid → name, from link lines and from the toolstack's per-domain logs (every domid an
 * xl-<name>.log mentions is that domain's, across restarts; a guest's own console log does not
 * know its domid); ambiguous ids stay unnamed.
 */
function domainNames(results: FileResult[]): Map<number, string> {
  const seen = new Map<number, Set<string>>();
  const add = (domid: number, name: string) => seen.set(domid, (seen.get(domid) ?? new Set()).add(name));
  for (const r of results) {
    for (const l of r.links) add(l.domid, l.domain);
    if (r.domain && (r.format === 'xl-domain-log' || r.format === 'qemu-dm')) {
      for (const e of r.events) {
        const domid = e.domid;
        if (domid !== undefined) add(domid, r.domain);
      }
    }
  }
  const names = new Map<number, string>();
  for (const [id, set] of seen) if (set.size === 1) names.set(id, set.values().next().value!);
  return names;
}

function domainOf(e: RawEvent, r: FileResult, names: Map<number, string>): string | null {
  const domain = e.domain;
  if (domain) return domain;
  const domid = e.domid;
  if (domid !== undefined) return names.get(domid) ?? (domid === 0 ? 'Domain-0' : `d${domid}`);
  return r.domain ?? null;
}

/** Chains timed events closer than the window into incidents; untimed ones join by domain or by file. */
function group(c: Columns, opts: CorrelateOptions, resources: ResourceEvent[], filtered: boolean): Incident[] {
  const groups = chain(c.ms, opts.windowMs);
  placeUntimed(c, groups, filtered);
  const spikeMs = resources.map((r) => Date.parse(r.time));
  const scored = groups.map((g) => {
    g.sort((a, b) => a - b);
    const { start, end, weight } = groupSpan(g, c);
    const sources = distinct(g, (i) => c.fileOf[i]).size;
    const score = weight * 10 + Math.log2(g.length + 1) * 3 + sources * 2 + (start === null ? -50 : 0);
    const attached = start === null ? [] : spikesFor(spikeMs, start, end!, opts.leadMs ?? 5 * 60000);
    const context = attached.length ? `; ${spikeContext(attached.map((i) => resources[i]), start!, () => g.map((i) => eventAt(c, i).message))}` : '';
    return {
      score,
      incident: { start: iso(start), end: iso(end), events: g, resources: attached, summary: summarise(g, c, start, end, sources) + context },
    };
  });
  return scored.sort((a, b) => b.score - a.score || (a.incident.start ?? '').localeCompare(b.incident.start ?? '')).map((s) => s.incident);
}

/** The timed events (they come first, in time order) chained: a gap over the window starts a new group. */
function chain(ms: Float64Array, windowMs: number): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let last = -Infinity;
  for (let i = 0; i < ms.length && !Number.isNaN(ms[i]); i++) {
    if (ms[i] - last > windowMs && current.length) {
      groups.push(current);
      current = [];
    }
    current.push(i);
    last = ms[i];
  }
  if (current.length) groups.push(current);
  return groups;
}

/**
 * An untimed event of a domain joins that domain's latest incident: xl-<name>.log and
 * qemu-dm-<name>.log are started afresh at each domain start, so they tell of its latest run
 * (and `.1` of the run before, and so on). Other untimed events group by file.
 */
function placeUntimed(c: Columns, groups: number[][], filtered: boolean): void {
  const ofDomain = new Map<string, number[]>();
  groups.forEach((g, gi) => {
    for (const d of distinct(g, (i) => c.domain[i])) {
      if (!d) continue;
      const homes = ofDomain.get(d);
      if (homes) homes.push(gi);
      else ofDomain.set(d, [gi]);
    }
  });
  const byFile = new Map<number, number[]>();
  for (let i = 0; i < c.fileOf.length; i++) {
    if (!Number.isNaN(c.ms[i])) continue;
    const domain = c.domain[i];
    const homes = domain ? ofDomain.get(domain) : undefined;
    if (homes) groups[homes[Math.max(0, homes.length - 1 - runsAgo(c.paths[c.fileOf[i]]))]].push(i);
    else if (!filtered) {
      const own = byFile.get(c.fileOf[i]);
      if (own) own.push(i);
      else byFile.set(c.fileOf[i], [i]);
    }
  }
  for (const g of byFile.values()) groups.push(g);
}

/** The distinct values of `of` over a group (no array of the group's size on the way). */
function distinct<T>(g: number[], of: (i: number) => T): Set<T> {
  const out = new Set<T>();
  for (const i of g) out.add(of(i));
  return out;
}

/** Which earlier run of its domain a per-domain log tells of: xl-web05.log.2 → 2 (libxl rotates them at each start). */
function runsAgo(file: string): number {
  const m = /(?:^|\/)(?:xl|qemu-dm)-[^/]+\.log\.(\d+)(?:\.gz)?$/.exec(file);
  return m ? Number(m[1]) : 0;
}

/** The first and last time of a group and its heaviest event, in one pass (groups can hold 100 000s of events). */
function groupSpan(g: number[], c: Columns): { start: number | null; end: number | null; weight: number } {
  let start: number | null = null;
  let end: number | null = null;
  let weight = 0;
  for (const i of g) {
    if (c.weight[i] > weight) weight = c.weight[i];
    const t = c.ms[i];
    if (Number.isNaN(t)) continue;
    if (start === null || t < start) start = t;
    if (end === null || t > end) end = t;
  }
  return { start, end, weight };
}

/** Spikes that precede (within `leadMs`) or overlap an incident. */
export function attachResources(resources: ResourceEvent[], start: number, end: number, leadMs: number): number[] {
  return spikesFor(resources.map((r) => Date.parse(r.time)), start, end, leadMs);
}

/** attachResources over the spikes' start times, parsed once for all incidents. */
function spikesFor(spikeMs: number[], start: number, end: number, leadMs: number): number[] {
  const out: number[] = [];
  spikeMs.forEach((t, i) => {
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

function summarise(g: number[], c: Columns, start: number | null, end: number | null, sources: number): string {
  const order: Category[] = [];
  const domains: string[] = [];
  let mce: string | undefined;
  for (const i of g) {
    const e = eventAt(c, i);
    const category = e.category;
    if (!order.includes(category)) order.push(category);
    const domain = c.domain[i];
    if (domain && domains.length < 4 && !domains.includes(domain)) domains.push(domain);
    mce ??= e.mce;
  }
  const what = order.slice(0, 4).map((cat) => (cat === 'mce' && mce ? `machine check (${mce})` : CATEGORY_LABELS[cat]));
  const span = start === null ? 'no timestamps' : end! - start < 1000 ? 'within a second' : `over ${duration(end! - start)}`;
  return `${what.join(', then ')}${domains.length ? ` (${domains.join(', ')})` : ''}: ${g.length} event${g.length === 1 ? '' : 's'} in ${sources} file${sources === 1 ? '' : 's'}, ${span}`;
}

/** Device saturation says most about an incident, then latency, then the rest. */
const SPIKE_RANK = ['util', 'await', 'iowait', 'steal', 'cpu%', 'runq', 'memused%', 'swapin', 'swapout'];

/**
 * The spike that best explains an incident, in words: "preceded by dm-3 at 99.9 %util for 60 s".
 * A device or domain the failures themselves name comes first.
 */
function spikeContext(spikes: ResourceEvent[], start: number, messages: () => string[]): string {
  // the incident's messages are read (and each subject searched for) at most once
  let texts: string[] | undefined;
  const seen = new Map<string, boolean>();
  const named = (r: ResourceEvent) => {
    const subject = r.device ?? r.domain;
    if (!subject) return false;
    let hit = seen.get(subject);
    if (hit === undefined) {
      const word = new RegExp(`(?<![\\w-])${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
      hit = (texts ??= messages()).some((m) => word.test(m));
      seen.set(subject, hit);
    }
    return hit;
  };
  const rank = (r: ResourceEvent) => (named(r) ? 0 : 1e14) + (SPIKE_RANK.indexOf(r.metric) + 1 || SPIKE_RANK.length + 1) * 1e12 - spanOf(r);
  const ranked = spikes.map((r) => ({ r, rank: rank(r) }));
  const best = ranked.reduce((a, b) => (b.rank < a.rank ? b : a)).r;
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
