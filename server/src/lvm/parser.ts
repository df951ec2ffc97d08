// lvm.conf as lvm2 reads it (libdm's config parser): sections, settings, values,
// and the parse error lvm2 would print, at the same byte and line. lvm2 stops at
// its first error and ignores the whole file; we read on from the next line so the
// rest of the file still gets checked.
import type { LvmDocument, LvmNode, LvmParseError, LvmScalar, LvmSection, LvmSetting, LvmValue, Span } from './ast';
import { Tok, Tokenizer } from './tokens';

/** A parse error: the parser stops reading the current statement. */
class Stop extends Error {}

const INT64_MAX = 9223372036854775807n;

export function parseLvmConf(text: string): LvmDocument {
  return new Parser(text).parse();
}

/** Path segments of a name as lvm2 splits it (at '/', leading slashes of each segment dropped), with their offsets in the name. */
export function pathSegments(name: string): Array<{ name: string; start: number; end: number }> {
  const out: Array<{ name: string; start: number; end: number }> = [];
  let i = 0;
  for (;;) {
    while (name[i] === '/') i++;
    let e = i;
    while (e < name.length && name[e] !== '/') e++;
    out.push({ name: name.slice(i, e), start: i, end: e });
    if (e >= name.length) return out;
    i = e;
  }
}

interface Open {
  section: LvmSection | undefined;
  children: LvmNode[];
  path: string[];
}

class Parser {
  private readonly tk: Tokenizer;
  private readonly doc: LvmDocument;

  constructor(private readonly text: string) {
    this.tk = new Tokenizer(text);
    this.doc = { text, nodes: [], settings: [], errors: [] };
  }

  parse(): LvmDocument {
    const stack: Open[] = [{ section: undefined, children: this.doc.nodes, path: [] }];
    this.tk.next(Tok.SectionE);
    while (this.tk.t !== Tok.Eof || stack.length > 1) {
      const top = stack[stack.length - 1];
      const start = this.tk.tb;
      try {
        if (this.tk.t === Tok.SectionE && top.section) {
          top.section.close = this.span();
          top.section.end = this.tk.te;
          stack.pop();
          this.tk.next(Tok.SectionE);
          continue;
        }
        const opened = this.statement(top);
        if (opened) stack.push({ section: opened, children: opened.children, path: opened.path });
      } catch (e) {
        if (!(e instanceof Stop)) throw e;
        if (this.tk.t === Tok.Eof) break;
        // A statement broken at a line end: go on with the token that stopped it (often a `}`).
        if (this.text.slice(start, this.tk.tb).includes('\n')) this.tk.resume(this.tk.tb, this.tk.line);
        else this.skipLine();
      }
    }
    return this.doc;
  }

  /** `name { …` (returns the section now open) or `name = value`. */
  private statement(top: Open): LvmSection | undefined {
    const tk = this.tk;
    const nameStart = tk.tb;
    let name: string;
    if (tk.t === Tok.StringEscaped || tk.t === Tok.String) {
      name = this.stringContent();
      this.match(tk.t);
    } else {
      name = this.text.slice(tk.tb, tk.te);
      this.match(Tok.Identifier);
    }
    const nameSpan = { start: nameStart, end: Math.max(nameStart, this.prevEnd) };
    if (!name) this.fail('empty-section', 'empty section identifier');
    const path = [...top.path, ...pathSegments(name).map((p) => p.name)];
    if (tk.t === Tok.SectionB) {
      const section: LvmSection = { kind: 'section', name, nameSpan, path, children: [], start: nameStart, end: tk.te };
      top.children.push(section);
      this.match(Tok.SectionB);
      return section;
    }
    this.match(Tok.Eq);
    const value = this.value();
    const setting: LvmSetting = { kind: 'setting', name, nameSpan, path, value, start: nameStart, end: value.end };
    top.children.push(setting);
    this.doc.settings.push(setting);
    return undefined;
  }

  /** `[ v, v ]` or a single value. Commas are optional between strings, as in libdm. */
  private value(): LvmValue {
    const tk = this.tk;
    if (tk.t !== Tok.ArrayB) {
      const item = this.scalar();
      return { array: false, items: [item], start: item.start, end: item.end };
    }
    const start = tk.tb;
    this.match(Tok.ArrayB);
    const items: LvmScalar[] = [];
    while (this.current() !== Tok.ArrayE) {
      items.push(this.scalar());
      if (this.current() === Tok.Comma) this.match(Tok.Comma);
    }
    const end = tk.te;
    this.match(Tok.ArrayE);
    return { array: true, items, start, end };
  }

