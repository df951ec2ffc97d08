// Reads sanlock.conf / dlm.conf the way sanlock (main.c read_config_file) and
// dlm_controld (config.c set_opt_file, fence_config.c, node_config.c) do:
//
// - fgets into a fixed buffer: a line longer than the buffer is cut, and the rest
//   is read as one or more further lines (sanlock 128 bytes, dlm settings 256);
// - a line is skipped only when it is empty or its FIRST character is `#`. An
//   indented `#` is not a comment: the daemon takes the key from column 0, finds
//   an empty key and ignores the line for that reason;
// - the key is the text up to the first space, tab or `=` (a `\r` is NOT a
//   terminator, so a bare `log_debug` on a CRLF line is the key `log_debug\r`);
// - the value is sscanf("%[^=]=%s"): the first whitespace-free word after the
//   first `=`. `%s` stops at `\r`, so CRLF does not leak into values.
//
// Offsets are UTF-16 offsets into the whole text, like every Finding.

export type LockKind = 'sanlock' | 'dlm';

export interface Word {
  text: string;
  start: number;
  end: number;
}

/** The dlm.conf line types that are not key=value settings, matched like the daemon: by prefix at column 0. */
export const DLM_KEYWORDS = ['unfence_all', 'fence_all', 'lockspace', 'connect', 'unfence', 'device', 'master', 'node'] as const;
export type DlmKeyword = (typeof DLM_KEYWORDS)[number];

export interface LockLine {
  /** Zero-based line number. */
  line: number;
  /** Offsets of the line without its `\n` (a trailing `\r` is inside). */
  start: number;
  end: number;
  text: string;
  type: 'blank' | 'comment' | 'setting' | 'directive';
  /** The line ends in `\r` (CRLF). */
  cr: boolean;
  /** Leading spaces/tabs: the daemon then sees an empty key (or no keyword) and ignores the line. */
  indent?: Word;
  /** setting: the text up to the first space, tab or `=` after any indentation. */
  key?: Word;
  /** setting: text between the key and `=`, which the daemon skips. */
  beforeEq?: Word;
  /** setting: offset of the first `=`. */
  eq?: number;
  /** setting: the first whitespace-free word after `=`, the only part the daemon reads. */
  value?: Word;
  /** setting: ignored text after the value word, or after the key when there is no `=`. */
  trailing?: Word;
  /** directive (dlm): the keyword the daemon matches, and every whitespace-separated word (keyword first). */
  keyword?: DlmKeyword;
  words?: Word[];
  /** Where the reader's buffer ends on an overlong line; words are parsed only before it. */
  cut?: number;
  /** The rest of an overlong line as the settings reader sees it: further lines of its own. */
  spill?: LockLine[];
  /** This line is a piece of an overlong line. */
  spilled?: boolean;
}

export interface LockConf {
  kind: LockKind;
  text: string;
  lines: LockLine[];
}

/** Bytes the settings reader takes per line: fgets(buf, N) keeps N-1 (sanlock MAX_CONF_LINE 128, dlm MAX_LINE 256). */
export const SETTINGS_LINE_BYTES: Record<LockKind, number> = { sanlock: 127, dlm: 255 };

/** dlm readers of the other line types have buffers of their own. */
const DLM_DIRECTIVE_BYTES: Record<DlmKeyword, number> = {
  lockspace: 255, // config.c MAX_LINE 256
  master: 255,
  node: 4095, // node_config.c MAX_LINE 4096
  device: 4863, // fence_config.c FENCE_CONFIG_ARGS_MAX + 3 * FENCE_CONFIG_NAME_MAX
  connect: 4863,
  unfence: 4863,
  fence_all: 4863,
  unfence_all: 4863,
};

const SPACE = /[ \t\v\f\r]/;

export function parseLockConf(text: string, kind: LockKind): LockConf {
  const lines: LockLine[] = [];
  let start = 0;
  for (let n = 0; start <= text.length; n++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (nl < 0 && start === end && n > 0) break; // text ends with a newline
    lines.push(readLine(text.slice(start, end), start, n, kind));
    start = end + 1;
  }
  return { kind, text, lines };
}

/** The byte limit that applies to a line of this shape. */
export function lineLimit(kind: LockKind, keyword?: DlmKeyword): number {
  return kind === 'dlm' && keyword ? DLM_DIRECTIVE_BYTES[keyword] : SETTINGS_LINE_BYTES[kind];
}

