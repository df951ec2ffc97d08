// One incident out of a timeline, as a timeline of its own: its events and spikes
// renumbered, so that every export format (and `scan --json` readers) sees the same shape.
import type { Timeline } from '../logs/correlate';

export function selectIncident(timeline: Timeline, index: number): Timeline {
  const incident = timeline.incidents[index];
  if (!incident) throw new RangeError(`there is no incident ${index + 1} (the folder has ${timeline.incidents.length})`);
  return {
    files: timeline.files,
    events: incident.events.map((i) => timeline.events[i]),
    resources: incident.resources.map((i) => timeline.resources[i]),
    incidents: [{ ...incident, events: incident.events.map((_, i) => i), resources: incident.resources.map((_, i) => i) }],
  };
}
