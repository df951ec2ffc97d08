// The lvm.conf tokenizer, step for step as libdm's _get_token reads a buffer. Its
// quirks are the format: whether a word is a value or a name depends on the token
// before it, numbers are only [+-.0-9] runs, a bare value ends at space, `#`, `=`
// or a brace (not at `,` or `]`), and only whitespace between tokens counts lines.

export const enum Tok {
  Eof,
  SectionB,
  SectionE,
  ArrayB,
  ArrayE,
  Comma,
  Eq,
  Int,
  Float,
  Identifier,
  StringBare,
  String,
  StringEscaped,
}

/** C's isspace in the C locale. */
export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export class Tokenizer {
  t: Tok = Tok.Eof;
  /** Start and end (exclusive) of the current token, in UTF-16 offsets. */
  tb = 0;
  te = 0;
  /** 1-based line of the current token, counted the way libdm counts it. */
  line = 1;
  /** Where the buffer ends: the text's end, or a NUL character. */
  private readonly fe: number;

  constructor(private readonly text: string) {
    this.fe = text.length;
  }

  /** Reads the next token; `prev` decides whether digits and words are values. */
  next(prev: Tok): void {
    const s = this.text;
    const valuesAllowed = prev === Tok.Eq || prev === Tok.ArrayB || prev === Tok.Comma;
    this.tb = this.te;
    this.eatSpace();
    if (this.tb === this.fe || s[this.tb] === '\0') {
      this.t = Tok.Eof;
      return;
    }
    const c = s[this.tb];
    let te = this.tb + 1;
    this.t = Tok.Int;
    switch (c) {
      case '{': this.t = Tok.SectionB; break;
      case '}': this.t = Tok.SectionE; break;
      case '[': this.t = Tok.ArrayB; break;
      case ']': this.t = Tok.ArrayE; break;
      case ',': this.t = Tok.Comma; break;
      case '=': this.t = Tok.Eq; break;
      case '"':
        this.t = Tok.StringEscaped;
        while (te !== this.fe && s[te] !== '\0' && s[te] !== '"') {
          if (s[te] === '\\' && te + 1 !== this.fe && s[te + 1] !== '\0') te++;
          te++;
        }
        if (te !== this.fe && s[te] !== '\0') te++;
        break;
      case "'":
        this.t = Tok.String;
        while (te !== this.fe && s[te] !== '\0' && s[te] !== "'") te++;
        if (te !== this.fe && s[te] !== '\0') te++;
        break;
      default:
        if (valuesAllowed && (c === '.' || c === '+' || c === '-' || isDigit(c))) {
          if (c === '.') this.t = Tok.Float;
          for (; te !== this.fe; ++te) {
            if (isDigit(s[te])) continue;
            if (s[te] === '.' && this.t !== Tok.Float) {
              this.t = Tok.Float;
              continue;
            }
            break;
          }
          break;
        }
        this.t = valuesAllowed ? Tok.StringBare : Tok.Identifier;
        while (te !== this.fe && s[te] !== '\0' && !isSpace(s[te]) && s[te] !== '#' && s[te] !== '=' && s[te] !== '{' && s[te] !== '}') te++;
    }
    this.te = te;
  }

  /** Skips whitespace and `#` comments; counts the newlines it passes. */
  private eatSpace(): void {
    const s = this.text;
    while (this.tb !== this.fe) {
      if (!isSpace(s[this.te])) {
        if (s[this.te] !== '#') break;
        while (this.te !== this.fe && s[this.te] !== '\n' && s[this.te] !== '\0') ++this.te;
      }
      while (this.te !== this.fe) {
        if (s[this.te] === '\n') ++this.line;
        else if (!isSpace(s[this.te])) break;
        ++this.te;
      }
      this.tb = this.te;
    }
  }

  /** Restarts reading at `offset` (after an error), as if a section had just ended there. */
  resume(offset: number, line: number): void {
    this.te = offset;
    this.line = line;
    this.next(Tok.SectionE);
  }
}
