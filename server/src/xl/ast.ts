// The concrete syntax tree of an xl config, with UTF-16 offsets for every node.
import { dequotePositions } from './lexer';

export interface Span {
  start: number;
  end: number;
}

export interface XlAtom extends Span {
  kind: 'string' | 'number';
  /** The token as written, quotes and escapes included. */
  raw: string;
  /** The value libxlutil stores: dequoted for strings, the digits for numbers. */
  value: string;
  /** libxlutil's line number for this token (1-based). */
  line: number;
}

export interface XlList extends Span {
  kind: 'list';
  items: XlValue[];
  line: number;
}

export type XlValue = XlAtom | XlList;

export interface XlAssignment extends Span {
  key: string;
  keySpan: Span;
  op: '=' | '+=';
  value: XlValue;
  /** The line xl quotes in its warnings about this setting. */
  line: number;
}

export interface XlComment extends Span {
  text: string;
}

/** One message exactly as libxlutil prints it, plus where it points in the text. */
export interface XlParseError {
  kind: 'lexical' | 'syntax' | 'escape' | 'concat';
  /** xl's line number in `file:LINE:` (libxlutil's own count, sometimes 0). */
  xlLine: number;
  /** The `near ...` part as xl renders it, e.g. "`hvm'" or "<newline>". */
  near: string;
  /** The reason, e.g. "lexical error" or "syntax error, unexpected IDENT, ...". */
  reason: string;
  span: Span;
  /** False when libxlutil stays silent about it (a repeat on a line it already complained about). */
  reported: boolean;
  /** Found after libxlutil gave up on the file: xl reports it once the earlier errors are fixed. */
  resumed?: boolean;
}

export interface XlDocument {
  text: string;
  assignments: XlAssignment[];
  comments: XlComment[];
  errors: XlParseError[];
  /** libxlutil's verdict: true when `xl create` would refuse to parse this file. */
  failed: boolean;
  /** Characters outside strings that only Python would accept (`+ - . ( ) :`). */
  likelyPython: boolean;
  /** Text libxlutil silently drops: a bad token at the very end of a file with no final newline. */
  droppedAtEnd?: Span;
}

/** The exact report libxlutil writes for a parse, as one string (for `report_filename`). */
export function xlReport(doc: XlDocument, filename: string): string {
  let out = '';
  for (const e of doc.errors) {
    if (e.reported) out += `${filename}:${e.xlLine}: config parsing error near ${e.near}: ${e.reason}\n`;
  }
  if (doc.failed && doc.likelyPython) out += PYTHON_WARNING;
  return out;
}

export const PYTHON_WARNING =
  'warning: Config file looks like it contains Python code.\n' +
  'warning:  Arbitrary Python is no longer supported.\n' +
  'warning:  See https://wiki.xen.org/wiki/PythonInXlConfig\n';

/**
 * Maps an offset in a string atom's dequoted value back to the document, so
 * problems found inside a spec string can be underlined where they are written.
 */
export function valueToDocument(atom: XlAtom, valueOffset: number): number {
  if (atom.kind !== 'string') return atom.start + valueOffset;
  if (!atom.raw.includes('\\')) return atom.start + 1 + valueOffset;
  const map = dequotePositions(atom.raw);
  return atom.start + (valueOffset < map.length ? map[valueOffset] : atom.raw.length - 1);
}
