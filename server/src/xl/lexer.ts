// A lexer that matches libxlutil's flex scanner (libxlu_cfg_l.l) rule for rule,
// including its quirks: what counts as a lexical error, how much text an error
// swallows, how lines are counted and which text xl quotes in its messages.
import { tables } from './parserTables';
import type { Span, XlComment } from './ast';

const T = tables.tokens;
export const EOF = 0;

export interface Token extends Span {
  sym: number;
  /** yytext: what xl quotes in `near ...` when this token is the lookahead. */
  text: string;
  /** yylloc.first_line as libxlutil sets it. */
  line: number;
  /** Dequoted value for strings, the digits for numbers. */
  value?: string;
  eof?: boolean;
}

/** Receives lexical errors at the moment flex would report them. */
export interface LexErrorSink {
  /** libxlutil skips dequoting (and so its escape errors) once the parse has failed. */
  readonly failed: boolean;
  lexicalError(reason: string, kind: 'lexical' | 'escape', text: string, line: number, span: Span): void;
}

const IDENT_RE = /[a-z][._0-9a-z]*/y;
const NUMBER_RE = /[0-9][0-9a-fx]*/y;
const PYTHON_CHARS = '+-.():';

export class Lexer {
  private pos: number;
  /** flex's yylineno. */
  lineno: number;
  private lastLine: number;
  likelyPython = false;
  readonly comments: XlComment[] = [];
  droppedAtEnd?: Span;

  /** Scans `text` from offset `start`, which begins line `line`. */
  constructor(private readonly text: string, private readonly sink: LexErrorSink, start = 0, line = 1) {
    this.pos = start;
    this.lineno = line;
    this.lastLine = line;
  }

  next(): Token {
    const s = this.text;
    for (;;) {
      const start = this.pos;
      if (start >= s.length) {
        // flex leaves any dropped text in yytext, so xl quotes it in an error at end of file.
        const text = this.droppedAtEnd ? s.slice(this.droppedAtEnd.start, this.droppedAtEnd.end) : '';
        return { sym: EOF, start, end: start, text, line: this.lastLine, eof: true };
      }
      const c = s[start];
      if (c >= 'a' && c <= 'z') return this.word(IDENT_RE, T.IDENT);
      if (c >= '0' && c <= '9') return this.word(NUMBER_RE, T.NUMBER);
      if (c === ' ' || c === '\t') {
        this.pos++;
        continue;
      }
      if (c === '+' && s[start + 1] === '=') return this.punct(T.OP_ADD, 2);
      if (c === ',' || c === '[' || c === ']' || c === '=' || c === ';') return this.punct(T[c as ',' | '[' | ']' | '=' | ';'], 1);
      if (c === '\n') return this.newline(start, start + 1);
      if (c === '#') {
        const nl = s.indexOf('\n', start);
        if (nl >= 0) {
          this.comments.push({ start, end: nl, text: s.slice(start, nl) });
          return this.newline(start, nl + 1);
        }
      }
      if (c === '"' || c === "'") {
        const end = this.stringEnd(start, c);
        if (end > 0) return this.string(start, end);
      }
      if (PYTHON_CHARS.includes(c)) this.likelyPython = true;
      const tok = this.lexicalErrorFrom(start);
      if (tok) return tok;
    }
  }

  private word(re: RegExp, sym: number): Token {
    re.lastIndex = this.pos;
    const m = re.exec(this.text)!;
    const start = this.pos;
    this.pos += m[0].length;
    this.lastLine = this.lineno;
    return { sym, start, end: this.pos, text: m[0], line: this.lineno, value: m[0] };
  }

  private punct(sym: number, len: number): Token {
    const start = this.pos;
    this.pos += len;
    this.lastLine = this.lineno;
    return { sym, start, end: this.pos, text: this.text.slice(start, this.pos), line: this.lineno };
  }

  private newline(start: number, end: number): Token {
    this.pos = end;
    this.lineno++;
    this.lastLine = this.lineno - 1;
    return { sym: T.NEWLINE, start, end, text: this.text.slice(start, end), line: this.lineno - 1 };
  }

