// iostat text reports: a banner, then per interval an optional time stamp (-t), the
// avg-cpu table and the device table, each under its own header. Any sysstat version's
// column set (and --pretty, which moves the device name last) is read by column name.
import { Rollover, daysBetween, timeOfDay, type Ymd } from './clock';
import { SYSSTAT_COLUMNS } from './columns';
import { Table } from './table';
import { Reading, Samples, type Parsed } from './reading';
import { forEachLine, numberAt } from './text';
import type { CaptureOptions } from './types';

export type Stamp = { ms: number } | { sec: number; marked: boolean };

/**
 * An iostat time stamp (a -t line, or JSON's "timestamp"): the locale's `%x %X`
 * (`06/01/20 12:53:20`, `06/13/2018 02:10:50 PM`, `01.06.2020 12:53:20`), ISO
 * `2020-06-01T12:53:20+0200` (S_TIME_FORMAT=ISO), or old releases' `Time: 02:10:50 PM`
 * with the date left to the banner.
 */
export function readStamp(r: Reading, text: string): Stamp | undefined {
  const t = text.trim();
  // the C locale's `06/01/20 12:53:20`, once a second for a day: no regex
  if (t.length === 17 && t.charCodeAt(2) === 47 && t.charCodeAt(8) === 32 && t.charCodeAt(11) === 58 && t.charCodeAt(14) === 58) {
    const date = r.dates.read(t.slice(0, 8));
    const sec = numberAt(t, 9, 11) * 3600 + numberAt(t, 12, 14) * 60 + numberAt(t, 15, 17);
    if (date && sec >= 0 && sec < 86400) return { ms: r.clock.utc(date, sec) };
  }
  const iso = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(Z|[+-]\d\d:?\d\d)?$/.exec(t);
  if (iso) {
    const date = { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) };
    const sec = Number(iso[4]) * 3600 + Number(iso[5]) * 60 + Number(iso[6]);
    if (!iso[7]) return { ms: r.clock.utc(date, sec) };
    const off = iso[7] === 'Z' ? 0 : (iso[7][0] === '-' ? -1 : 1) * (Number(iso[7].slice(1, 3)) * 60 + Number(iso[7].slice(-2)));
    return { ms: Date.UTC(date.y, date.m - 1, date.d) + (sec - off * 60) * 1000 };
  }
  const parts = t.replace(/^Time:\s*/, '').split(/\s+/);
  const mer = parts.length > 1 && /^[AaPp]\.?[Mm]\.?$/.test(parts[parts.length - 1]) ? parts.pop() : undefined;
  if (parts.length === 1 && t.startsWith('Time:')) {
    const sec = timeOfDay(parts[0], mer);
    return sec < 0 ? undefined : { sec, marked: !!mer };
  }
  if (parts.length !== 2) return undefined;
  const sec = timeOfDay(parts[1], mer);
  const date = sec < 0 ? undefined : r.dates.read(parts[0]);
  return date ? { ms: r.clock.utc(date, sec) } : undefined;
}

/** Headers: `avg-cpu:` tables, device tables (`Device` first, or last with --pretty), both after `Datetime` in the proposed -T form. */
function headerKind(r: Reading): 'cpu' | 'device' | undefined {
  const tok = r.tok;
  const k = tok.is(0, 'Datetime') ? 1 : 0;
  if (k >= tok.n) return undefined;
  if (tok.is(k, 'avg-cpu:')) return 'cpu';
  if (tok.is(k, 'Device') || tok.is(k, 'Device:') || tok.is(tok.n - 1, 'Device')) return 'device';
  return undefined;
}

