// One header's layout, reading the rows under it into tracks: split on blanks, at aligned
// positions (the hot path of long iostat captures), or given as values (JSON, xentop).
import { NAME_COLUMNS, cpuName, naturalSubject, type Column } from './columns';
import type { SeriesBuilder, Track } from './series';
import { numberAt, type Tokens } from './text';
import type { Metric, SubjectKind } from './types';

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

interface Group {
  kind: SubjectKind;
  /** Column of the subject's name (in the full and in the short row), or -1 for a fixed name. */
  nameAt: number;
  nameAtShort: number;
  fixed: string;
  /** Column of each value, in the full and in the short row (-1: blank there). */
  at: number[];
  atShort: number[];
  scales: number[];
  metrics: Metric[];
  /** Where this group's values of the row being read start in the table's scratch. */
  offset: number;
  track?: Track;
  /** Named subjects in the order rows list them, and where to look first for the next row's. */
  order: Array<{ raw: string; track: Track }>;
  index: Map<string, number>;
  cursor: number;
}

export interface TableOptions {
  /** Columns printed blank on some rows (mpstat -T's CORE SOCK NODE on the `all` row), which then has fewer tokens. */
  blankable?: readonly string[];
  /** Subject kind for a name column the shared list does not know. */
  names?: Record<string, SubjectKind>;
  /**
   * The header line as printed, when rows align each value's last character under its
   * column name's (iostat): rows are then read at those positions without being split.
   */
  aligned?: string;
}

/**
 * One header's layout. The push methods read a row's values into the tracks of its
 * subjects; rows whose mapped values do not all read as numbers are refused whole.
 */
export class Table {
  readonly width: number;
  readonly shortWidth: number;
  /** Whether any column maps to a metric: rows of other tables are skipped unread. */
  readonly useful: boolean;
  private readonly groups: Group[] = [];
  private readonly scratch: Float64Array;
  /** Per column: its slot in the scratch (-1: not read), its factor; and the name column. */
  private readonly slot: Int32Array;
  private readonly scale: Float64Array;
  private readonly nameAt: number;
  /** Aligned rows: the mapped columns, the offset of each one's last character, the row's length. */
  private readonly fixedCols?: Int32Array;
  private readonly fixedEnds?: Int32Array;
  private readonly fixedLength: number = 0;

  constructor(readonly names: readonly string[], dict: Record<string, Column>, private readonly builder: SeriesBuilder, readonly layout: string, opts: TableOptions = {}) {
    this.width = names.length;
    const blank = new Set(opts.blankable ?? []);
    const shortIndex: number[] = [];
    let k = 0;
    for (const n of names) shortIndex.push(blank.has(n) ? -1 : k++);
    this.shortWidth = k < names.length ? k : -1;
    const nameKinds: Record<string, SubjectKind> = { ...NAME_COLUMNS, ...opts.names };
    const nameAt = names.findIndex((n) => Object.hasOwn(nameKinds, n));
    this.nameAt = nameAt;
    const best = new Map<Metric, number>();
    names.forEach((n, i) => {
      const c = Object.hasOwn(dict, n) ? dict[n] : undefined;
      if (!c) return;
      const prev = best.get(c.metric);
      if (prev === undefined || dict[names[prev]].rank < c.rank) best.set(c.metric, i);
    });
    for (const [metric, i] of best) {
      const subject = nameAt >= 0 ? { kind: nameKinds[names[nameAt]], name: '' } : naturalSubject(metric);
      let g = this.groups.find((x) => x.kind === subject.kind && x.fixed === subject.name);
      if (!g) {
        g = { kind: subject.kind, nameAt, nameAtShort: nameAt < 0 ? -1 : shortIndex[nameAt], fixed: subject.name, at: [], atShort: [], scales: [], metrics: [], offset: 0, order: [], index: new Map(), cursor: 0 };
        this.groups.push(g);
      }
      g.at.push(i);
      g.atShort.push(shortIndex[i]);
      g.scales.push(dict[names[i]].scale);
      g.metrics.push(metric);
    }
    this.slot = new Int32Array(names.length).fill(-1);
    this.scale = new Float64Array(names.length);
    let offset = 0;
    for (const g of this.groups) {
      g.offset = offset;
      g.at.forEach((col, j) => {
        this.slot[col] = offset + j;
        this.scale[col] = g.scales[j];
      });
      offset += g.at.length;
      if (g.nameAt < 0) g.track = builder.track(layout, g.metrics, g.kind, g.fixed);
    }
    this.scratch = new Float64Array(offset);
    this.useful = this.groups.length > 0;
    const ends = opts.aligned ? [...opts.aligned.matchAll(/\S+/g)].map((m) => m.index + m[0].length) : [];
    if (nameAt === 0 && ends.length === names.length && /^\S/.test(opts.aligned ?? '')) {
      const cols = [...this.slot.keys()].filter((k) => this.slot[k] >= 0);
      this.fixedCols = Int32Array.from(cols);
      this.fixedEnds = Int32Array.from(cols, (k) => ends[k] - 1);
      this.fixedLength = ends[ends.length - 1];
    }
  }

