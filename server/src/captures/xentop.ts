// xentop: batch mode (-b) prints the header and one row per domain for every iteration,
// with no time at all; interactive screen dumps start with `xentop - HH:MM:SS`. Domain
// names may contain spaces and the NAME column is right-aligned to the longest name, so a
// row is read from its right end: the values after the 6-character STATE field (`--b---`),
// where MAXMEM(k) may be the two words `no limit`.
import { Rollover, timeOfDay } from './clock';
import type { Column } from './columns';
import { Table } from './table';
import { Reading, Samples, type Parsed } from './reading';
import { forEachLine, type Tokens } from './text';
import type { CaptureOptions } from './types';

const COLUMNS: Record<string, Column> = {
  'CPU(%)': { metric: 'cpu%', scale: 1, rank: 1 },
  VCPUS: { metric: 'vcpus', scale: 1, rank: 1 },
  'MEM(%)': { metric: 'mem%', scale: 1, rank: 1 },
};

/** dying, shutdown, blocked, paused, crashed, running: a letter or '-' each. */
function isState(tok: Tokens, k: number): boolean {
  const t = tok.str(k);
  return t.length === 6 && /^[-a-z]{6}$/.test(t) && t.split('-').length > 3;
}

/** Where the STATE field of a row is, counting `values` columns after it; -1 if the row does not fit. */
function stateAt(tok: Tokens, values: number): number {
  const n = tok.n;
  if (n - 1 - values >= 1 && isState(tok, n - 1 - values) && !hasNoLimit(tok, n - 1 - values)) return n - 1 - values;
  if (n - 2 - values >= 1 && isState(tok, n - 2 - values) && hasNoLimit(tok, n - 2 - values)) return n - 2 - values;
  return -1;
}

function hasNoLimit(tok: Tokens, from: number): boolean {
  for (let k = from + 1; k < tok.n - 1; k++) if (tok.is(k, 'no') && tok.is(k + 1, 'limit')) return true;
  return false;
}

/** A row cut short by wrapping (Xen 3.x screens): its STATE is there but not all its values. */
function isPartialRow(tok: Tokens, values: number): boolean {
  for (let k = 1; k < tok.n; k++) if (isState(tok, k)) return tok.n - 1 - k < values;
  return false;
}

export function parseXentop(text: string, opts: CaptureOptions): Parsed {
  const r = new Reading(text, opts);
  const tok = r.tok;
  const samples = new Samples();
  const rollover = new Rollover();
  const tables = new Map<string, Table>();
  let names: string[] | undefined;
  let table: Table | undefined;
  let headerLine = -1;
  let partial: { s: number; e: number; line: number } | undefined;
  let iteration = -1;
  let seen = new Set<string>();
  let next: { ms?: number; tod?: number } | undefined;
  let rows = 0;

  const tableOf = (values: string[]) => {
    const key = values.join(' ');
    let t = tables.get(key);
    if (!t) tables.set(key, (t = new Table(['NAME', ...values], COLUMNS, r.builder, key, { names: { NAME: 'domain' } })));
    return t;
  };

  /** Reads the row in tok; false if it does not fit the header. */
  const row = (line: number): boolean => {
    if (!table) return false;
    const at = stateAt(tok, table.width - 1);
    if (at < 0) return false;
    const values: number[] = [NaN];
    for (let k = at + 1; k < tok.n; k++) {
      if (tok.is(k, 'no') && k + 1 < tok.n && tok.is(k + 1, 'limit')) {
        values.push(NaN);
        k++;
      } else values.push(tok.num(k));
    }
    const name = tok.span(0, at - 1);
    if (iteration < 0 || next || seen.has(name)) {
      iteration = samples.next();
      seen = new Set();
      if (next?.ms !== undefined) samples.at(iteration, next.ms);
      if (next?.tod !== undefined) samples.atTimeOfDay(iteration, next.tod);
      next = undefined;
    }
    seen.add(name);
    if (table.pushValues(values, name, iteration, line)) rows++;
    else r.warn(line, `unreadable value in the row of ${name}`);
    return true;
  };

  forEachLine(text, (s, e, line) => {
    if (partial) {
      // a wrapped row: its second line holds the rest of the values
      const p = partial;
      partial = undefined;
      tok.split(p.s, p.e);
      tok.append(s, e);
      if (row(p.line)) return;
      r.warn(p.line, 'row cut short (wrapped?): skipped');
    }
    const n = tok.split(s, e);
    if (n === 0) return;
    if (n > 2 && tok.is(0, 'NAME') && tok.is(1, 'STATE')) {
      names = tok.list(2);
      table = tableOf(names);
      headerLine = line;
      return;
    }
    // a header wrapped onto a second line
    if (names && headerLine === line - 1 && /^[A-Z_]+(?:\([%a-z]+\))?$/.test(tok.str(0)) && tok.list().every((t) => /^[A-Z_]+(?:\([%a-z]+\))?$/.test(t))) {
      names = [...names, ...tok.list()];
      table = tableOf(names);
      return;
    }
    if (table && row(line)) return;
    if (table && isPartialRow(tok, table.width - 1)) {
      partial = { s, e, line };
      return;
    }
    const lineText = text.slice(s, e);
    const screen = /^\s*xentop - (\d\d:\d\d:\d\d)\b/.exec(lineText);
    if (screen) {
      next = { tod: rollover.next(timeOfDay(screen[1]), false) };
      return;
    }
    const cpus = /\bCPUs: (\d+) @/.exec(lineText);
    if (cpus) {
      r.cpus ??= Number(cpus[1]);
      return;
    }
    if (/^\s*(?:Net\d+ RX:|VCPUs\(sec\):|VBD \S+ |\d+ domains: |Mem: )/.test(lineText)) return;
    const stamp = r.wrapperTime(lineText, line);
    if (stamp !== undefined) {
      next = { ms: stamp };
      return;
    }
    if (r.command(lineText, 'xentop')) return;
    r.warn(line, table ? 'row does not fit the header' : 'unreadable line (no xentop header before it)');
  });
  if (partial) r.warn(partial.line, 'row cut short at the end of the file: skipped');

  if (!rows) return r.done(names ? 'no xentop rows' : 'no xentop header in the file');
  samples.resolve(r);
  return r.done();
}
