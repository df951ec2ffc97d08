// Dates and times as sysstat, vmstat and wrapper scripts print them: locale dates whose
// field order must be guessed, 12-hour clocks, times of day that wrap at midnight, zone
// abbreviations that do not say which offset was in force, and captures with no date at all.
import { abbreviationOffset, wallToUtc } from '../logs/time';
import type { Warnings } from './text';

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86400000;

export function addDays(date: Ymd, days: number): Ymd {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d) + days * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function daysBetween(a: Ymd, b: Ymd): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY_MS);
}

function validDate(y: number, m: number, d: number): Ymd | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 ? { y, m, d } : undefined;
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length > 2 ? n : n < 70 ? 2000 + n : 1900 + n;
}

/**
 * Wall-clock times of one zone to UTC. The zone's offset is looked up once per local hour
 * (zone rules change on the hour), so a capture with a stamp every second costs one Intl
 * call per hour of capture, not per row.
 */
export class WallClock {
  private readonly offsets = new Map<number, number>();
  private parts?: Intl.DateTimeFormat;

  constructor(readonly zone: string) {}

  /** UTC ms of `date` at `sec` seconds after its midnight (sec may run into the next days). */
  utc(date: Ymd, sec: number): number {
    const naive = Date.UTC(date.y, date.m - 1, date.d) + Math.round(sec * 1000);
    if (this.zone === 'UTC') return naive;
    const hour = Math.floor(naive / 3600000);
    let off = this.offsets.get(hour);
    if (off === undefined) {
      const t = new Date(hour * 3600000);
      off = hour * 3600000 - wallToUtc(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), 0, 0, 0, this.zone);
      this.offsets.set(hour, off);
    }
    return naive - off;
  }

  /** The local date of an instant. */
  dateOf(ms: number): Ymd {
    if (this.zone === 'UTC') {
      const t = new Date(ms);
      return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
    }
    this.parts ??= new Intl.DateTimeFormat('en-US', { timeZone: this.zone, year: 'numeric', month: 'numeric', day: 'numeric' });
    const p = Object.fromEntries(this.parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return { y: Number(p.year), m: Number(p.month), d: Number(p.day) };
  }

  /** Minutes east of UTC in force at local noon of `date`. */
  offsetOn(date: Ymd): number {
    return (Date.UTC(date.y, date.m - 1, date.d, 12) - this.utc(date, 43200)) / 60000;
  }
}

/**
 * Locale dates (`%x`): 06/01/20, 06/13/2018, 13/06/2018, 2019-04-18, 20160328, 01.06.2020,
 * 2016年02月24日. Slash dates are month-first or day-first by locale; a field over 12 settles
 * it for the whole file, otherwise the reading that is not after the file's mtime and closest
 * to it wins (a capture cannot be newer than its file).
 */
export class DateReader {
  private order?: 'mdy' | 'dmy';
  /** Reports repeat the same date thousands of times. */
  private readonly cache = new Map<string, Ymd | undefined>();

  constructor(private readonly clock: WallClock, private readonly mtimeMs: number) {}

  /** Learns the field order from dates that only read one way (call on a file's first dates). */
  learn(token: string): void {
    const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(token);
    if (!m || this.order) return;
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) this.order = 'dmy';
    else if (Number(m[2]) > 12 && Number(m[1]) <= 12) this.order = 'mdy';
  }

  read(token: string): Ymd | undefined {
    if (this.cache.has(token)) return this.cache.get(token);
    const date = this.parse(token);
    if (this.cache.size < 10000) this.cache.set(token, date);
    return date;
  }

  private parse(token: string): Ymd | undefined {
    let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(token) ?? /^(\d{4})(\d\d)(\d\d)$/.exec(token) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(token);
    if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    m = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(token);
    if (m) return validDate(fullYear(m[3]), Number(m[2]), Number(m[1]));
    m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(token);
    if (!m) return undefined;
    const y = fullYear(m[3]);
    const mdy = validDate(y, Number(m[1]), Number(m[2]));
    const dmy = validDate(y, Number(m[2]), Number(m[1]));
    if (!mdy || !dmy || m[1] === m[2]) {
      this.learn(token);
      return mdy ?? dmy;
    }
    if (!this.order) {
      // neither field is over 12: the reading not after the mtime and closest to it, kept for the file
      const start = (d: Ymd) => this.clock.utc(d, 0);
      const past = [mdy, dmy].filter((d) => start(d) <= this.mtimeMs);
      const pick = past.length ? past.reduce((a, b) => (start(b) > start(a) ? b : a)) : start(mdy) <= start(dmy) ? mdy : dmy;
      this.order = pick === mdy ? 'mdy' : 'dmy';
    }
    return this.order === 'mdy' ? mdy : dmy;
  }
}

