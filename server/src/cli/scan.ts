// `xenops scan [--json] [--since T] [--until T] [--window 60s] [--tz ZONE] [--max-file-size SIZE] FOLDER`
import * as fs from 'node:fs';
import type { Timeline } from '../logs/correlate';
import { RulePackError } from '../logs/rules';
import { LOG_FORMATS, type LogFormat } from '../logs/types';
import { DEFAULT_MAX_FILE_BYTES, scanFolder } from '../logs/scan';
import { isTimeZone, parseDuration, parseWhen } from '../logs/time';
import { parseArgs, single, UsageError } from './args';

export const SCAN_USAGE = `usage: xenops scan [--json] [--since T] [--until T] [--window 60s] [--tz ZONE] [--max-file-size 4G] [--format GLOB=FORMAT]... FOLDER
Reads every log in FOLDER (Xen console, xl/libxl, xend, kernel, syslog, journal, mcelog, lock managers,
application logs; .gz and rotated files too), finds the failures, puts them on one timeline and groups
them into incidents, most severe first.
  --since/--until T   ISO 8601 (2024-07-01T09:00:00Z, or local to --tz) or Unix seconds
  --window D          events closer than D chain into one incident (default 60s)
  --tz ZONE           IANA zone of logs that print local times without a zone (default UTC)
  --format GLOB=F     read files matching GLOB as format F when detection guesses wrong
                      (${Object.keys(LOG_FORMATS).join(', ')})`;

const SIZE = /^(\d+(?:\.\d+)?)([KMGT]?)i?B?$/i;

function parseSize(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 1024 ** ' KMGT'.indexOf((m[2] || ' ').toUpperCase());
}

export async function runScan(argv: string[], stderr: NodeJS.WriteStream): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, { json: false, since: true, until: true, window: true, tz: true, 'max-file-size': true, format: true });
  if (args.positional.length !== 1) throw new UsageError('scan needs one folder (or file)');
  const folder = args.positional[0];
  if (!fs.existsSync(folder)) throw new UsageError(`${folder}: no such file or directory`);
  const zone = single(args, 'tz') ?? 'UTC';
  if (!isTimeZone(zone)) throw new UsageError(`unknown time zone '${zone}' (an IANA name such as Europe/Berlin)`);
  const when = (flag: string) => {
    const v = single(args, flag);
    if (v === undefined) return undefined;
    const t = parseWhen(v, zone);
    if (t === undefined) throw new UsageError(`--${flag} wants an ISO 8601 time or Unix seconds, got '${v}'`);
    return t;
  };
  const windowText = single(args, 'window');
  const windowMs = windowText === undefined ? 60000 : parseDuration(windowText);
  if (windowMs === undefined || windowMs <= 0) throw new UsageError(`--window wants a duration such as 60s or 5m, got '${windowText}'`);
  const sizeText = single(args, 'max-file-size');
  const maxFileBytes = sizeText === undefined ? DEFAULT_MAX_FILE_BYTES : parseSize(sizeText);
  if (!maxFileBytes) throw new UsageError(`--max-file-size wants a size such as 4G or 500M, got '${sizeText}'`);

  const formats: Record<string, LogFormat> = {};
  for (const f of args.flags.get('format') ?? []) {
    const m = /^(.+)=([a-z0-9-]+)$/.exec(f);
    if (!m || !(m[2] in LOG_FORMATS)) throw new UsageError(`--format wants GLOB=FORMAT with a known format, got '${f}'`);
    formats[m[1]] = m[2] as LogFormat;
  }

  const bar = stderr.isTTY ? progressBar(stderr) : undefined;
  const started = Date.now();
  let timeline: Timeline;
  try {
    timeline = await scanFolder({ folder, zone, windowMs, sinceMs: when('since'), untilMs: when('until'), maxFileBytes, formats, onProgress: bar });
  } catch (e) {
    if (e instanceof RulePackError) throw new UsageError(e.message);
    throw e;
  }
  if (bar) stderr.write('\r\x1b[K');
  const json = args.flags.has('json');
  const output = json ? JSON.stringify(timeline, null, 2) + '\n' : formatTimeline(timeline, Date.now() - started);
  return { output, exitCode: 0 };
}

/** A one-line bar on stderr, for folders big enough to make people wait. */
function progressBar(stderr: NodeJS.WriteStream) {
  return (done: number, total: number) => {
    if (total < 64 * 1024 * 1024) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round((done / total) * 100)}% ${size(done)} / ${size(total)}`);
  };
}

function size(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(n / 1024 ** 2)} MiB`;
}

const MAX_INCIDENTS = 20;
const MAX_EVENTS = 12;

/** The report for people: what was read, then the incidents, most severe first. */
export function formatTimeline(t: Timeline, elapsedMs?: number): string {
  const out: string[] = [];
  const logs = t.files.filter((f) => !f.skipped && f.format && !['sysstat', 'sadf', 'sysstat-json', 'vmstat', 'xentop'].includes(f.format));
  const skipped = t.files.filter((f) => f.skipped);
  out.push(`Read ${t.files.length} file${t.files.length === 1 ? '' : 's'}${elapsedMs !== undefined ? ` in ${(elapsedMs / 1000).toFixed(1)} s` : ''}: ${logs.length} logs, ${t.files.length - logs.length - skipped.length} captures, ${skipped.length} skipped. ${t.events.length} events, ${t.incidents.length} incidents.`);
  for (const f of skipped) out.push(`  skipped ${f.path}: ${f.skipped}`);
  t.incidents.slice(0, MAX_INCIDENTS).forEach((inc, i) => {
    out.push('');
    const when = inc.start ? `${inc.start.replace('T', ' ').replace(/\.\d+Z$|Z$/, 'Z')}${inc.end && inc.end !== inc.start ? ` → ${inc.end.slice(11).replace(/\.\d+Z$|Z$/, 'Z')}` : ''}` : 'no time';
    out.push(`#${i + 1}  ${when}  ${inc.summary}`);
    for (const idx of inc.events.slice(0, MAX_EVENTS)) {
      const e = t.events[idx];
      const time = e.time ? e.time.slice(11, 23) : '     —      ';
      out.push(`    ${time}  ${e.file}:${e.line}  ${e.category}/${e.severity}${e.domain ? ` [${e.domain}]` : ''}  ${e.message.slice(0, 160)}`);
    }
    if (inc.events.length > MAX_EVENTS) out.push(`    … ${inc.events.length - MAX_EVENTS} more (--json lists every event)`);
  });
  if (t.incidents.length > MAX_INCIDENTS) out.push('', `… ${t.incidents.length - MAX_INCIDENTS} more incidents (--json lists them all)`);
  return out.join('\n') + '\n';
}
