// sysstat reports whose rows start with a time of day (sar, mpstat): a header per activity
// led by a time (`13:20:09  CPU  %user ...`, `03:33:14 PM  DEV  tps ...`, `00時00分01秒 ...`),
// rows under it, `Average:` summaries, `LINUX RESTART` and `COM` records. Only the banner
// carries a date; times wrap at midnight, per activity, since a file lists one activity
// over the whole day before the next. A header's time is when its first interval began.
import { Rollover, daysBetween, isMeridiem, timeOfDay, type Ymd } from './clock';
import { SYSSTAT_COLUMNS } from './columns';
import { Table, type TableOptions } from './table';
import { Reading, type Parsed } from './reading';
import { forEachLine, type Tokens } from './text';
import type { CaptureOptions } from './types';

function isHeader(tok: Tokens, from: number): boolean {
  for (let k = from; k < tok.n; k++) if (!Number.isNaN(tok.num(k))) return false;
  return true;
}

export function parseTimeTable(text: string, opts: CaptureOptions, tool: 'sar' | 'mpstat', tableOptions: TableOptions = {}): Parsed {
  const r = new Reading(text, opts);
  const tok = r.tok;
  const tables = new Map<string, { table: Table; rollover: Rollover }>();
  let current: { table: Table; rollover: Rollover } | undefined;
  let bannerDate: Ymd | undefined;
  let dayShift = 0;
  let rows = 0;

  forEachLine(text, (s, e, line) => {
    const n = tok.split(s, e);
    if (n === 0) return;
    const mer = n > 1 && isMeridiem(tok.str(1)) ? tok.str(1) : undefined;
    const sec = timeOfDay(tok.str(0), mer);
    if (sec < 0) {
      const lineText = text.slice(s, e);
      const b = r.banner(lineText, line);
      if (b !== undefined) {
        // a second banner (files concatenated): its rows count from its own date
        if (b && bannerDate) dayShift = daysBetween(bannerDate, b);
        else if (b) bannerDate = b;
        for (const t of tables.values()) t.rollover = new Rollover();
        return;
      }
      const cpus = /^\s*\((\d+) CPU\)\s*$/.exec(lineText);
      if (cpus) {
        r.cpus ??= Number(cpus[1]);
        return;
      }
      // summaries: `Average:`, and their translations (`Moyenne :`, `平均値:`)
      if (tok.str(0).endsWith(':') || (n > 1 && tok.is(1, ':'))) return;
      if (r.command(lineText, tool) || /^\s*#/.test(lineText)) return;
      r.warn(line, 'unreadable line');
      return;
    }
    const lead = mer ? 2 : 1;
    if (n === lead) return r.warn(line, 'a time without values');
    if ((tok.is(lead, 'LINUX') && n > lead + 1 && tok.is(lead + 1, 'RESTART')) || tok.is(lead, 'LINUX-RESTART') || tok.is(lead, 'COM')) return;
    if (isHeader(tok, lead)) {
      const names = tok.list(lead);
      const key = names.join(' ');
      current = tables.get(key);
      if (!current) tables.set(key, (current = { table: new Table(names, SYSSTAT_COLUMNS, r.builder, key, tableOptions), rollover: new Rollover() }));
      // the header's time opens the interval: a first row past midnight is on the next day
      current.rollover.next(sec, !!mer);
      return;
    }
    if (!current) return r.warn(line, 'a row before any header');
    const { table } = current;
    if (!table.useful) return;
    if (!table.fits(n - lead)) return r.warn(line, `row does not match its header (${n - lead} values for ${table.width} columns)`);
    const at = dayShift * 86400 + current.rollover.next(sec, !!mer);
    if (table.push(tok, lead, at, line)) rows++;
    else r.warn(line, 'unreadable value in row');
  });

  if (!rows) return r.done(tables.size ? `no ${tool} rows with values the timeline uses` : `no ${tool} report in the file`);
  const base = r.baseDate(bannerDate, r.builder.maxTime());
  r.builder.retime((sec) => r.clock.utc(base, sec));
  return r.done();
}