  /** Whether a row of `count` tokens after its leading ones fits this header. */
  fits(count: number): boolean {
    return count === this.width || count === this.shortWidth;
  }

  /**
   * Reads a whole line as a row of exactly this table's width, splitting it and reading its
   * numbers in one pass (the hot path of long captures). False, and nothing stored, if it is not one.
   */
  pushLine(text: string, s: number, e: number, time: number, line: number): boolean {
    if (this.fixedCols && this.pushAligned(text, s, e, time, line)) return true;
    const { width, slot, scale, scratch, nameAt } = this;
    let k = 0;
    let i = s;
    let nameStart = 0;
    let nameEnd = 0;
    for (;;) {
      // blanks are spaces, TABs and CRs: anything at or below the space
      while (i < e && text.charCodeAt(i) <= 32) i++;
      if (i >= e) break;
      if (k === width) return false;
      const at = slot[k];
      const start = i;
      if (at < 0) {
        while (i < e && text.charCodeAt(i) > 32) i++;
        if (k === nameAt) {
          nameStart = start;
          nameEnd = i;
        }
      } else {
        // a number: an optional minus, digits, then a decimal point (or comma) and digits
        let c = text.charCodeAt(i);
        if (c === 45) c = text.charCodeAt(++i);
        let v = 0;
        const digitsFrom = i;
        while (c >= 48 && c <= 57) {
          v = v * 10 + (c - 48);
          c = ++i < e ? text.charCodeAt(i) : 0;
        }
        let fraction = 0;
        if (c === 46 || c === 44) {
          c = ++i < e ? text.charCodeAt(i) : 0;
          while (c >= 48 && c <= 57) {
            v = v * 10 + (c - 48);
            fraction++;
            c = ++i < e ? text.charCodeAt(i) : 0;
          }
        }
        const digits = i - digitsFrom - (fraction ? 1 : 0);
        if (digits <= 0 || (i < e && c > 32)) return false;
        if (digits > 15) v = numberAt(text, start, i);
        else {
          if (fraction) v /= POW10[fraction];
          if (text.charCodeAt(start) === 45) v = -v;
        }
        scratch[at] = v * scale[k];
      }
      k++;
    }
    if (k !== width) return false;
    const groups = this.groups;
    for (let gi = 0; gi < groups.length; gi++) this.storeAt(groups[gi], text, nameStart, nameEnd, time, line);
    return true;
  }

