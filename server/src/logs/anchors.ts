// The year of logs whose stamps have none (RFC 3164 syslog, journal short, dlm). The
// folder's dated sources are the anchors: other logs' full dates, machine-check TIME
// epochs, journal headers, and capture samples dated by a sysstat banner (or by their own
// full timestamps). The file's mtime is the last resort.
import type { Capture } from '../captures/types';
import type { FileResult } from './fileScan';
import type { Stamp } from './formats';
import { abbreviationOffset, wallToUtc } from './time';

const DAY = 86400000;
/** A yearless file fits a source when its lines fall inside the source's span or this close to it. */
export const FIT_MS = 31 * DAY;
/** Zones and clocks disagree by hours: a line this much after the file's mtime still counts as written before it. */
const SLACK_MS = DAY;
/** A source spanning more years than this is broken data: only its ends are tried. */
const MAX_YEARS = 60;

/** A span of time a file of the folder states outright. */
export interface YearSource {
  path: string;
  min: number;
  max: number;
}

/** What year inference needs of a yearless file. */
export interface YearlessFile {
  mtimeMs: number;
  /** UTC ms of its first and last yearless stamps when the first falls in `year` (year rollovers counted). */
  span(year: number): [number, number];
}

/** UTC ms of a stamp that carries its whole date; wall times in `zone` unless they name an unambiguous one. */
export function datedUtc(s: Stamp | undefined, zone: string): number | undefined {
  if (!s || s.kind === 'uptime') return undefined;
  if (s.kind === 'instant') return s.ms;
  if (s.year === undefined) return undefined;
  const abbr = s.zone ? abbreviationOffset(s.zone) : undefined;
  if (abbr !== undefined) return Date.UTC(s.year, s.month - 1, s.day, s.h, s.mi, s.s, s.ms) - abbr * 60000;
  return wallToUtc(s.year, s.month, s.day, s.h, s.mi, s.s, s.ms, zone);
}

/** The dated sources of a scanned folder, one per file that states a date. */
export function yearSources(results: FileResult[], zoneOf: (path: string) => string): YearSource[] {
  const out: YearSource[] = [];
  for (const r of results) {
    if (r.skipped) continue;
    // a capture dated from its mtime would only hand that mtime on to the logs
    const span = r.capture ? (r.capture.datedFromMtime ? undefined : captureSpan(r.capture)) : logSpan(r, zoneOf(r.path));
    if (span) out.push({ path: r.path, ...span });
  }
  return out;
}

function logSpan(r: FileResult, zone: string): { min: number; max: number } | undefined {
  const times: number[] = [];
  const add = (t: number | undefined) => {
    if (t !== undefined && Number.isFinite(t)) times.push(t);
  };
  for (const s of [r.header, r.first, r.last]) add(datedUtc(s, zone));
  for (const e of r.events) {
    add(datedUtc(e.stamp, zone));
    // a machine check's TIME is the kernel's own epoch: exact whatever the wrapper says
    if (e.epoch !== undefined) add(e.epoch * 1000);
  }
  return bounds(times);
}

/** The first and last sample time of a capture. */
export function captureSpan(c: Capture): { min: number; max: number } | undefined {
  return bounds(c.series.flatMap((s) => (s.times.length ? [s.times[0], s.times[s.times.length - 1]] : [])));
}

function bounds(times: number[]): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return min <= max ? { min, max } : undefined;
}

interface Placement {
  year: number;
  /** When the file's last line falls with this year. */
  end: number;
  /** How far the file's lines fall outside the source (0: inside it). */
  gap: number;
}

/** The file placed in each year the source covers (and the ones around it, for New Year). */
function placements(span: YearlessFile['span'], s: YearSource): Placement[] {
  const from = new Date(s.min).getUTCFullYear() - 1;
  const to = new Date(s.max).getUTCFullYear() + 1;
  const years = to - from > MAX_YEARS ? [from, from + 1, from + 2, to - 2, to - 1, to] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return years.map((year) => {
    const [a, b] = span(year);
    return { year, end: b, gap: Math.max(0, s.min - b, a - s.max) };
  });
}

/**
 * The year of a yearless file's first stamp. Each dated source of the folder proposes the
 * years that put the file's lines inside its span or within a month of it (its own years,
 * or the one next to them across a New Year) — never a year no source has, and never an
 * average of sources years apart. Of those, lines must not come after the file was last
 * written (its mtime, give or take a day), and the placement closest to the mtime wins: a
 * console from the same week beats a rotated xend.log from years before, and with copied
 * files (mtime = copy time) the latest fitting source wins. The gap to the source breaks
 * ties. When no source fits, the year that puts the last line at or before the mtime.
 */
export function chooseYear(file: YearlessFile, sources: YearSource[]): number {
  // sources share their years, and a span in a local zone costs Intl calls: one per year
  const spans = new Map<number, [number, number]>();
  const span = (year: number) => {
    let found = spans.get(year);
    if (!found) spans.set(year, (found = file.span(year)));
    return found;
  };
  const fits = sources.flatMap((s) => placements(span, s)).filter((p) => p.gap <= FIT_MS);
  const written = fits.filter((p) => p.end <= file.mtimeMs + SLACK_MS);
  // an mtime before every fitting placement is a broken mtime, not a reason to drop the sources
  const pool = written.length ? written : fits;
  if (!pool.length) return mtimeYear(file);
  const rank = (p: Placement) => [Math.abs(file.mtimeMs - p.end), p.gap, -p.year];
  return pool.reduce((a, b) => (before(rank(b), rank(a)) ? b : a)).year;
}

function before(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** The year that puts the file's last line at or just before its mtime. */
export function mtimeYear(file: YearlessFile): number {
  const y = new Date(file.mtimeMs).getUTCFullYear();
  // the first line's year, counted back until the last line (later by its rollovers) is not after the mtime
  for (let year = y; year > y - MAX_YEARS; year--) if (file.span(year)[1] <= file.mtimeMs + SLACK_MS) return year;
  return y;
}
