// Turning wall-clock times into UTC: numeric offsets, the zone abbreviations logs
// print (only the unambiguous ones), or the folder's time zone (an IANA name).

/** Abbreviations with one meaning; IST, CST, BST and the like depend on the country and are not guessed. */
const ABBREVIATIONS: Record<string, number> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, WET: 0, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180,
  MSK: 180, EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480,
  HST: -600, JST: 540, KST: 540, AEST: 600, AEDT: 660, ACST: 570, AWST: 480, NZST: 720, NZDT: 780,
};

export function abbreviationOffset(zone: string): number | undefined {
  return ABBREVIATIONS[zone.toUpperCase()];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether `zone` is an IANA time zone name this Node knows. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The offset (minutes east of UTC) of `zone` at the instant `utcMs`. */
function zoneOffset(zone: string, utcMs: number): number {
  if (zone === 'UTC') return 0;
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** UTC milliseconds of a wall-clock time in `zone` (an IANA name or 'UTC'). */
export function wallToUtc(year: number, month: number, day: number, h: number, mi: number, s: number, ms: number, zone: string): number {
  const naive = Date.UTC(year, month - 1, day, h, mi, s, ms);
  let guess = naive - zoneOffset(zone, naive) * 60000;
  guess = naive - zoneOffset(zone, guess) * 60000;
  return guess;
}

/** "60s", "2m", "1h", "90" (seconds) → milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const factor = { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2] ?? 's'] as number;
  return Number(m[1]) * factor;
}

/** A time given on the command line: ISO 8601 (a zone, or the folder's zone), or an epoch in seconds. */
export function parseWhen(text: string, zone: string): number | undefined {
  if (/^\d{9,11}$/.test(text)) return Number(text) * 1000;
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?(Z|[+-]\d\d:?\d\d)?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0));
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  if (m[8]) {
    const off = m[8] === 'Z' ? 0 : (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(-2)));
    return Date.UTC(y, mo - 1, d, h, mi, s, ms) - off * 60000;
  }
  return wallToUtc(y, mo, d, h, mi, s, ms, zone);
}

/** An ISO UTC time as operators read it: "2024-07-01 09:15:30", with ".412" when `ms` and not zero. */
export function readableUtc(isoTime: string, ms = false): string {
  return isoTime.replace('T', ' ').replace(ms ? /\.000Z$|Z$/ : /\.\d+Z$|Z$/, '');
}

export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}
