// Reading capture text without a string or a regex per field: lines are walked with
// indexOf, split into token offsets kept in reusable typed arrays, and numbers are read
// straight from the character codes. A day of 1-second iostat is millions of rows.

/** Token offsets of the current line (or of a line and its continuation). */
export class Tokens {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  n = 0;

  constructor(public text = '') {}

  /** Splits text[from, to) on spaces, tabs and CRs; returns the token count. */
  split(from: number, to: number): number {
    this.n = 0;
    return this.append(from, to);
  }

  /** Adds the tokens of text[from, to) after the ones already held (a wrapped row's second line). */
  append(from: number, to: number): number {
    const text = this.text;
    let i = from;
    let n = this.n;
    while (i < to) {
      let c = text.charCodeAt(i);
      while (c === 32 || c === 9 || c === 13) {
        if (++i >= to) break;
        c = text.charCodeAt(i);
      }
      if (i >= to) break;
      const start = i;
      while (i < to) {
        c = text.charCodeAt(i);
        if (c === 32 || c === 9 || c === 13) break;
        i++;
      }
      if (n === this.starts.length) this.grow();
      this.starts[n] = start;
      this.ends[n] = i;
      n++;
    }
    this.n = n;
    return n;
  }

  /** Splits text[from, to) on one separator character (';' for sadf -d, TAB for sadf -p); empty fields count. */
  splitOn(from: number, to: number, sep: number): number {
    const text = this.text;
    let n = 0;
    let start = from;
    if (to > from && text.charCodeAt(to - 1) === 13) to--;
    for (let i = from; i <= to; i++) {
      if (i === to || text.charCodeAt(i) === sep) {
        if (n === this.starts.length) this.grow();
        this.starts[n] = start;
        this.ends[n] = i;
        n++;
        start = i + 1;
      }
    }
    this.n = n;
    return n;
  }

  str(k: number): string {
    return this.text.slice(this.starts[k], this.ends[k]);
  }

  /** The text from token a to token b inclusive, inner spacing kept (xentop names with spaces). */
  span(a: number, b: number): string {
    return this.text.slice(this.starts[a], this.ends[b]);
  }

  num(k: number): number {
    return numberAt(this.text, this.starts[k], this.ends[k]);
  }

  is(k: number, word: string): boolean {
    const s = this.starts[k];
    return this.ends[k] - s === word.length && this.text.startsWith(word, s);
  }

  list(from = 0, to = this.n): string[] {
    const out: string[] = [];
    for (let k = from; k < to; k++) out.push(this.str(k));
    return out;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

/**
 * The number in text[s, e): digits with a decimal point or a decimal comma (LC_NUMERIC),
 * optionally signed; NaN for anything else ('-', 'n/a', words). The integer and fraction
 * digits are combined and divided once, which rounds exactly as Number() does.
 */
export function numberAt(text: string, s: number, e: number): number {
  let i = s;
  let c = text.charCodeAt(i);
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let v = 0;
  let digits = 0;
  while (i < e) {
    c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    digits++;
    i++;
  }
  let scale = 1;
  if (i < e && (c === 46 || c === 44)) {
    i++;
    while (i < e) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      scale *= 10;
      digits++;
      i++;
    }
  }
  if (i !== e || digits === 0) return NaN;
  if (digits > 15) return slowNumber(text.slice(s, e));
  const r = scale === 1 ? v : v / scale;
  return neg ? -r : r;
}

function slowNumber(s: string): number {
  const v = Number(s.replace(',', '.'));
  return Number.isFinite(v) ? v : NaN;
}

/** Calls `each(start, end, lineNo)` for every line of text (end excludes the newline). */
export function forEachLine(text: string, each: (start: number, end: number, line: number) => void, from = 0): void {
  const len = text.length;
  let pos = from;
  let line = 0;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    each(pos, end, ++line);
    pos = end + 1;
  }
}

/** The first `max` lines, for detection. */
export function headLines(text: string, max = 200): string[] {
  const out: string[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos <= text.length && out.length < max) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    out.push(text.slice(pos, end));
    pos = end + 1;
  }
  return out;
}

/** Warnings of one capture, capped so a file of junk does not make a list as long as itself. */
export class Warnings {
  readonly list: Array<{ line: number; message: string }> = [];
  private dropped = 0;
  private firstDropped = 0;

  constructor(private readonly max = 200) {}

  add(line: number, message: string): void {
    if (this.list.length < this.max) this.list.push({ line, message });
    else if (!this.dropped++) this.firstDropped = line;
  }

  done(): Array<{ line: number; message: string }> {
    if (this.dropped) this.list.push({ line: this.firstDropped, message: `${this.dropped} more unreadable rows from this line on` });
    this.dropped = 0;
    return this.list;
  }
}
