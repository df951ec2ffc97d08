// A small builder so every lock-manager check reads the same: rule id, severity, span, message.
import type { Finding, Fix, Related, Severity } from '../core/findings';
import type { LockLine } from './parser';

export type LockRule = 'lock/syntax' | 'lock/boolean' | 'lock/unknown-key' | 'lock/range' | 'lock/duplicate';

export interface Span {
  start: number;
  end: number;
}

export function finding(code: LockRule, severity: Severity, span: Span, message: string, fixes?: Fix[], related?: Related[]): Finding {
  const f: Finding = { code, severity, message, start: span.start, end: span.end };
  if (fixes?.length) f.fixes = fixes;
  if (related?.length) f.related = related;
  return f;
}

/** A fix that deletes the whole line, newline included. */
export function removeLineFix(line: LockLine, text: string): Fix {
  const end = line.end < text.length ? line.end + 1 : line.end;
  return { kind: 'replace', text: '', title: 'Remove the line', start: line.start, end };
}

export const lineNo = (l: LockLine): number => l.line + 1;

/** A value short enough to quote in a message. */
export function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
