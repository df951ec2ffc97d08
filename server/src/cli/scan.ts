// `xenops scan [--json] [options] FOLDER`: the log engine for people and for pipelines
import { CAPTURE_KINDS } from '../captures/types';
import type { Timeline } from '../logs/correlate';
import { RulePackError } from '../logs/rules';
import { type FolderScanOptions, scanFolderWithCaptures, type ScanResult } from '../logs/scan';
import { parseArgs, UsageError } from './args';
import { folderScanOptions, SCAN_FLAGS, SCAN_OPTIONS_HELP } from './scanOptions';

export const SCAN_USAGE = `usage: xenops scan [--json] [options] FOLDER
Reads every log in FOLDER (Xen console, xl/libxl, xend, kernel, syslog, journal, mcelog, lock managers,
application logs; .gz and rotated files too) and every performance capture (iostat, sar, sadf, mpstat,
vmstat, xentop), finds the failures and the resource spikes, puts them on one timeline and groups them
into incidents, most severe first.
${SCAN_OPTIONS_HELP}`;

export async function runScan(argv: string[], stderr: NodeJS.WriteStream): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, { json: false, ...SCAN_FLAGS });
  const { timeline, elapsedMs } = await scanWithProgress(folderScanOptions(args, 'scan'), stderr);
  const output = args.flags.has('json') ? JSON.stringify(timeline, null, 2) + '\n' : formatTimeline(timeline, elapsedMs);
  return { output, exitCode: 0 };
}

/** The scan, with a progress bar on a terminal and rule-pack errors as usage errors. */
export async function scanWithProgress(opts: FolderScanOptions, stderr: NodeJS.WriteStream): Promise<ScanResult & { elapsedMs: number }> {
  const bar = stderr.isTTY ? progressBar(stderr) : undefined;
  const started = Date.now();
  try {
    const result = await scanFolderWithCaptures({ ...opts, onProgress: bar });
    return { ...result, elapsedMs: Date.now() - started };
  } catch (e) {
    if (e instanceof RulePackError) throw new UsageError(e.message);
    throw e;
  } finally {
    if (bar) stderr.write('\r\x1b[K');
  }
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
  const logs = t.files.filter((f) => !f.skipped && f.format && !(CAPTURE_KINDS as readonly string[]).includes(f.format));
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
