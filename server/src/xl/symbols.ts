// The outline of an xl config: one symbol per setting, device entries as children.
import type { XlAssignment, XlValue } from './ast';

export interface XlSymbol {
  name: string;
  detail: string;
  kind: 'setting' | 'list' | 'entry';
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children: XlSymbol[];
}

export function symbolsXl(assignments: XlAssignment[]): XlSymbol[] {
  return assignments.map((a) => ({
    name: a.key,
    detail: a.value.kind === 'list' ? `${a.value.items.length} entr${a.value.items.length === 1 ? 'y' : 'ies'}` : short(a.value),
    kind: a.value.kind === 'list' ? 'list' : 'setting',
    start: a.start,
    end: a.end,
    selectionStart: a.keySpan.start,
    selectionEnd: a.keySpan.end,
    children: a.value.kind === 'list' ? a.value.items.map((item, i) => entry(item, i, 1)) : [],
  }));
}

/** Outline depth is capped: lists may nest thousands deep, an outline needs a few levels. */
const MAX_DEPTH = 4;

function entry(v: XlValue, i: number, depth: number): XlSymbol {
  return {
    name: `[${i}]`,
    detail: short(v),
    kind: 'entry',
    start: v.start,
    end: v.end,
    selectionStart: v.start,
    selectionEnd: v.end,
    children: v.kind === 'list' && depth < MAX_DEPTH ? v.items.map((item, j) => entry(item, j, depth + 1)) : [],
  };
}

function short(v: XlValue): string {
  if (v.kind === 'list') return `[${v.items.length}]`;
  return v.value.length > 60 ? `${v.value.slice(0, 57)}...` : v.value;
}
