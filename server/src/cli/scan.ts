// `xenops scan [--json] [options] FOLDER`: the log engine for people and for pipelines
import { once } from 'node:events';
import { CAPTURE_KINDS } from '../captures/types';
import type { LazyTimeline, Timeline } from '../logs/correlate';
import { RulePackError } from '../logs/rules';
import { type FolderScanOptions, scanFolderLazily, scanFolderWithCaptures, type ScanResult } from '../logs/scan';
import { parseArgs, UsageError } from './args';
import { folderScanOptions, SCAN_FLAGS, SCAN_OPTIONS_HELP } from './scanOptions';

export const SCAN_USAGE = `usage: xenops scan [--json] [options] FOLDER
Reads every log in FOLDER (Xen console, xl/libxl, xend, kernel, syslog, journal, mcelog, lock managers,
application logs; .gz and rotated files too) and every performance capture (iostat, sar, sadf, mpstat,
vmstat, xentop), finds the failures and the resource spikes, puts them on one timeline and groups them
into incidents, most severe first.
${SCAN_OPTIONS_HELP}`;

/** The JSON goes straight to `stdout` (the returned output is then empty); the report comes back as text. */
export async function runScan(argv: string[], stderr: NodeJS.WriteStream, stdout: NodeJS.WritableStream = process.stdout): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, { json: false, ...SCAN_FLAGS });
  // the events are made one at a time as they are written: a big folder's would not fit in memory at once
  const { timeline, elapsedMs } = await withProgress(folderScanOptions(args, 'scan'), stderr, scanFolderLazily);
  if (!args.flags.has('json')) return { output: formatTimeline(timeline, elapsedMs), exitCode: 0 };
  await writeJson(timeline, stdout);
  return { output: '', exitCode: 0 };
}

/**
 * Writes `JSON.stringify(t, null, 2)` and a newline, byte for byte, a piece at a time: for a big
 * folder that text is hundreds of MiB, too much to hold (and copy for the write) at once.
 */
export async function writeJson(t: Timeline | LazyTimeline, out: NodeJS.WritableStream): Promise<void> {
  const w = chunked(out);
  const lists: Array<[string, { readonly length: number; at(i: number): unknown }]> = [['files', t.files], ['events', t.events], ['resources', t.resources], ['incidents', t.incidents]];
  w.put('{');
  for (const [k, [key, items]] of lists.entries()) {
    w.put(`${k ? ',' : ''}\n  ${JSON.stringify(key)}: ${items.length ? '[' : '[]'}`);
    for (let n = 0; n < items.length; n++) {
      w.put(`${n ? ',' : ''}\n    `);
      for (const piece of pretty(items.at(n), '    ')) w.put(piece);
      await w.drained();
    }
    if (items.length) w.put('\n  ]');
  }
  w.put('\n}\n');
  await w.end();
}

/**
 * `JSON.stringify(value, null, 2)` for a value `indent` deep, in pieces: an incident's list of
 * 100 000s of event numbers never becomes one string. Flat objects (events) go whole.
 */
function* pretty(value: unknown, indent: string): Generator<string> {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') value = (value as { toJSON(): unknown }).toJSON();
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (!value.length) return yield '[]';
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i ? ',' : ''}\n${inner}`;
      yield* pretty(value[i], inner);
    }
    return yield `\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.every(([, v]) => v === null || typeof v !== 'object')) return yield JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
  yield '{';
  for (const [i, [key, v]] of entries.entries()) {
    yield `${i ? ',' : ''}\n${inner}${JSON.stringify(key)}: `;
    yield* pretty(v, inner);
  }
  yield `\n${indent}}`;
}

/**
 * Text put in pieces and written in chunks of about 16 KiB (small enough to die young in the JS
 * heap: bigger ones outlive its nursery and pile up); `drained` waits for a slow reader.
 */
function chunked(out: NodeJS.WritableStream) {
  const CHUNK = 1 << 14;
  let pending = '';
  let full = false;
  const flush = () => {
    if (pending && !out.write(pending)) full = true;
    pending = '';
  };
  return {
    put(text: string) {
      pending += text;
      if (pending.length >= CHUNK) flush();
    },
    async drained() {
      if (full) await once(out, 'drain');
      full = false;
    },
    async end() {
      flush();
      await this.drained();
    },
  };
}

/** The scan, with a progress bar on a terminal and rule-pack errors as usage errors. */
export async function scanWithProgress(opts: FolderScanOptions, stderr: NodeJS.WriteStream): Promise<ScanResult & { elapsedMs: number }> {
  return withProgress(opts, stderr, scanFolderWithCaptures);
}

async function withProgress<T extends object>(opts: FolderScanOptions, stderr: NodeJS.WriteStream, scan: (opts: FolderScanOptions) => Promise<T>): Promise<T & { elapsedMs: number }> {
  const bar = stderr.isTTY ? progressBar(stderr) : undefined;
  const started = Date.now();
  try {
    const result = await scan({ ...opts, onProgress: bar });
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
export function formatTimeline(t: Timeline | LazyTimeline, elapsedMs?: number): string {
  const out: string[] = [];
  const logs = t.files.filter((f) => !f.skipped && f.format && !(CAPTURE_KINDS as readonly string[]).includes(f.format));
  const skipped = t.files.filter((f) => f.skipped);
  out.push(`Read ${t.files.length} file${t.files.length === 1 ? '' : 's'}${elapsedMs !== undefined ? ` in ${(elapsedMs / 1000).toFixed(1)} s` : ''}: ${logs.length} logs, ${t.files.length - logs.length - skipped.length} captures, ${skipped.length} skipped. ${t.events.length} events, ${t.incidents.length} incidents.`);
  for (const f of skipped) out.push(`  skipped ${f.path}: ${f.skipped}`);
  for (const f of t.files) if (f.note) out.push(`  note on ${f.path}: ${f.note}`);
  t.incidents.slice(0, MAX_INCIDENTS).forEach((inc, i) => {
    out.push('');
    const when = inc.start ? `${inc.start.replace('T', ' ').replace(/\.\d+Z$|Z$/, 'Z')}${inc.end && inc.end !== inc.start ? ` → ${inc.end.slice(11).replace(/\.\d+Z$|Z$/, 'Z')}` : ''}` : 'no time';
    out.push(`#${i + 1}  ${when}  ${inc.summary}`);
    for (const idx of inc.events.slice(0, MAX_EVENTS)) {
      const e = t.events.at(idx)!;
      const time = e.time ? e.time.slice(11, 23) : '     —      ';
      out.push(`    ${time}  ${e.file}:${e.line}  ${e.category}/${e.severity}${e.domain ? ` [${e.domain}]` : ''}  ${e.message.slice(0, 160)}`);
    }
    if (inc.events.length > MAX_EVENTS) out.push(`    … ${inc.events.length - MAX_EVENTS} more (--json lists every event)`);
  });
  if (t.incidents.length > MAX_INCIDENTS) out.push('', `… ${t.incidents.length - MAX_INCIDENTS} more incidents (--json lists them all)`);
  return out.join('\n') + '\n';
}
