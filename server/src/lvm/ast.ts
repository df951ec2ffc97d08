// The parsed form of an lvm.conf-format file: sections and settings as written,
// each with its place in the file and the full path lvm2 files it under.

export interface Span {
  start: number;
  end: number;
}

export interface LvmScalar extends Span {
  type: 'int' | 'float' | 'string';
  /** The number, or the string after unquoting (what lvm2 stores). */
  value: number | string;
  /** How a string was written: double-quoted, single-quoted or bare. */
  quote?: '"' | "'" | 'bare';
  /** A quoted string with no closing quote before the end of the file. */
  unterminated?: boolean;
}

export interface LvmValue extends Span {
  /** Written with brackets (a single value without brackets is not an array). */
  array: boolean;
  items: LvmScalar[];
}

interface NodeBase extends Span {
  /** The name as written, which may itself be a path (`devices/filter`). */
  name: string;
  nameSpan: Span;
  /** The full path as lvm2 files it: parents' paths plus the name split at '/'. */
  path: string[];
}

export interface LvmSection extends NodeBase {
  kind: 'section';
  children: LvmNode[];
  /** The closing brace, absent when the file ends (or breaks) inside the section. */
  close?: Span;
}

export interface LvmSetting extends NodeBase {
  kind: 'setting';
  value: LvmValue;
}

export type LvmNode = LvmSection | LvmSetting;

export interface LvmParseError extends Span {
  /** lvm2's own words, e.g. `Parse error at byte 24 (line 3): unexpected token`. */
  message: string;
  /** What the error means, for an operator. */
  reason: 'unexpected-token' | 'expected-value' | 'empty-section' | 'string-token' | 'int-token' | 'float-token';
}

export interface LvmDocument {
  text: string;
  nodes: LvmNode[];
  /** Every setting in file order, sections flattened. */
  settings: LvmSetting[];
  /** The first error is where lvm2 stops; later ones come from reading on after it. */
  errors: LvmParseError[];
}

export function pathOf(node: { path: string[] }): string {
  return node.path.join('/');
}
