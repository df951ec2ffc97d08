// vmstat (procps): a group line (`procs ---memory--- ...`) over a field line (`r b swpd
// free ...`), printed again now and then. Old releases lack `st`, procps-ng 4 adds `gu`;
// -t appends the date and time to each row (the zone ends the field line); wrappers such as
// ExaWatcher put their own HH:MM:SS in front. Without either, rows are dated from the end.
import { Rollover, ZonedTimes, timeOfDay } from './clock';
import type { Column } from './columns';
import { Table } from './table';
import { Reading, Samples, type Parsed } from './reading';
import { forEachLine } from './text';
import type { CaptureOptions, Metric } from './types';

/** Bytes per unit of -S/--unit: memory and swap columns are KiB unless one is shown. */
const UNITS: Record<string, number> = { k: 1000, K: 1024, m: 1e6, M: 1048576 };

function columns(unit: string): Record<string, Column> {
  const memory = (UNITS[unit] ?? 1024) / 1024;
  const c = (metric: Metric, scale = 1): Column => ({ metric, scale, rank: 1 });
  return {
    r: c('runq'),
    b: c('blocked'),
    free: c('memfree', memory),
    si: c('swapin', memory),
    so: c('swapout', memory),
    us: c('user'),
    sy: c('system'),
    id: c('idle'),
    wa: c('iowait'),
    st: c('steal'),
    gu: c('guest'),
  };
}

const FIELDS = new Set(['r', 'b', 'swpd', 'free', 'buff', 'cache', 'inact', 'active', 'si', 'so', 'bi', 'bo', 'in', 'cs', 'us', 'sy', 'id', 'wa', 'st', 'gu']);

export function parseVmstat(text: string, opts: CaptureOptions): Parsed {
  const r = new Reading(text, opts);
  const tok = r.tok;
  const samples = new Samples();
  const zoned = new ZonedTimes(r.clock, r.warnings);
  const rollover = new Rollover();
  const tables = new Map<string, Table>();
  let unit = 'K';
  let table: Table | undefined;
  let timeFirst = false;
  let stamped = false;
  let zone: string | undefined;
  let wrapper: number | undefined;
  let counters = false;

  forEachLine(text, (s, e, line) => {
    const n = tok.split(s, e);
    if (n === 0) return;
    const lineText = text.slice(s, e);
    const group = /^\s*(--time--\s+)?procs\s+-/.exec(lineText);
    if (group) {
      timeFirst = !!group[1];
      stamped = /timestamp/.test(lineText);
      return;
    }
    if (tok.is(0, 'r') && n > 1 && tok.is(1, 'b')) {
      const names = tok.list();
      zone = stamped && !FIELDS.has(names[names.length - 1]) ? names.pop() : undefined;
      const key = `${unit}\0${names.join(' ')}`;
      table = tables.get(key);
      if (!table) tables.set(key, (table = new Table(names, columns(unit), r.builder, key)));
      return;
    }
    const first = timeFirst ? 1 : 0;
    if (table && n === table.width + first + (stamped ? 2 : 0)) {
      const sample = samples.next();
      if (timeFirst) {
        const sec = timeOfDay(tok.str(0));
        if (sec >= 0) samples.atTimeOfDay(sample, rollover.next(sec, false));
      }
      if (stamped) {
        const date = r.dates.read(tok.str(n - 2));
        const sec = timeOfDay(tok.str(n - 1));
        if (date && sec >= 0) samples.at(sample, zoned.utc(date, sec, zone, line));
      } else if (wrapper !== undefined) samples.at(sample, wrapper);
      wrapper = undefined;
      if (!samples.known(sample) && (timeFirst || stamped)) r.warn(line, 'unreadable time in row');
      if (!table.push(tok, first, sample, line)) r.warn(line, 'unreadable value in row');
      return;
    }
    // `vmstat -s` counters: a snapshot without time, not a series
    if (/^\s*\d+ +(?:K )?[A-Za-z]/.test(lineText)) {
      counters = true;
      return;
    }
    const stamp = r.wrapperTime(lineText, line);
    if (stamp !== undefined) {
      wrapper = stamp;
      return;
    }
    const cmd = r.command(lineText, 'vmstat');
    if (cmd) {
      if (cmd.unit) unit = cmd.unit;
      return;
    }
    if (/^\s*[#$]/.test(lineText)) return;
    r.warn(line, table ? `row does not match its header (${n} tokens)` : 'unreadable line');
  });

  if (!samples.count) return r.done(counters ? 'vmstat -s counters only: no time series' : 'no vmstat table in the file');
  samples.resolve(r);
  return r.done();
}
