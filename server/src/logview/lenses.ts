// "N correlated events within 60 s" above each failure line of a log: the lens lists
// the failures close in time (from every file of the folder) so the client can reveal them.
import type { Timeline } from '../logs/correlate';
import { correlatedWith, eventsInFile, windowText } from './fileEvents';

export interface FailureLens {
  /** 1-based line of the failure in its file. */
  line: number;
  title: string;
  /** The correlated failures: file (relative to the folder) and 1-based line. */
  related: Array<{ file: string; line: number }>;
}

/** More lenses than this in one file help nobody; the first ones are kept. */
const MAX_LENSES = 5000;

export function failureLenses(t: Timeline, file: string, windowMs: number, lines?: { first: number; last: number }): FailureLens[] {
  const out: FailureLens[] = [];
  let previous = -1;
  for (const { index, event } of eventsInFile(t, file)) {
    if (event.line === previous || (lines && (event.line < lines.first || event.line > lines.last))) continue;
    previous = event.line;
    const related = correlatedWith(t, index, windowMs).map((i) => ({ file: t.events[i].file, line: t.events[i].line }));
    const span = event.time ? `within ${windowText(windowMs)}` : 'in its incident';
    const title = related.length ? `${related.length} correlated event${related.length === 1 ? '' : 's'} ${span}` : `no correlated events ${span}`;
    out.push({ line: event.line, title, related });
    if (out.length >= MAX_LENSES) break;
  }
  return out;
}
