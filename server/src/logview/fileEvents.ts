// Finding things in a scanned timeline: the failures of one file by line, the failures
// close in time to one of them, and the incident it belongs to.
import type { Timeline, TimelineEvent } from '../logs/correlate';

export interface LocatedEvent {
  /** Index into the timeline's events. */
  index: number;
  event: TimelineEvent;
}

const byFile = new WeakMap<Timeline, Map<string, LocatedEvent[]>>();
const times = new WeakMap<Timeline, Array<number | null>>();

/** The failures of one file (its path relative to the folder), in line order. */
export function eventsInFile(t: Timeline, file: string): LocatedEvent[] {
  let files = byFile.get(t);
  if (!files) {
    files = new Map();
    t.events.forEach((event, index) => {
      const list = files!.get(event.file) ?? [];
      list.push({ index, event });
      files!.set(event.file, list);
    });
    for (const list of files.values()) list.sort((a, b) => a.event.line - b.event.line || a.index - b.index);
    byFile.set(t, files);
  }
  return files.get(file) ?? [];
}

/** The failure on a line of a file (the first, when a line holds more than one). */
export function eventAt(t: Timeline, file: string, line: number): LocatedEvent | undefined {
  const list = eventsInFile(t, file);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].event.line < line) lo = mid + 1;
    else hi = mid;
  }
  return list[lo]?.event.line === line ? list[lo] : undefined;
}

function msOf(t: Timeline): Array<number | null> {
  let ms = times.get(t);
  if (!ms) times.set(t, (ms = t.events.map((e) => (e.time ? Date.parse(e.time) : null))));
  return ms;
}

/**
 * The other failures within `windowMs` of one (before or after), in time order. An
 * event without a time has no neighbours in time: the other events of its incident stand in.
 */
export function correlatedWith(t: Timeline, index: number, windowMs: number): number[] {
  const ms = msOf(t);
  const at = ms[index];
  if (at === null) {
    const incident = incidentOf(t, index);
    return incident === undefined ? [] : t.incidents[incident].events.filter((i) => i !== index);
  }
  // events are in time order, the untimed ones last: search for the window's start
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = ms[mid];
    if (v !== null && v < at - windowMs) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < ms.length; i++) {
    const v = ms[i];
    if (v === null || v > at + windowMs) break;
    if (i !== index) out.push(i);
  }
  return out;
}

const incidentIndex = new WeakMap<Timeline, Map<number, number>>();

/** The incident (0-based) an event belongs to, if any. */
export function incidentOf(t: Timeline, index: number): number | undefined {
  let map = incidentIndex.get(t);
  if (!map) {
    map = new Map();
    t.incidents.forEach((inc, n) => inc.events.forEach((e) => map!.set(e, n)));
    incidentIndex.set(t, map);
  }
  return map.get(index);
}

/** "60 s", "2 min", "1.5 h": a window as operators say it. */
export function windowText(ms: number): string {
  if (ms < 120000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * 3600000) return `${+(ms / 60000).toFixed(1)} min`;
  return `${+(ms / 3600000).toFixed(1)} h`;
}
