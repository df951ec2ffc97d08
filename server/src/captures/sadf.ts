// sadf, sar's exporter: `-d` (one `;`-separated row per record under `# hostname;interval;
// timestamp;...` headers) and `-p` (one TAB-separated value per line: host, interval,
// timestamp, device, field, value). Timestamps carry a date and a zone token: UTC by
// default, or with -t/-T a local time whose abbreviation is the zone's standard-time name
// all year round, so it is read in the configured zone (see ZonedTimes).
import { ZonedTimes } from './clock';
import { SYSSTAT_COLUMNS, subjectOf } from './columns';
import { Table } from './table';
import { Reading, type Parsed } from './reading';
import type { Track } from './series';
import { forEachLine, numberAt } from './text';
import type { CaptureOptions } from './types';

/** Reads `2019-04-18 13:20:19 UTC` or epoch seconds (-U) in token k; NaN if neither. Repeated stamps are read once. */
class SadfTimes {
  private last = '';
  private lastMs = NaN;
  private readonly zoned: ZonedTimes;

  constructor(private readonly r: Reading) {
    this.zoned = new ZonedTimes(r.clock, r.warnings);
  }

  at(k: number, line: number): number {
    const { text, starts, ends } = this.r.tok;
    const s = starts[k];
    const e = ends[k];
    if (e - s === this.last.length && text.startsWith(this.last, s)) return this.lastMs;
    this.last = text.slice(s, e);
    this.lastMs = this.read(this.last, line);
    return this.lastMs;
  }

  private read(t: string, line: number): number {
    if (/^\d{9,11}$/.test(t)) return Number(t) * 1000;
    if (t.length < 19 || t[4] !== '-' || t[7] !== '-' || t[10] !== ' ' || t[13] !== ':' || t[16] !== ':') return NaN;
    const part = (a: number, b: number) => numberAt(t, a, b);
    const date = { y: part(0, 4), m: part(5, 7), d: part(8, 10) };
    const sec = part(11, 13) * 3600 + part(14, 16) * 60 + part(17, 19);
    if (Number.isNaN(sec + date.y + date.m + date.d)) return NaN;
    return this.zoned.utc(date, sec, t.length > 20 ? t.slice(20).trim() : undefined, line);
  }
}

function isRecord(r: Reading, k: number): boolean {
  const t = r.tok;
  return t.n > k && (t.text.startsWith('LINUX-RESTART', t.starts[k]) || t.text.startsWith('COM ', t.starts[k]));
}

export function parseSadfDatabase(text: string, opts: CaptureOptions): Parsed {
  const r = new Reading(text, opts);
  const tok = r.tok;
  const times = new SadfTimes(r);
  const tables = new Map<string, Table>();
  let table: Table | undefined;
  let rows = 0;
  forEachLine(text, (s, e, line) => {
    if (s === e || (e - s === 1 && text.charCodeAt(s) === 13)) return;
    if (text.charCodeAt(s) === 35 /* # */) {
      const from = text.indexOf('timestamp;', s);
      if (from < 0 || from > e) return;
      const n = tok.splitOn(from + 'timestamp;'.length, e, 59);
      const key = text.slice(from, e);
      table = tables.get(key);
      if (!table) tables.set(key, (table = new Table(tok.list(0, n), SYSSTAT_COLUMNS, r.builder, key)));
      return;
    }
    const n = tok.splitOn(s, e, 59);
    if (isRecord(r, 3)) return;
    if (n < 4) return r.warn(line, 'unreadable line');
    if (!table) return r.warn(line, 'a row before any `# hostname;interval;timestamp;...` header');
    if (!table.useful) return;
    if (!table.fits(n - 3)) return r.warn(line, `row does not match its header (${n - 3} values for ${table.width} columns)`);
    const at = times.at(2, line);
    if (Number.isNaN(at)) return r.warn(line, 'unreadable timestamp');
    r.host ??= tok.str(0);
    if (table.push(tok, 3, at, line)) rows++;
    else r.warn(line, 'unreadable value in row');
  });
  return r.done(rows ? undefined : tables.size ? 'no sadf rows with values the timeline uses' : 'no sadf -d header in the file');
}

export function parseSadfPpc(text: string, opts: CaptureOptions): Parsed {
  const r = new Reading(text, opts);
  const tok = r.tok;
  const times = new SadfTimes(r);
  const tracks = new Map<string, { track: Track; scale: number } | null>();
  let rows = 0;
  forEachLine(text, (s, e, line) => {
    if (s === e || (e - s === 1 && text.charCodeAt(s) === 13)) return;
    const n = tok.splitOn(s, e, 9);
    if (isRecord(r, 3)) return;
    if (n !== 6) return r.warn(line, 'unreadable line (not host, interval, timestamp, device, field, value)');
    // one track per device and field: the key is the text between them, TAB included
    const key = text.slice(tok.starts[3], tok.ends[4]);
    let target = tracks.get(key);
    if (target === undefined) {
      const field = tok.str(4);
      const c = Object.hasOwn(SYSSTAT_COLUMNS, field) ? SYSSTAT_COLUMNS[field] : undefined;
      const subject = c && subjectOf(c.metric, tok.str(3));
      target = c && subject ? { track: r.builder.track(`p:${field}`, [c.metric], subject.kind, subject.name), scale: c.scale } : null;
      tracks.set(key, target);
    }
    if (!target) return;
    const { track, scale } = target;
    const v = tok.num(5);
    const at = times.at(2, line);
    if (Number.isNaN(v) || Number.isNaN(at)) return r.warn(line, Number.isNaN(at) ? 'unreadable timestamp' : 'unreadable value');
    r.host ??= tok.str(0);
    track.times.push(at);
    track.lines.push(line);
    track.values[0].push(v * scale);
    rows++;
  });
  return r.done(rows ? undefined : 'no sadf -p values the timeline uses');
}
