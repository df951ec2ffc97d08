// What every capture parser needs while it reads one file: the warnings, the series being
// built, the zone's clock, the locale date reader, and the rules for dating samples that
// came without a date or without any time.
import { isTimeZone, iso } from '../logs/time';
import { DateReader, WallClock, ZonedTimes, banner, commandLine, dateBefore, daysBetween, fillSampleTimes, wrapperStamp, type Ymd } from './clock';
import { SeriesBuilder } from './series';
import { Tokens, Warnings } from './text';
import type { Capture, CaptureOptions } from './types';

export type Parsed = Omit<Capture, 'path' | 'kind'>;

export class Reading {
  readonly warnings = new Warnings();
  readonly builder = new SeriesBuilder();
  readonly clock: WallClock;
  readonly dates: DateReader;
  readonly tok: Tokens;
  host?: string;
  cpus?: number;
  /** Seconds between samples when the capture does not say (a command line shown in it may). */
  delaySec = 1;
  private wrapperZones?: ZonedTimes;

  constructor(readonly text: string, readonly opts: CaptureOptions) {
    let zone = opts.zone || 'UTC';
    if (!isTimeZone(zone)) {
      this.warnings.add(0, `unknown time zone ${zone}: times without a zone are read as UTC`);
      zone = 'UTC';
    }
    this.clock = new WallClock(zone);
    this.dates = new DateReader(this.clock, opts.mtimeMs);
    this.tok = new Tokens(text);
    // locale dates (06/01/20 or 01/06/20) are read one way for the whole file: learn it from the first ones
    for (const m of text.slice(0, 65536).matchAll(/(?:^|[\s"])(\d{1,2}[/-]\d{1,2}[/-]\d{2,4})(?=[\s"])/g)) this.dates.learn(m[1]);
  }

  /** A sysstat banner line: takes its host and CPU count; returns its date (null when unreadable), undefined when not a banner. */
  banner(line: string, lineNo: number): Ymd | null | undefined {
    const b = banner(line);
    if (!b) return undefined;
    this.host ??= b.host;
    if (b.cpus !== undefined) this.cpus ??= b.cpus;
    const date = this.dates.read(b.date);
    if (!date) this.warn(lineNo, `unreadable date ${b.date} in the banner`);
    return date ?? null;
  }

  /**
   * A command line shown in the capture (after a prompt, or a wrapper's label); undefined if
   * the line is not one. The interval of `tool`'s own command becomes the spacing of samples
   * that carry no time; its -S unit is returned.
   */
  command(lineText: string, tool: string): { unit?: string } | undefined {
    const cmd = commandLine(lineText);
    if (!cmd) return undefined;
    if (cmd.tool !== tool) return {};
    if (cmd.delaySec) this.delaySec = cmd.delaySec;
    return { unit: cmd.unit };
  }

  /** The instant a wrapper stamped before a sample (`date`, OSWatcher's `zzz`), whose zone name is the one in force. */
  wrapperTime(lineText: string, line: number): number | undefined {
    const stamp = wrapperStamp(lineText);
    if (!stamp) return undefined;
    this.wrapperZones ??= new ZonedTimes(this.clock, this.warnings, true);
    return this.wrapperZones.utc(stamp.date, stamp.sec, stamp.zone, line);
  }

  /** Set when the samples' dates come from the file's mtime (see Capture). */
  datedFromMtime = false;

  warn(line: number, message: string): void {
    this.warnings.add(line, message);
  }

  /**
   * The date under times of day: the banner's, else the one that puts the last sample just
   * before the file's mtime (said in a warning).
   */
  baseDate(banner: Ymd | undefined, lastSec: number): Ymd {
    if (banner) return banner;
    const date = dateBefore(this.clock, this.opts.mtimeMs, lastSec);
    this.datedFromMtime = true;
    this.warn(0, `the capture has times of day but no date: dated so that its last sample falls at or before the file's modification time (${iso(this.opts.mtimeMs)})`);
    return date;
  }

  done(skipped?: string): Parsed {
    const series = skipped ? [] : this.builder.finish();
    const out: Parsed = { series, warnings: this.warnings.done() };
    if (this.host !== undefined) out.host = this.host;
    if (this.cpus !== undefined) out.cpus = this.cpus;
    if (this.datedFromMtime) out.datedFromMtime = true;
    if (skipped) out.skipped = skipped;
    else if (!series.length) out.skipped = 'no samples in the capture';
    return out;
  }
}

/**
 * Numbered samples (iostat reports, vmstat rows, xentop iterations) and what is known of
 * their time: an instant, a time of day (seconds since the first midnight), or nothing.
 * Tracks store the sample number; `resolve` turns it into UTC.
 */
export class Samples {
  private readonly abs: number[] = [];
  private readonly tod: number[] = [];

  get count(): number {
    return this.abs.length;
  }

  /** Starts a sample; returns its number. */
  next(): number {
    this.abs.push(NaN);
    this.tod.push(NaN);
    return this.abs.length - 1;
  }

  at(i: number, ms: number): void {
    this.abs[i] = ms;
  }

  atTimeOfDay(i: number, sec: number): void {
    this.tod[i] = sec;
  }

  known(i: number): boolean {
    return !Number.isNaN(this.abs[i]) || !Number.isNaN(this.tod[i]);
  }

  /** Dates every sample and rewrites the tracks' sample numbers as UTC ms. */
  resolve(r: Reading, banner?: Ymd): void {
    const times = this.abs.slice();
    const tods = this.tod.filter((t) => !Number.isNaN(t));
    if (tods.length) {
      // a loop, not Math.max(...tods): a capture can have more samples than the stack has room for arguments
      const base = r.baseDate(banner, tods.reduce((max, t) => Math.max(max, t), -Infinity));
      this.tod.forEach((t, i) => {
        if (!Number.isNaN(t) && Number.isNaN(times[i])) times[i] = r.clock.utc(base, t);
      });
    }
    if (fillSampleTimes(times, r.delaySec * 1000, r.opts.mtimeMs) && times.length) {
      r.datedFromMtime = true;
      r.warn(0, `the capture has no times: its ${times.length} samples are dated ${r.delaySec} s apart so that the last falls at the file's modification time (${iso(r.opts.mtimeMs)})`);
      const lag = banner && daysBetween(banner, r.clock.dateOf(times[0]));
      if (banner && lag !== 0 && lag !== 1) r.warn(0, `the banner's date (${banner.y}-${banner.m}-${banner.d}) does not match the file's modification time: the sample times are probably wrong`);
    }
    r.builder.retime((i) => times[i]);
  }
}