const MERIDIEM = /^(?:AM|PM|am|pm|a\.m\.|p\.m\.)$/;

export function isMeridiem(token: string): boolean {
  return MERIDIEM.test(token);
}

/** Seconds after midnight of `13:20:19`, `1:20:19 PM` (the marker as a separate token) or `00時10分01秒`; -1 if not a time. */
export function timeOfDay(token: string, meridiem?: string): number {
  const m = /^(\d{1,2}):(\d\d)(?::(\d\d))?$/.exec(token) ?? /^(\d{1,2})時(\d{1,2})分(?:(\d{1,2})秒)?$/.exec(token);
  if (!m) return -1;
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3] ?? 0);
  if (h > 23 || mi > 59 || s > 60) return -1;
  if (meridiem) {
    if (h < 1 || h > 12) return -1;
    const pm = meridiem[0] === 'P' || meridiem[0] === 'p';
    h = (h % 12) + (pm ? 12 : 0);
  }
  return h * 3600 + mi * 60 + s;
}

/**
 * Times of day in file order to seconds since the first day's midnight. A jump back of more
 * than an hour is the next day (23:50:01 → 00:00:01); a smaller one is a clock adjustment or the
 * repeated hour when summer time ends. On a 12-hour clock printed without AM/PM (hours only
 * ever 1-12) the jump 12:50 → 01:00 is the next half-day instead.
 */
export class Rollover {
  private last = -Infinity;
  private shift = 0;
  private twelve = true;

  next(sec: number, marked: boolean): number {
    const h = Math.floor(sec / 3600);
    if (marked || h === 0 || h >= 13) this.twelve = false;
    let v = sec + this.shift;
    while (v < this.last - 3600) {
      const step = this.twelve ? 43200 : 86400;
      this.shift += step;
      v += step;
    }
    this.last = v;
    return v;
  }
}

/** Minutes east of UTC for zone tokens that say it outright: UTC, GMT, Z, +0200, -04:00. */
export function fixedOffset(token: string): number | undefined {
  if (/^(?:UTC|GMT|UT|UCT|Z)$/i.test(token)) return 0;
  const m = /^([+-])(\d\d):?(\d\d)$/.exec(token);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}

/**
 * Wall times followed by a zone token. UTC and numeric offsets are exact. An abbreviation is
 * read in the configured zone: sadf prints the zone's standard-time name all year (EST for a
 * July time in New York), so EST cannot be taken as -05:00. When the abbreviation is not one
 * of the configured zone's, one warning says so. `exact` takes the unambiguous abbreviations
 * at their word instead, for `date` output, which prints the name in force.
 */
export class ZonedTimes {
  private readonly decided = new Map<string, number | null>();

  constructor(private readonly clock: WallClock, private readonly warnings: Warnings, private readonly exact = false) {}

  utc(date: Ymd, sec: number, token: string | undefined, line: number): number {
    if (!token) return this.clock.utc(date, sec);
    let off = this.decided.get(token);
    if (off === undefined) {
      off = fixedOffset(token) ?? null;
      if (off === null) {
        const named = abbreviationOffset(token);
        if (this.exact && named !== undefined) off = named;
        else if (!this.fits(named, date)) {
          this.warnings.add(line, `time zone ${token} is not one of ${this.clock.zone}'s: its times are read in ${this.clock.zone} (set the folder's time zone to the one ${token} stands for)`);
        }
      }
      this.decided.set(token, off);
    }
    return off === null ? this.clock.utc(date, sec) : Date.UTC(date.y, date.m - 1, date.d) + sec * 1000 - off * 60000;
  }

  private fits(named: number | undefined, date: Ymd): boolean {
    if (named === undefined) return false;
    const winter = this.clock.offsetOn({ y: date.y, m: 1, d: 15 });
    const summer = this.clock.offsetOn({ y: date.y, m: 7, d: 15 });
    return named === winter || named === summer;
  }
}

const MONTHS: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };

/**
 * A timestamp a wrapper script printed before a sample (`date`, OSWatcher's `zzz ***`):
 * `Mon Jun  1 12:53:20 UTC 2020`, `2020-06-01T12:53:20+02:00`, `2020-06-01 12:53:20`.
 */
