// Times on the page are UTC, as everywhere in xenops, whatever the zone of the machine
// running VS Code. chartjs-adapter-date-fns works in the local zone, so its calendar
// operations are wrapped: a timestamp is turned into the local "wall" time that reads
// like its UTC time, handed to date-fns, and turned back.
import { _adapters, type TimeUnit } from 'chart.js';
import 'chartjs-adapter-date-fns';

/** The local time whose clock reads the UTC clock of `t`. */
function toWall(t: number): number {
  const d = new Date(t);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(),
    d.getUTCSeconds(), d.getUTCMilliseconds()).getTime();
}

/** The inverse of toWall. */
function fromWall(w: number | Date): number {
  const d = new Date(w);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(),
    d.getMilliseconds());
}

// Units of fixed length are added and counted on the timestamps themselves: across a local
// daylight-saving change the wall clock would skip or repeat an hour.
const FIXED_MS: Partial<Record<TimeUnit, number>> = { millisecond: 1, second: 1e3, minute: 6e4, hour: 36e5 };

let installed = false;

/** Makes chart.js's time scale read, step and label time in UTC. */
export function useUtcTime(): void {
  if (installed) return;
  installed = true;
  const local = new _adapters._date();
  const { format, add, diff, startOf, endOf } = local;
  _adapters._date.override({
    format(time, fmt) {
      return format.call(this, toWall(time), fmt);
    },
    add(time, amount, unit) {
      const ms = FIXED_MS[unit];
      return ms !== undefined ? time + amount * ms : fromWall(add.call(this, toWall(time), amount, unit));
    },
    diff(a, b, unit) {
      return FIXED_MS[unit] !== undefined ? diff.call(this, a, b, unit) : diff.call(this, toWall(a), toWall(b), unit);
    },
    startOf(time, unit, weekday) {
      return fromWall(startOf.call(this, toWall(time), unit, weekday));
    },
    endOf(time, unit) {
      return fromWall(endOf.call(this, toWall(time), unit));
    },
  });
}

/** "2024-03-05T14:02:11.250Z": the form the failure list and the hover text use. */
export function isoUtc(time: number): string {
  return Number.isFinite(time) ? new Date(time).toISOString() : String(time);
}
