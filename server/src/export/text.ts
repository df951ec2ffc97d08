// Putting untrusted log text into each export format: escaped so that it stays text,
// whatever it holds (markup, table separators, spreadsheet formulas).
import type { Timeline } from '../logs/correlate';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text in a Markdown table cell: no markup, no HTML, no cell breaks, one line. */
export function markdownCell(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f]+/g, ' ') // a CR or other control character would break the line
    .replace(/[\\`*_[\]<>|#~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/** A CSV field (RFC 4180); text a spreadsheet would run as a formula is prefixed with a quote. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A link target for a file, relative to where the export is written, with its line. */
export function fileLink(relative: string, line: number): string {
  return `${relative.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

/**
 * The one-line overview of an export, as plain text: what was read and found, and the notes
 * of files whose failures were cut short (a report handed on must not hide that).
 */
export function overviewText(t: Timeline, folderLabel: string): string {
  const read = t.files.filter((f) => !f.skipped).length;
  const notes = t.files.flatMap((f) => (f.note ? [` Note on ${f.path}: ${f.note}.`] : []));
  return `${folderLabel}: ${read} of ${t.files.length} files read, ${t.events.length} failures, ${t.resources.length} resource spikes, ${t.incidents.length} incidents. Times are UTC.${notes.join('')}`;
}
