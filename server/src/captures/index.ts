// Performance captures: which tool wrote a file (from its first lines), and its series.
import { cleanLine } from '../logs/formats';
import { parseIostat } from './iostat';
import { parseIostatJson } from './iostatJson';
import { parseMpstat } from './mpstat';
import type { Parsed } from './reading';
import { parseSadfDatabase, parseSadfPpc } from './sadf';
import { parseSar } from './sar';
import { headLines } from './text';
import type { Capture, CaptureKind, CaptureOptions } from './types';
import { parseVmstat } from './vmstat';
import { parseXentop } from './xentop';

const PARSERS: Record<CaptureKind, (text: string, opts: CaptureOptions) => Parsed> = {
  iostat: parseIostat,
  'iostat-json': parseIostatJson,
  sar: parseSar,
  'sadf-d': parseSadfDatabase,
  'sadf-p': parseSadfPpc,
  mpstat: parseMpstat,
  vmstat: parseVmstat,
  xentop: parseXentop,
};

const TIME = String.raw`(?:\d{1,2}:\d\d:\d\d(?:\s+[AaPp]\.?[Mm]\.?)?|\d{1,2}時\d{1,2}分\d{1,2}秒)`;
const SAR_HEADER = new RegExp(`^${TIME}\\s+(?:\\S+\\s+)*?(CPU|DEV|IFACE|tps|proc/s|kbmemfree|runq-sz|INTR|pswpin/s|pgpgin/s|TTY)\\b`);

/** sar and mpstat share their layout; mpstat's CPU columns come in another order (%irq before %steal) or with CORE SOCK NODE. */
function sarOrMpstat(header: string, path: string): CaptureKind {
  const cols = header.split(/\s+/);
  if (cols.includes('CORE') || (cols.includes('CPU') && cols.includes('intr/s'))) return 'mpstat';
  const irq = cols.indexOf('%irq');
  const steal = cols.indexOf('%steal');
  if (irq >= 0 && steal >= 0) return irq < steal ? 'mpstat' : 'sar';
  return /mpstat/i.test(path.split('/').pop() ?? '') ? 'mpstat' : 'sar';
}

/** The tool that wrote a capture, from its first lines (undefined: not a capture). */
export function detectCapture(path: string, head: string[]): CaptureKind | undefined {
  const lines = head.map(cleanLine).filter((l) => l.trim());
  if (/^\{\s*"sysstat"\s*:/.test(lines.slice(0, 3).join(' '))) return 'iostat-json';
  let banner = false;
  for (const l of lines.slice(0, 60)) {
    if (/^[^\t]+\t-?\d+\t(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?: \S+)?|\d{9,11})\t[^\t]+\t[^\t]+/.test(l)) return 'sadf-p';
    if (/^# hostname;interval;timestamp;/.test(l) || /^[^;\s]+;-?\d+;(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?: \S+)?|\d{9,11});/.test(l)) return 'sadf-d';
    if (/^(?:--time--\s+)?procs\s+-+/.test(l) || /^r\s+b\s+swpd\s+free\s/.test(l) || /^\d+ K total memory$/.test(l)) return 'vmstat';
    if (/^NAME\s+STATE\s+CPU\(sec\)\s+CPU\(%\)/.test(l) || /^xentop - \d\d:\d\d:\d\d\b/.test(l)) return 'xentop';
    if (/^(?:Datetime\s+)?(?:avg-cpu:\s|Device:?\s+\S)/.test(l) || /^\S+\/s\s.*\sDevice$/.test(l) || /^Time: /.test(l)) return 'iostat';
    if (/^Linux \S+ \(\S+\)\s+\S+/.test(l)) banner = true;
    else if (SAR_HEADER.test(l)) return sarOrMpstat(l, path);
  }
  if (!banner) return undefined;
  // a banner and nothing else readable yet: the file's name, else sar (its empty reports print only the banner)
  const name = path.split('/').pop() ?? '';
  return /iostat/i.test(name) ? 'iostat' : /mpstat/i.test(name) ? 'mpstat' : 'sar';
}

/** A kind for a file that is not a capture after all, from its name (the type asks for one). */
function kindFromName(path: string): CaptureKind {
  const name = (path.split('/').pop() ?? '').toLowerCase();
  if (name.includes('sadf')) return name.includes('-p') ? 'sadf-p' : 'sadf-d';
  return (['xentop', 'vmstat', 'mpstat', 'iostat', 'sar'] as const).find((k) => name.includes(k)) ?? 'iostat';
}

/** Reads a capture into series; never throws (unreadable rows become warnings, other files `skipped`). */
export function parseCapture(path: string, text: string, opts: CaptureOptions): Capture {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const kind = detectCapture(path, headLines(body));
  if (!kind) {
    const first = headLines(body, 50).find((l) => l.trim());
    return { path, kind: kindFromName(path), series: [], warnings: [], skipped: first === undefined ? 'empty file' : `not a sysstat, vmstat or xentop capture (first line: "${first.trim().slice(0, 60)}")` };
  }
  try {
    return { path, kind, ...PARSERS[kind](body, opts) };
  } catch (err) {
    return { path, kind, series: [], warnings: [], skipped: `could not be read: ${(err as Error).message}` };
  }
}

export { CAPTURE_KINDS, METRICS } from './types';
export type { Capture, CaptureKind, CaptureOptions, Metric, Series, SubjectKind } from './types';