export function wrapperStamp(line: string): { date: Ymd; sec: number; zone?: string } | undefined {
  const l = line.trim().replace(/^zzz \*+/, '');
  let m = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}) (\d\d):(\d\d):(\d\d)(?: ([A-Za-z]{1,5}|[+-]\d\d:?\d\d))? (\d{4})$/.exec(l);
  if (m) {
    const date = validDate(Number(m[7]), MONTHS[m[1]], Number(m[2]));
    return date && { date, sec: Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]), zone: m[6] };
  }
  m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,]\d+)? ?(Z|[+-]\d\d:?\d\d|[A-Z]{2,5})?$/.exec(l);
  if (!m) return undefined;
  const date = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return date && { date, sec: Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]), zone: m[7] };
}

/**
 * The date to put under times of day that came without one, so that the last sample is not
 * after the file's mtime and as close to it as it can be (the file was written as the capture ended).
 */
export function dateBefore(clock: WallClock, mtimeMs: number, lastSec: number): Ymd {
  let date = addDays(clock.dateOf(mtimeMs), -Math.floor(lastSec / 86400));
  for (let i = 0; i < 3 && clock.utc(date, lastSec) > mtimeMs; i++) date = addDays(date, -1);
  return date;
}

/**
 * Times of numbered samples (reports, iterations) where only some, or none, carry a time:
 * the others are `delayMs` after the last known one (or before the first). With no time at
 * all, the last sample falls at the file's mtime. Returns whether it had to fall back on the mtime.
 */
export function fillSampleTimes(times: number[], delayMs: number, mtimeMs: number): boolean {
  const first = times.findIndex((t) => !Number.isNaN(t));
  if (first < 0) {
    for (let i = 0; i < times.length; i++) times[i] = mtimeMs - (times.length - 1 - i) * delayMs;
    return true;
  }
  for (let i = first - 1; i >= 0; i--) times[i] = times[i + 1] - delayMs;
  for (let i = first + 1; i < times.length; i++) if (Number.isNaN(times[i])) times[i] = times[i - 1] + delayMs;
  return false;
}

/** A shell prompt or a wrapper's label, an optional path and sudo, then the tool and its arguments. */
const TOOLS = /^(?:.*[#$%>:]\s*)?(?:sudo\s+)?(?:\S*\/)?(iostat|sar|mpstat|vmstat|xentop)((?:\s+\S+)*)\s*$/;
/** Options that take a value, per tool, so that `sar -P 1 5` is read as interval 5, not 1. */
const VALUED: Record<string, RegExp> = {
  iostat: /^-(?:[pgjo]|-dec)$/,
  sar: /^-(?:[PnImfosei]|-dev|-iface|-fs|-dec|-int)$/,
  mpstat: /^-(?:[PIoN]|-dec)$/,
  vmstat: /^-(?:[Sdpc]|-unit)$/,
  xentop: /^-(?:[din]|-delay|-iterations)$/,
};

/** What a command line shown in a capture (`# vmstat -S M 5`, `[root@h ~]# sar -d 1 3`) says. */
export function commandLine(line: string): { tool: string; delaySec?: number; unit?: string } | undefined {
  // a command fits on a line; long junk would only make the pattern backtrack
  if (line.length > 400) return undefined;
  const m = TOOLS.exec(line.replace(/\t/g, ' '));
  if (!m) return undefined;
  const tool = m[1];
  const args = m[2].trim().split(/\s+/).filter(Boolean);
  const out: { tool: string; delaySec?: number; unit?: string } = { tool };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let opt: RegExpExecArray | null;
    if ((opt = /^(?:-S|--unit=?)([kKmM])?$/.exec(a))) out.unit = opt[1] ?? args[++i];
    else if (tool === 'xentop' && (opt = /^(?:-d|--delay=?)(\d+(?:\.\d+)?)?$/.exec(a))) out.delaySec = Number(opt[1] ?? args[++i]);
    else if (VALUED[tool].test(a)) i++;
    else if (tool !== 'xentop' && /^\d+$/.test(a) && out.delaySec === undefined) out.delaySec = Number(a);
  }
  if (out.delaySec !== undefined && !(out.delaySec > 0)) delete out.delaySec;
  return out;
}

/** The sysstat banner: `Linux 5.10.0 (host) \t06/01/20 \t_x86_64_\t(8 CPU)` (the CPU count may wrap to the next line). */
export function banner(line: string): { host: string; date: string; cpus?: number } | undefined {
  const m = /^\s*Linux \S+ \(([^)\s]+)\)\s+(\S+)(?:\s+_\S+_)?(?:\s+\((\d+) CPU\))?\s*$/.exec(line);
  return m ? { host: m[1], date: m[2], cpus: m[3] ? Number(m[3]) : undefined } : undefined;
}