  /** End offset (exclusive) of a complete quoted string starting at `start`, or -1. */
  private stringEnd(start: number, quote: string): number {
    const s = this.text;
    for (let j = start + 1; j < s.length; j++) {
      const ch = s[j];
      if (ch === quote) return j + 1;
      if (ch === '\n') return -1;
      if (ch === '\\') {
        if (j + 1 >= s.length || s[j + 1] === '\n') return -1;
        j++;
      }
    }
    return -1;
  }

  private string(start: number, end: number): Token {
    this.pos = end;
    const raw = this.text.slice(start, end);
    const value = dequote(raw, (reason) => {
      if (!this.sink.failed) this.sink.lexicalError(reason, 'escape', raw, this.lineno, { start, end });
    });
    this.lastLine = this.lineno;
    return { sym: T.STRING, start, end, text: raw, line: this.lineno, value };
  }

  /**
   * flex's `lexerr` start condition: the offending character plus the rest of
   * the word (or one blank, or the newline) is one error. At end of input with
   * nothing after the character, flex reports nothing and the text is dropped.
   */
  private lexicalErrorFrom(start: number): Token | undefined {
    const s = this.text;
    let p = start + 1;
    if (p >= s.length) {
      this.pos = p;
      this.droppedAtEnd = { start, end: p };
      return undefined;
    }
    const c = s[p];
    if (c === '\n') {
      this.pos = p + 1;
      this.lineno++;
      const text = s.slice(start, this.pos);
      this.sink.lexicalError('lexical error', 'lexical', text, this.lineno, { start, end: p });
      this.lastLine = this.lineno;
      return { sym: T.NEWLINE, start: p, end: p + 1, text, line: this.lineno };
    }
    if (c === ' ' || c === '\t') p++;
    else while (p < s.length && s[p] !== ' ' && s[p] !== '\t' && s[p] !== '\n') p++;
    this.pos = p;
    const text = s.slice(start, p);
    this.sink.lexicalError('lexical error', 'lexical', text, this.lineno, { start, end: trimEndBlanks(s, start, p) });
    return undefined;
  }
}

function trimEndBlanks(s: string, start: number, end: number): number {
  while (end > start + 1 && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
  return end;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"', "'": "'", '\\': '\\', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/**
 * libxlutil's xlu__cfgl_dequote. Its numeric escapes are broken upstream and we
 * keep them broken: `\xHH` is always an error, and an "octal" escape reads up to
 * three more characters as a decimal number and then drops them.
 */
export function dequote(raw: string, onError: (reason: string) => void, positions?: number[]): string {
  if (!positions && !raw.includes('\\')) return raw.slice(1, -1);
  let out = '';
  const end = raw.length - 1;
  let p = 1;
  while (p < end) {
    positions?.push(p);
    const c = raw[p++];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const nc = raw[p++];
    if (nc in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[nc];
    } else if (nc === 'x') {
      p++;
      onError('invalid digit after backslash hexnumerical character escape in quoted string');
      return out;
    } else if (nc >= '0' && nc <= '7') {
      const used = strtoulLength(raw.slice(p, p + 3));
      if (used <= 1) {
        onError('invalid digit after backslash octalnumerical character escape in quoted string');
        return out;
      }
      p += used;
      positions?.pop(); // the escape produced no character
    } else {
      onError('invalid character after backlash in quoted string');
      return out;
    }
  }
  return out;
}

/** How many characters C's strtoul(s, &ep, 10) consumes (0 when it finds no digits). */
function strtoulLength(s: string): number {
  let i = 0;
  while (i < s.length && ' \t\n\v\f\r'.includes(s[i])) i++;
  if (s[i] === '+' || s[i] === '-') i++;
  const digitsStart = i;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  return i === digitsStart ? 0 : i;
}

/** For each character of a string token's value, its offset in the token. */
export function dequotePositions(raw: string): number[] {
  const positions: number[] = [];
  dequote(raw, () => undefined, positions);
  return positions;
}
