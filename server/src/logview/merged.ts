// The merged timeline: every failure of a folder in time order, one line each, with a
// heading where an incident begins. Each failure line links to its source line; filters
// narrow it by category, domain and time range.
import type { Timeline } from '../logs/correlate';
import { readableUtc } from '../logs/time';
import type { Category } from '../logs/types';
import { incidentOf } from './fileEvents';

export interface MergedFilter {
  categories?: Category[];
  domains?: string[];
  /** ISO times; untimed failures are left out when either is set. */
  since?: string;
  until?: string;
}

export interface MergedDocument {
  text: string;
  /** 0-based document line → the failure's file (relative to the folder) and 1-based line. */
  links: Array<{ line: number; file: string; target: number }>;
}

export function renderMerged(t: Timeline, title: string, filter: MergedFilter = {}): MergedDocument {
  const since = filter.since ? Date.parse(filter.since) : undefined;
  const until = filter.until ? Date.parse(filter.until) : undefined;
  const keep = (i: number): boolean => {
    const e = t.events[i];
    if (filter.categories?.length && !filter.categories.includes(e.category)) return false;
    if (filter.domains?.length && !(e.domain && filter.domains.includes(e.domain))) return false;
    const ms = e.time ? Date.parse(e.time) : undefined;
    if ((since !== undefined || until !== undefined) && ms === undefined) return false;
    return !((since !== undefined && ms! < since) || (until !== undefined && ms! > until));
  };
  const lines = [`# ${title}`, `# ${describe(filter)}`];
  const links: MergedDocument['links'] = [];
  // a loop, not Math.max(...): a folder may hold hundreds of thousands of events
  const width = t.events.reduce((w, e) => Math.max(w, e.category.length), 0);
  let heading: string | undefined;
  // the timeline's events are in time order already, those without a time last
  t.events.forEach((e, i) => {
    if (!keep(i)) return;
    const n = incidentOf(t, i);
    const next = !e.time ? 'Without a time' : n === undefined ? 'Not in an incident' : `Incident ${n + 1}: ${oneLine(t.incidents[n].summary)}`;
    if (next !== heading) lines.push('', `## ${(heading = next)}`);
    links.push({ line: lines.length, file: e.file, target: e.line });
    const when = e.time ? readableUtc(e.time) : '(no time)'.padEnd(19);
    lines.push(`${when}  ${e.category.padEnd(width)}  ${e.file}:${e.line}  ${oneLine(e.message)}`);
  });
  if (!links.length) lines.push('', 'No failure matches the filter.');
  return { text: lines.join('\n') + '\n', links };
}

function describe(f: MergedFilter): string {
  const parts = [
    f.categories?.length ? `categories ${f.categories.join(', ')}` : '',
    f.domains?.length ? `domains ${f.domains.join(', ')}` : '',
    f.since ? `from ${f.since}` : '',
    f.until ? `until ${f.until}` : '',
  ].filter(Boolean);
  return parts.length ? `filter: ${parts.join('; ')}` : 'unfiltered, in time order (narrow it with "xenops: Filter Merged Timeline")';
}

/** Log text stays on its line: control characters become spaces. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
