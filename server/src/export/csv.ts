// The incident timeline as CSV: one row per failure and per resource spike, with the
// incident it belongs to, for spreadsheets and ticket systems.
import type { Timeline } from '../logs/correlate';
import { csvField } from './text';

const HEADER = ['kind', 'incident', 'time', 'end', 'file', 'line', 'category', 'severity', 'domain', 'device', 'rule', 'metric', 'value', 'baseline', 'message'];

export function toCsv(t: Timeline): string {
  const incidentOf = (pick: (i: (typeof t.incidents)[number]) => number[], index: number) => {
    const n = t.incidents.findIndex((inc) => pick(inc).includes(index));
    return n < 0 ? null : n + 1;
  };
  const rows = [
    ...t.events.map((e, i) => ['failure', incidentOf((inc) => inc.events, i), e.time, null, e.file, e.line, e.category, e.severity, e.domain, null, e.rule, null, null, null, e.message]),
    ...t.resources.map((r, i) => ['spike', incidentOf((inc) => inc.resources, i), r.time, r.end ?? r.time, r.file, r.line, null, null, r.domain ?? null, r.device ?? null, null, r.metric, r.value, r.baseline, null]),
  ];
  return [HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