export function parseIostat(text: string, opts: CaptureOptions): Parsed {
  const r = new Reading(text, opts);
  const tok = r.tok;
  const samples = new Samples();
  const tables = new Map<string, Table>();
  let bannerDate: Ymd | undefined;
  /** Days from the first banner's date to the current one's, for old `Time:` stamps. */
  let dayShift = 0;
  let rollover = new Rollover();
  let table: Table | undefined;
  let state: 'none' | 'cpu' | 'device' = 'none';
  /** Rows led by their date and time (the proposed -T form, under a `Datetime` header). */
  let datetimeRows = false;
  let stamped = false;
  let report = -1;
  let boundary = true;
  let reportLayouts = new Set<string>();
  let blanks = 0;

  const newReport = () => {
    report = samples.next();
    reportLayouts = new Set();
    boundary = false;
  };

  forEachLine(text, (s, e, line) => {
    // the hot path: a device row under its header
    if (state === 'device' && !datetimeRows && table!.pushLine(text, s, e, report, line)) {
      blanks = 0;
      return;
    }
    const n = tok.split(s, e);
    if (n === 0) {
      if (++blanks >= 2) boundary = true;
      state = 'none';
      return;
    }
    blanks = 0;
    const kind = headerKind(r);
    if (kind) {
      const datetime = tok.is(0, 'Datetime');
      const first = (datetime ? 1 : 0) + (kind === 'cpu' ? 1 : 0);
      // every report repeats its headers: the ones seen so far are compared in place before one is cut out
      let known: Table | undefined;
      for (const [h, t] of tables) if (h.length === e - s && text.startsWith(h, s)) known = t;
      if (!known) {
        const header = text.slice(s, e);
        const names = tok.list(first);
        tables.set(header, (known = new Table(names, SYSSTAT_COLUMNS, r.builder, `${kind}\0${names.join(' ')}`, { aligned: header })));
      }
      table = known;
      // a table already seen in this report starts the next one (reports without stamps or blank lines between)
      if (boundary || report < 0 || reportLayouts.has(table.layout)) newReport();
      reportLayouts.add(table.layout);
      state = kind;
      datetimeRows = datetime;
      return;
    }
    if (state === 'cpu' || (state === 'device' && datetimeRows)) {
      // avg-cpu values, or a -T row led by its date and time (two or three tokens)
      const skip = datetimeRows ? n - table!.width : 0;
      if (skip < 0 || skip > 3 || (datetimeRows && skip < 2)) {
        r.warn(line, `unreadable ${state === 'cpu' ? 'avg-cpu' : 'device'} row`);
        return;
      }
      if (skip) {
        const stamp = readStamp(r, tok.span(0, skip - 1));
        if (stamp && 'ms' in stamp && !samples.known(report)) samples.at(report, stamp.ms);
      }
      if (!table!.push(tok, skip, report, line)) r.warn(line, `unreadable ${state === 'cpu' ? 'avg-cpu' : 'device'} row`);
      if (state === 'cpu') state = 'none';
      return;
    }
    const lineText = text.slice(s, e);
    const b = r.banner(lineText, line);
    if (b !== undefined) {
      if (b && bannerDate) dayShift = daysBetween(bannerDate, b);
      else if (b) bannerDate = b;
      rollover = new Rollover();
      boundary = true;
      state = 'none';
      return;
    }
    if (n <= 4) {
      const stamp = readStamp(r, lineText);
      if (stamp) {
        newReport();
        stamped = true;
        if ('ms' in stamp) samples.at(report, stamp.ms);
        else samples.atTimeOfDay(report, dayShift * 86400 + rollover.next(stamp.sec, stamp.marked));
        state = 'none';
        return;
      }
    }
    if (r.command(lineText, 'iostat') || /^\s*#/.test(lineText)) return;
    if (state === 'device') r.warn(line, n === table!.width ? 'unreadable value in device row' : `device row does not match its header (${n} tokens for ${table!.width} columns)`);
    else r.warn(line, 'unreadable line');
  });

  if (report < 0) return r.done('no iostat report in the file');
  if (!stamped) r.warn(0, 'iostat was run without -t: the reports carry no time');
  samples.resolve(r, bannerDate);
  return r.done();
}
