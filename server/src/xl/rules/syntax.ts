// xl/syntax and xl/xm-config: what libxlutil refuses to parse, in its own words,
// with a hint an operator can act on, and what of a legacy xm config xl cannot read.
import type { Fix } from '../../core/findings';
import { LineIndex } from '../../core/text';
import type { XlParseError } from '../ast';
import type { RuleContext } from './context';

export function checkSyntax(ctx: RuleContext): void {
  const { doc } = ctx;
  const crlf = doc.text.includes('\r\n');
  if (crlf) {
    const firstCr = doc.text.indexOf('\r');
    ctx.report('xl/syntax', { start: firstCr, end: firstCr + 1 },
      'The file has Windows (CRLF) line endings: xl reads the carriage return on every line as a lexical error ' +
      "(\"config parsing error near `': lexical error\"). Save it with LF line endings.",
      { fixes: [{ kind: 'replace', text: doc.text.replace(/\r\n/g, '\n'), title: 'Convert line endings to LF', start: 0, end: doc.text.length, lineEndings: 'lf' }] });
  }
  for (const e of doc.errors) {
    if (!(e.reported || e.resumed) || (crlf && isCarriageReturn(ctx, e))) continue;
    const { hint, fixes } = explain(ctx, e);
    const later = e.resumed ? ' (xl gives up at an earlier error and reports this one once that is fixed)' : '';
    ctx.report('xl/syntax', e.span, `config parsing error near ${e.near}: ${e.reason}${hint ? `. ${hint}` : ''}${later}`, { fixes });
  }
  if (doc.droppedAtEnd) {
    const text = doc.text.slice(doc.droppedAtEnd.start, doc.droppedAtEnd.end);
    ctx.report('xl/syntax', doc.droppedAtEnd,
      `xl silently ignores \`${text}' here: a stray character at the very end of a file without a final newline is dropped, not reported`,
      { severity: 'warning' });
  }
  checkXm(ctx);
}

function isCarriageReturn(ctx: RuleContext, e: XlParseError): boolean {
  return ctx.doc.text.slice(e.span.start, e.span.end) === '\r';
}

function explain(ctx: RuleContext, e: XlParseError): { hint?: string; fixes?: Fix[] } {
  const text = ctx.doc.text.slice(e.span.start, e.span.end);
  const python = pythonConstruct(lineAround(ctx.doc.text, e.span.start));
  if (python) return { hint: `This is ${python}: xl does not run Python` };
  if (e.kind === 'escape') {
    return { hint: 'xl understands only \\" \\\' \\\\ \\a \\b \\f \\n \\r \\t \\v in strings; numeric escapes do not work' };
  }
  if (e.kind === 'concat') return { hint: '`+=` must add a string to a string or a list to a list' };
  if (e.kind === 'syntax') {
    if (/unexpected IDENT, expecting STRING or NUMBER/.test(e.reason)) {
      return {
        hint: `Values must be quoted: write "${text}"`,
        fixes: [{ kind: 'replace', text: `"${text}"`, title: `Quote ${text}` }],
      };
    }
    if (/unexpected NEWLINE, expecting STRING or NUMBER/.test(e.reason)) return { hint: 'The value is missing' };
    return {};
  }
  if (e.span.start === 0 && text.startsWith('\ufeff')) {
    return { hint: 'The file starts with a UTF-8 byte-order mark, which xl cannot read; save it without BOM' };
  }
  if (/^[-+]\d+$/.test(text)) {
    return {
      hint: 'xl numbers have no sign: quote negative values',
      fixes: [{ kind: 'replace', text: `"${text}"`, title: `Quote ${text}` }],
    };
  }
  const before = ctx.doc.text[e.span.start - 1] ?? '';
  if (/^[A-Z]/.test(text) && /[0-9]/.test(before)) {
    return { hint: /^[A-F]+$/.test(text) && ctx.doc.text.slice(e.span.start - 2, e.span.start) === '0x'
      ? 'Hex digits must be lowercase (0xff)'
      : 'Numbers take no unit suffix: memory sizes are plain MiB' };
  }
  if (/^\.\d/.test(text) && /[0-9]/.test(before)) return { hint: 'xl has no decimal numbers' };
  if (/^(True|False|None)$/.test(text)) return { hint: 'Python constants are not values: write 1 or 0' };
  if (/^[A-Za-z_][-._0-9A-Za-z]*$/.test(text) && isKeyPosition(ctx, e.span.start)) {
    const lower = text.toLowerCase().replace(/-/g, '_');
    return {
      hint: `Keys are lowercase letters, digits, \`_\` and \`.\``,
      fixes: lower !== text ? [{ kind: 'replace', text: lower, title: `Rename to ${lower}` }] : undefined,
    };
  }
  if (/^#/.test(text)) return { hint: 'A comment on the last line needs a newline after it' };
  return {};
}

function isKeyPosition(ctx: RuleContext, offset: number): boolean {
  const lineStart = ctx.doc.text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(ctx.doc.text.slice(lineStart, offset)) || /;[ \t]*$/.test(ctx.doc.text.slice(lineStart, offset));
}

const PYTHON_LINE: Array<[RegExp, string]> = [
  [/^\s*(import|from)\s+\w/, 'a Python import'],
  [/^\s*def\s+\w+\s*\(/, 'a Python function definition'],
  [/^\s*(if|elif|else|for|while|try|except|return|print)\b.*:?\s*$/, 'a Python statement'],
  [/^\s*[a-z_][\w.]*\s*=.*\b(True|False|None)\b/, 'a Python constant (True/False/None)'],
  [/^\s*[a-z_][\w.]*\s*=.*["')\]\d]\s*%\s*[\w(]/, 'Python string formatting (%)'],
  [/^\s*[a-z_][\w.]*\s*=.*["'\]]\s*\+\s*["'[\w]/, 'Python concatenation (+)'],
  [/^\s*[a-z_][\w.]*\s*=\s*[A-Za-z_][\w.]*\s*\(/, 'a Python function call'],
  [/\\\s*$/, 'a Python line continuation (\\)'],
];

function lineAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

function pythonConstruct(line: string): string | undefined {
  return PYTHON_LINE.find(([re]) => re.test(line))?.[1];
}

/** A legacy xm config: xm ran the file as Python. Say precisely which lines xl cannot read. */
function checkXm(ctx: RuleContext): void {
  const { doc } = ctx;
  if (!doc.failed) return;
  const index = new LineIndex(doc.text);
  const found: string[] = [];
  let first: { start: number; end: number } | undefined;
  for (let line = 0; line < index.lineCount; line++) {
    const start = index.lineStart(line);
    const end = index.lineEnd(line);
    const text = doc.text.slice(start, end);
    if (/^\s*#/.test(text)) continue;
    const hit = pythonConstruct(text);
    if (!hit) continue;
    first ??= { start, end };
    if (found.length < 8) found.push(`line ${line + 1} (${hit}): ${text.trim().slice(0, 60)}`);
  }
  if (!first || (!doc.likelyPython && found.length < 1)) return;
  ctx.report('xl/xm-config', first,
    'This looks like a legacy xm config: xm ran it as Python, xl reads only `key = value` lines whose values are ' +
    'quoted strings, numbers or lists. xl cannot read ' + found.join('; ') +
    '. Rewrite these as plain settings (see https://wiki.xen.org/wiki/PythonInXlConfig).');
}
