// Converting between UTF-16 offsets and zero-based line/character positions.

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  /** Where each line starts; a line ends at \n, \r\n or a lone \r, as LSP counts lines. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    const breaks = /\r\n?|\n/g;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) this.starts.push(m.index + m[0].length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset; one inside a line break (between \r and \n) is the end of its line. */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo] };
  }

  offset(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, p.line)];
    return Math.min(start + Math.max(0, p.character), this.lineEnd(p.line));
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Where the line's text ends, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    return this.text[next - 1] === '\n' && this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
/**
 * The whole line (with its line break) that holds `span` after nothing but blanks and, after
 * it, only what `rest` matches (a comment, say); undefined when the line holds more.
 * Quick fixes that remove a setting take its line along when nothing else is on it.
 */
export function wholeLine(text: string, span: { start: number; end: number }, rest: RegExp): { start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const newline = text.indexOf('\n', span.end);
  const lineEnd = newline < 0 ? text.length : newline;
  if (!/^[ \t]*$/.test(text.slice(lineStart, span.start)) || !rest.test(text.slice(span.end, lineEnd))) return undefined;
  return { start: lineStart, end: newline < 0 ? text.length : newline + 1 };
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The closest candidates to `word`, best first, within a distance that still reads as a typo. */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d <= limit || (c.startsWith(word) && word.length >= 4)) scored.push([c, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  // only the closest: a one-letter typo should not also suggest keys two edits away
  return scored.filter(([, d]) => d === scored[0][1]).slice(0, max).map(([c]) => c);
}

/** 0,1,2,5 → "0-2,5" (sorted). */
export function numberRanges(ids: number[]): string {
  const sorted = [...ids].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return out.join(',');
}