function readLine(raw: string, start: number, line: number, kind: LockKind): LockLine {
  const keyword = kind === 'dlm' ? keywordOf(raw.replace(/^[ \t]+/, '')) : undefined;
  const limit = lineLimit(kind, keyword);
  const cutAt = byteCut(raw, limit);
  const parsed = parsePiece(cutAt === undefined ? raw : raw.slice(0, cutAt), start, line, kind);
  parsed.text = raw;
  parsed.end = start + raw.length;
  parsed.cr = raw.endsWith('\r');
  if (cutAt !== undefined) parsed.cut = start + cutAt;
  // the settings reader cuts at its own (smaller) buffer; what follows is read as new lines
  const settingsCut = byteCut(raw, SETTINGS_LINE_BYTES[kind]);
  if (settingsCut !== undefined) parsed.spill = spillOf(raw, start, line, kind, settingsCut);
  return parsed;
}

function spillOf(raw: string, start: number, line: number, kind: LockKind, first: number): LockLine[] {
  const out: LockLine[] = [];
  let from = first;
  while (from < raw.length) {
    const rest = raw.slice(from);
    const cut = byteCut(rest, SETTINGS_LINE_BYTES[kind]);
    const piece = cut === undefined ? rest : rest.slice(0, cut);
    const l = parsePiece(piece, start + from, line, kind);
    l.spilled = true;
    out.push(l);
    from += piece.length;
  }
  return out;
}

/** Parses one buffer's worth of text (no newline, no length limit). */
export function parsePiece(text: string, start: number, line: number, kind: LockKind): LockLine {
  const l: LockLine = { line, start, end: start + text.length, text, type: 'blank', cr: text.endsWith('\r') };
  if (text === '') return l;
  if (text[0] === '#') return { ...l, type: 'comment' };
  const indentLen = /^[ \t]*/.exec(text)![0].length;
  if (indentLen > 0) l.indent = word(text, start, 0, indentLen);
  const body = text.slice(indentLen);
  if (body.trim() === '') return l;
  if (body[0] === '#') return { ...l, type: 'comment' };
  const keyword = kind === 'dlm' ? keywordOf(body) : undefined;
  if (keyword) return { ...l, type: 'directive', keyword, words: words(text, start, indentLen) };
  return { ...l, type: 'setting', ...setting(text, start, indentLen) };
}

function setting(text: string, start: number, from: number): Partial<LockLine> {
  let keyEnd = from;
  while (keyEnd < text.length && !' \t='.includes(text[keyEnd])) keyEnd++;
  const out: Partial<LockLine> = { key: word(text, start, from, keyEnd) };
  const eq = text.indexOf('=', keyEnd);
  if (eq < 0) {
    const rest = trimmed(text, keyEnd, text.length);
    if (rest) out.trailing = word(text, start, rest[0], rest[1]);
    return out;
  }
  out.eq = start + eq;
  const between = trimmed(text, keyEnd, eq);
  if (between) out.beforeEq = word(text, start, between[0], between[1]);
  let v = eq + 1;
  while (v < text.length && SPACE.test(text[v])) v++;
  let vEnd = v;
  while (vEnd < text.length && !SPACE.test(text[vEnd])) vEnd++;
  if (vEnd > v) out.value = word(text, start, v, vEnd);
  const rest = trimmed(text, vEnd, text.length);
  if (rest) out.trailing = word(text, start, rest[0], rest[1]);
  return out;
}

function words(text: string, start: number, from: number): Word[] {
  const out: Word[] = [];
  const re = /[^ \t\v\f\r]+/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(word(text, start, m.index, m.index + m[0].length));
  return out;
}

function keywordOf(body: string): DlmKeyword | undefined {
  const exact = /^[^ \t=]*/.exec(body)![0].replace(/\r$/, '');
  return DLM_KEYWORDS.find((k) => k === exact) ?? DLM_KEYWORDS.find((k) => body.startsWith(k));
}

/** [start, end) of `text[from, to)` without surrounding whitespace, or undefined when nothing is left. */
function trimmed(text: string, from: number, to: number): [number, number] | undefined {
  while (from < to && SPACE.test(text[from])) from++;
  while (to > from && SPACE.test(text[to - 1])) to--;
  return to > from ? [from, to] : undefined;
}

function word(text: string, base: number, from: number, to: number): Word {
  return { text: text.slice(from, to), start: base + from, end: base + to };
}

/** The UTF-16 offset where `maxBytes` of UTF-8 run out, or undefined if the text fits. */
export function byteCut(text: string, maxBytes: number): number | undefined {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) return i;
    bytes += size;
    if (pair) i++;
  }
  return undefined;
}

/** The line that holds `offset` (a spill piece is reported as its whole line). */
export function lineAt(conf: LockConf, offset: number): LockLine | undefined {
  return conf.lines.find((l) => l.start <= offset && offset <= l.end);
}

/** Lines the daemon reads as settings: not indented and not pieces of an overlong line. */
export function settingLines(conf: LockConf): LockLine[] {
  return conf.lines.filter((l) => l.type === 'setting' && !l.indent);
}
