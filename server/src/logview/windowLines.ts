// Turning a run of log bytes into the lines of one window, as an editor shows them: UTF-8,
// no line ending, and a line too long to display cut short, without ever holding all of it
// (a minified JSON line or a binary blob can be hundreds of megabytes).

/** Characters of a line that are shown; the rest is only counted. */
export const MAX_LINE_CHARS = 10_000;
/** Enough bytes for MAX_LINE_CHARS UTF-16 units, whatever the characters (at most 3 bytes each). */
const HEAD_BYTES = 3 * MAX_LINE_CHARS;
const LF = 0x0a;
const CR = 0x0d;

export function cutMarker(more: number): string {
  return ` … [line cut: ${more} more characters]`;
}

/** Collects lines [first, first + count) from bytes that begin at the start of line `line`. */
export class WindowLines {
  readonly lines: string[] = [];
  private readonly head = Buffer.allocUnsafe(HEAD_BYTES);
  private headLength = 0;
  /** Characters of the current line past its head. */
  private restChars = 0;
  private lastByte = -1;

  constructor(private line: number, private readonly first: number, private readonly count: number) {}

  get done(): boolean {
    return this.lines.length >= this.count;
  }

  /** Takes the next bytes of the data; stops reading them once the window is full. */
  push(chunk: Buffer): void {
    for (let pos = 0; pos < chunk.length && !this.done; ) {
      const nl = chunk.indexOf(LF, pos);
      const end = nl < 0 ? chunk.length : nl;
      if (this.line >= this.first) this.append(chunk, pos, end);
      if (nl < 0) return;
      if (this.line >= this.first) this.emit();
      this.line++;
      pos = nl + 1;
    }
  }

  /** At the end of the data: a last line without a newline is a line too. */
  finish(): string[] {
    if (!this.done && this.line >= this.first && this.lastByte >= 0) this.emit();
    return this.lines;
  }

  private append(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    const copied = chunk.copy(this.head, this.headLength, from, Math.min(to, from + HEAD_BYTES - this.headLength));
    this.headLength += copied;
    this.restChars += codePoints(chunk, from + copied, to);
    this.lastByte = chunk[to - 1];
  }

  private emit(): void {
    let headLength = this.headLength;
    let rest = this.restChars;
    if (this.lastByte === CR) {
      if (rest) rest--;
      else headLength--;
    }
    const text = this.head.toString('utf8', 0, headLength);
    this.headLength = this.restChars = 0;
    this.lastByte = -1;
    if (text.length <= MAX_LINE_CHARS && !rest) {
      this.lines.push(text);
      return;
    }
    // do not split a surrogate pair at the cut
    const keep = text.slice(0, isHighSurrogate(text.charCodeAt(MAX_LINE_CHARS - 1)) ? MAX_LINE_CHARS - 1 : MAX_LINE_CHARS);
    this.lines.push(keep + cutMarker(stringCodePoints(text, keep.length) + rest));
  }
}

/** Characters (code points) in UTF-8 bytes: every byte that does not continue a character. */
function codePoints(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if ((bytes[i] & 0xc0) !== 0x80) n++;
  return n;
}

function stringCodePoints(text: string, from: number): number {
  let n = 0;
  for (let i = from; i < text.length; i++) if (!isLowSurrogate(text.charCodeAt(i))) n++;
  return n;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