  private scalar(): LvmScalar {
    const tk = this.tk;
    const at = { start: tk.tb, end: tk.te };
    const raw = this.text.slice(tk.tb, tk.te);
    switch (tk.t) {
      case Tok.Int: {
        const n = strtoll(raw);
        if (n === undefined) this.fail('int-token', 'Failed to read int token.', false);
        this.match(Tok.Int);
        return { ...at, type: 'int', value: Number(n) };
      }
      case Tok.Float: {
        const f = strtod(this.text.slice(tk.tb));
        if (Number.isNaN(f)) this.fail('float-token', 'Failed to read float token.', false);
        this.match(Tok.Float);
        return { ...at, type: 'float', value: f };
      }
      case Tok.String:
      case Tok.StringEscaped: {
        const escaped = tk.t === Tok.StringEscaped;
        const content = this.stringContent();
        const closed = raw.length >= 2 && raw.endsWith(raw[0]) && !(escaped && endsEscaped(raw));
        this.match(tk.t);
        return {
          ...at,
          type: 'string',
          value: escaped ? unescapeDoubleQuotes(content) : content,
          quote: escaped ? '"' : "'",
          ...(closed ? {} : { unterminated: true }),
        };
      }
      case Tok.StringBare:
        this.match(Tok.StringBare);
        return { ...at, type: 'string', value: raw, quote: 'bare' };
      default:
        return this.fail('expected-value', 'expected a value');
    }
  }

  /** A quoted token without its quotes (libdm strips the first and last character). */
  private stringContent(): string {
    const { tb, te } = this.tk;
    if (te - tb < 2) this.fail('string-token', 'expected a string token.');
    return this.text.slice(tb + 1, te - 1);
  }

  private prevEnd = 0;

  /** The current token type, read fresh (matching moves it on). */
  private current(): Tok {
    return this.tk.t;
  }

  private match(t: Tok): void {
    if (this.tk.t !== t) this.fail('unexpected-token', 'unexpected token');
    this.prevEnd = this.tk.te;
    this.tk.next(t);
  }

  private span(): Span {
    return { start: this.tk.tb, end: Math.min(Math.max(this.tk.te, this.tk.tb + 1), this.text.length) };
  }

  /** Records an error at the current token, in lvm2's words, and stops the statement. */
  private fail(reason: LvmParseError['reason'], what: string, positioned = true): never {
    const byte = Buffer.byteLength(this.text.slice(0, this.tk.tb), 'utf8') + 1;
    const message = positioned ? `Parse error at byte ${byte} (line ${this.tk.line}): ${what}` : what;
    const at = this.span();
    if (this.tk.t === Tok.Eof) at.start = at.end = this.text.length;
    this.doc.errors.push({ ...at, message, reason });
    throw new Stop();
  }

  /** After an error: go on at the start of the next line. */
  private skipLine(): void {
    const nl = this.text.indexOf('\n', this.tk.tb);
    if (nl < 0) {
      this.tk.resume(this.text.length, this.tk.line);
      return;
    }
    const newlines = countNewlines(this.text, this.tk.tb, nl + 1);
    this.tk.resume(nl + 1, this.tk.line + newlines);
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** A double-quoted token whose last quote is escaped never closed. */
function endsEscaped(raw: string): boolean {
  let backslashes = 0;
  for (let i = raw.length - 2; i > 0 && raw[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** strtoll(s, &end, 0) over a whole [+-]digits token: undefined when libdm rejects it. */
export function strtoll(token: string): bigint | undefined {
  const m = /^([+-]?)(\d+)$/.exec(token);
  if (!m) return undefined;
  const digits = m[2];
  const octal = digits.length > 1 && digits[0] === '0';
  if (octal && /[89]/.test(digits)) return undefined;
  const n = BigInt(octal ? `0o${digits.slice(1)}` : digits);
  if (n > INT64_MAX + (m[1] === '-' ? 1n : 0n)) return undefined;
  return m[1] === '-' ? -n : n;
}

/** strtod from the start of a float token (it may read an exponent beyond the token); NaN where it sets ERANGE. */
function strtod(s: string): number {
  const m = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(s);
  if (!m) return 0;
  const f = Number(m[0]);
  // overflow, or underflow below the smallest normal double with a non-zero mantissa
  const underflow = Math.abs(f) < 2.2250738585072014e-308 && /[1-9]/.test(m[0].replace(/[eE].*$/, ''));
  return !Number.isFinite(f) || underflow ? Number.NaN : f;
}

/** libdm's dm_unescape_double_quotes: `\"` and `\\` lose their backslash. */
function unescapeDoubleQuotes(s: string): string {
  return s.replace(/\\(["\\])/g, '$1');
}