  /**
   * Reads an aligned row at its columns' positions, each number backwards from its last
   * digit. Any value wider than its column shifts the rest of the row to the right, so a
   * row that ends where the header ends, with a digit at every mapped position and a blank
   * around each number, has every value where it is looked for; other rows are split.
   */
  private pushAligned(text: string, s: number, e: number, time: number, line: number): boolean {
    let end = e;
    while (end > s && text.charCodeAt(end - 1) <= 32) end--;
    if (end - s !== this.fixedLength || text.charCodeAt(s) <= 32) return false;
    const cols = this.fixedCols!;
    const ends = this.fixedEnds!;
    const { slot, scale, scratch } = this;
    for (let j = 0; j < cols.length; j++) {
      let i = s + ends[j];
      if (i + 1 < end && text.charCodeAt(i + 1) > 32) return false;
      let c = text.charCodeAt(i);
      let v = 0;
      let mult = 1;
      let digits = 0;
      let fraction = -1;
      for (;;) {
        if (c >= 48 && c <= 57) {
          v += (c - 48) * mult;
          mult *= 10;
          digits++;
        } else if ((c === 46 || c === 44) && fraction < 0 && digits > 0) fraction = digits;
        else break;
        c = text.charCodeAt(--i);
      }
      if (digits === 0 || digits > 15 || fraction === digits) return false;
      if (c === 45) {
        v = -v;
        c = text.charCodeAt(--i);
      }
      if (c > 32) return false;
      const k = cols[j];
      scratch[slot[k]] = (fraction > 0 ? v / POW10[fraction] : v) * scale[k];
    }
    let nameEnd = s;
    while (text.charCodeAt(nameEnd) > 32) nameEnd++;
    const groups = this.groups;
    for (let gi = 0; gi < groups.length; gi++) this.storeAt(groups[gi], text, s, nameEnd, time, line);
    return true;
  }

  /** Reads the row in `tok` whose first column is token `first` (full width, or short). */
  push(tok: Tokens, first: number, time: number, line: number): boolean {
    const short = tok.n - first !== this.width;
    const groups = this.groups;
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      const at = short ? g.atShort : g.at;
      for (let j = 0; j < at.length; j++) {
        if (at[j] < 0) return false;
        const v = tok.num(first + at[j]);
        if (v !== v) return false;
        this.scratch[g.offset + j] = v * g.scales[j];
      }
    }
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      const k = first + (short ? g.nameAtShort : g.nameAt);
      this.storeAt(g, tok.text, g.nameAt < 0 ? 0 : tok.starts[k], g.nameAt < 0 ? 0 : tok.ends[k], time, line);
    }
    return true;
  }

  /** Reads a row given as values in header order (JSON records, xentop rows); NaN refuses the row. */
  pushValues(values: readonly number[], name: string, time: number, line: number): boolean {
    for (const g of this.groups) {
      for (let j = 0; j < g.at.length; j++) {
        const v = values[g.at[j]];
        if (v === undefined || v !== v) return false;
        this.scratch[g.offset + j] = v * g.scales[j];
      }
    }
    for (const g of this.groups) this.storeAt(g, name, 0, name.length, time, line);
    return true;
  }

  /** Appends the scratch values of group g to the track of the subject named by text[ns, ne). */
  private storeAt(g: Group, text: string, ns: number, ne: number, time: number, line: number): void {
    let t = g.track;
    if (!t) {
      // rows list the subjects in the same order every interval: try the one after the last first
      const next = g.order[g.cursor];
      if (next && next.raw.length === ne - ns && text.startsWith(next.raw, ns)) {
        t = next.track;
        g.cursor++;
      } else {
        const raw = text.slice(ns, ne);
        let at = g.index.get(raw);
        if (at === undefined) {
          at = g.order.length;
          g.order.push({ raw, track: this.builder.track(this.layout, g.metrics, g.kind, g.kind === 'cpu' ? cpuName(raw) : raw) });
          g.index.set(raw, at);
        }
        t = g.order[at].track;
        g.cursor = at + 1;
      }
      if (g.cursor >= g.order.length) g.cursor = 0;
    }
    t.times.push(time);
    t.lines.push(line);
    const values = t.values;
    const scratch = this.scratch;
    const offset = g.offset;
    for (let j = 0; j < values.length; j++) values[j].push(scratch[offset + j]);
  }
}
