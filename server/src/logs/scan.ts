// Scanning a whole log folder: files are shared out to worker threads (one per core)
// by size, each streams its files, and the results are correlated into one timeline.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Minimatch } from 'minimatch';
import { DEFAULT_SPIKES, findSpikes, type SpikeSettings } from '../captures/spikes';
import type { Capture } from '../captures/types';
import type { SeveritySetting } from '../core/findings';
import { correlateLazily, type LazyTimeline, materialize, type Timeline } from './correlate';
import { createEngine } from './engine';
import { parsePack } from './rules';
import { type PackedEvents, unpackEvents, withSeverity } from './eventStore';
import { Cancelled, type FileResult, relativePath, scanFile } from './fileScan';
import type { ScanCache } from './scanCache';
import { parseWhen } from './time';
import type { LogFormat } from './types';

export interface FolderScanOptions {
  folder: string;
  /** IANA zone for local times without a zone (default UTC). */
  zone?: string;
  /** Zones of some files by glob (relative to the folder): logs from hosts in other zones. */
  zones?: Record<string, string>;
  windowMs?: number;
  sinceMs?: number;
  untilMs?: number;
  maxFileBytes?: number;
  /** Forced formats by glob (relative to the folder), e.g. { "*.console": "xen-console" }. */
  formats?: Record<string, LogFormat>;
  /** Globs of files to leave out. */
  ignore?: string[];
  workers?: number;
  /** Thresholds for the spikes found in performance captures (default DEFAULT_SPIKES). */
  spikes?: SpikeSettings;
  /** Per-rule overrides: 'off' drops the rule's events, a severity replaces the rule's own. */
  ruleOverrides?: Record<string, SeveritySetting>;
  /** Results of an earlier scan of the folder, reused for files whose size and mtime are unchanged. */
  cache?: ScanCache;
  /** Leave out the folder's own `.xenops/rules.yaml` (an untrusted workspace). */
  noWorkspaceRules?: boolean;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  cancelled?: () => boolean;
}

export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 ** 3;
/**
 * Below this much data one thread is faster than starting workers: a worker takes some 0.3 s and
 * 25 MiB to start (its own copy of the engine), while one thread reads some 1 GiB/s of logs.
 */
const SMALL_FOLDER_BYTES = 256 * 1024 * 1024;
const WORKER_YOUNG_MB = 4;

export interface Job {
  abs: string;
  rel: string;
  size: number;
  mtimeMs: number;
  format?: LogFormat;
  zone?: string;
}

export interface ScanResult {
  timeline: Timeline;
  /** The performance captures read, as time series (for charts; the timeline has their spikes). */
  captures: Capture[];
}

export async function scanFolder(opts: FolderScanOptions): Promise<Timeline> {
  return (await scanFolderWithCaptures(opts)).timeline;
}

export async function scanFolderWithCaptures(opts: FolderScanOptions): Promise<ScanResult> {
  const { timeline, captures } = await scanFolderLazily(opts);
  return { timeline: materialize(timeline), captures };
}

/** The scan with the timeline's events made only when asked for: for writing a big folder's timeline out. */
export async function scanFolderLazily(opts: FolderScanOptions): Promise<{ timeline: LazyTimeline; captures: Capture[] }> {
  const root = path.resolve(opts.folder);
  const st = fs.statSync(root);
  const packFile = path.join(st.isDirectory() ? root : path.dirname(root), '.xenops', 'rules.yaml');
  const workspacePack = !opts.noWorkspaceRules && fs.existsSync(packFile) ? { text: fs.readFileSync(packFile, 'utf8'), source: packFile } : undefined;
  if (workspacePack) parsePack(workspacePack.text, workspacePack.source); // a broken pack is reported here, not in a worker
  opts.cache?.useRules(workspacePack?.text ?? '');
  const listed = listFiles(root, st.isDirectory(), opts);
  const reused: FileResult[] = [];
  const jobs: Job[] = [];
  for (const j of listed) {
    const cached = opts.cache?.get(j);
    if (cached) reused.push(cached);
    else jobs.push(j);
  }
  const maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // files over the limit are skipped unread: they are not part of the work
  const total = jobs.reduce((s, j) => s + (j.size > maxFileBytes ? 0 : j.size), 0);
  const workers = Math.max(1, Math.min(opts.workers ?? Math.min(os.cpus().length, 4), jobs.length));
  const inline = workers === 1 || (opts.workers === undefined && total < SMALL_FOLDER_BYTES);
  const scanned = !jobs.length
    ? []
    : inline
      ? await scanHere(jobs, workspacePack, maxFileBytes, total, opts)
      : await scanInWorkers(jobs, workspacePack, maxFileBytes, total, workers, opts);
  if (opts.cache) opts.cache.replace(listed, jobs, scanned);
  const results = applyOverrides([...reused, ...scanned], opts.ruleOverrides);
  results.sort((a, b) => a.path.localeCompare(b.path));
  const captures = results.flatMap((r) => (r.capture ? [r.capture] : []));
  const spikes = findSpikes(captures, opts.spikes ?? DEFAULT_SPIKES);
  const zoneOf = new Map(listed.map((j) => [j.rel, j.zone]));
  const timeline = correlateLazily(results, { zone: opts.zone ?? 'UTC', zoneOf: (rel) => zoneOf.get(rel), windowMs: opts.windowMs ?? 60000, sinceMs: opts.sinceMs, untilMs: opts.untilMs }, spikes);
  return { timeline, captures };
}

/**
 * A --since/--until value (ISO 8601 with or without a zone, or Unix seconds) in UTC ms, or why
 * it is not a time. Dates that do not exist are refused, not rolled over (2024-13-45).
 */
export function parseTimeBound(text: string, zone: string): { ms: number } | { error: string } {
  const ms = parseWhen(text, zone);
  if (ms === undefined || !Number.isFinite(ms)) return { error: `'${text}' is not an ISO 8601 time (2024-07-01T09:00:00Z, 2024-07-01 11:00) or Unix seconds` };
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?)?(?:\.\d+)?(Z|[+-](\d\d):?(\d\d))?$/.exec(text.trim());
  if (!m) return { ms };
  const [y, mo, d, h, mi, sec, , oh, om] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const wrong = ([
    [mo < 1 || mo > 12, `month ${mo}`],
    [d < 1 || d > daysInMonth(y, mo), `day ${d} of ${y}-${String(mo).padStart(2, '0')}`],
    [h > 23, `hour ${h}`],
    [mi > 59, `minute ${mi}`],
    [sec > 59, `second ${sec}`],
    [oh > 14 || om > 59, `zone offset ${m[7]}`],
  ] as Array<[boolean, string]>).find(([bad]) => bad);
  return wrong ? { error: `'${text}' is not a real time: there is no ${wrong[1]}` } : { ms };
}

function daysInMonth(year: number, month: number): number {
  return month < 1 || month > 12 ? 31 : new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The files a scan of `root` reads (a folder walked, or one file), with their size and mtime. */
export function listFiles(root: string, isDir: boolean, opts: Pick<FolderScanOptions, 'ignore' | 'formats' | 'zones' | 'zone'>): Job[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') visit(full);
      } else if (e.isFile()) files.push(full);
    }
  };
  if (isDir) visit(root);
  else files.push(root);
  const base = isDir ? root : path.dirname(root);
  const ignore = (opts.ignore ?? []).map((g) => new Minimatch(g, { dot: true, matchBase: true }));
  const forced = Object.entries(opts.formats ?? {}).map(([g, f]) => [new Minimatch(g, { dot: true, matchBase: true }), f] as const);
  const zoned = Object.entries(opts.zones ?? {}).map(([g, z]) => [new Minimatch(g, { dot: true, matchBase: true }), z] as const);
  return files.flatMap((abs) => {
    const rel = relativePath(base, abs);
    if (ignore.some((m) => m.match(rel))) return [];
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (!st) return []; // rotated away since the folder was read
    return [{ abs, rel, size: st.size, mtimeMs: st.mtimeMs, format: forced.find(([m]) => m.match(rel))?.[1], zone: zoned.find(([m]) => m.match(rel))?.[1] ?? opts.zone }];
  });
}

/** The user's per-rule settings, on copies: cached results stay as the rules left them. */
function applyOverrides(results: FileResult[], overrides: Record<string, SeveritySetting> | undefined): FileResult[] {
  if (!overrides || !Object.keys(overrides).length) return results;
  return results.map((r) => ({
    ...r,
    events: r.events.flatMap((e) => {
      const o = overrides[e.rule];
      return o === 'off' ? [] : [o ? withSeverity(e, o) : e];
    }),
  }));
}

function progress(opts: FolderScanOptions, total: number) {
  let done = 0;
  let shown = 0;
  return (n: number) => {
    done += n;
    const now = Date.now();
    if (now - shown > 100 || done >= total) {
      shown = now;
      opts.onProgress?.(Math.min(done, total), total);
    }
  };
}

async function scanHere(jobs: Job[], workspacePack: { text: string; source: string } | undefined, maxFileBytes: number, total: number, opts: FolderScanOptions): Promise<FileResult[]> {
  const engine = createEngine(workspacePack);
  const onBytes = progress(opts, total);
  const out: FileResult[] = [];
  for (const j of jobs) {
    if (opts.cancelled?.()) throw new Cancelled();
    out.push(await scanFile(j.abs, j.rel, { engine, maxFileBytes, format: j.format, zone: j.zone, onBytes, cancelled: opts.cancelled }));
  }
  return out;
}

function workerScript(): string {
  for (const name of ['logWorker.js', 'worker.js']) {
    const file = path.join(__dirname, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error('the log scanning worker is missing');
}

/** How much text a file holds: its size, or for gzip the size its trailer states. */
function textBytes(j: Job): number {
  if (!/\.gz$/.test(j.abs) || j.size < 18) return j.size;
  const trailer = Buffer.alloc(4);
  try {
    const fd = fs.openSync(j.abs, 'r');
    try {
      fs.readSync(fd, trailer, 0, 4, j.size - 4);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return j.size; // the scan itself reports why it cannot be read
  }
  return Math.max(j.size, trailer.readUInt32LE(0));
}

async function scanInWorkers(jobs: Job[], workspacePack: { text: string; source: string } | undefined, maxFileBytes: number, total: number, n: number, opts: FolderScanOptions): Promise<FileResult[]> {
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const onBytes = progress(opts, total);
  const script = workerScript();
  const results: FileResult[] = [];
  // the biggest texts first, each to whichever worker is free: the workers finish together
  const queue = jobs.map((j) => ({ j, text: textBytes(j) })).sort((a, b) => b.text - a.text).map(({ j }) => ({ abs: j.abs, rel: j.rel, format: j.format, zone: j.zone }));
  const poll = setInterval(() => {
    if (opts.cancelled?.()) Atomics.store(cancel, 0, 1);
  }, 50);
  try {
    await Promise.all(Array.from({ length: n }, () => new Promise<void>((resolve, reject) => {
      // a small young generation: a worker's garbage is short-lived, and every MiB of it counts in the process's memory
      const w = new Worker(script, { workerData: { workspacePack, maxFileBytes, cancel }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      const next = () => w.postMessage(queue.shift() ?? null);
      w.on('message', (m: { type: string; n?: number; result?: FileResult; events?: PackedEvents; file?: string; message?: string }) => {
        if (m.type === 'bytes') onBytes(m.n!);
        else if (m.type === 'file') {
          results.push({ ...m.result!, events: unpackEvents(m.events!) });
          next();
        } else if (m.type === 'error') {
          results.push({ path: m.file!, skipped: `scan failed: ${m.message}`, lines: 0, bytes: 0, mtimeMs: 0, events: [], links: [], anchors: [] });
          next();
        } else if (m.type === 'done') {
          void w.terminate();
          resolve();
        }
      });
      w.on('error', reject);
      w.on('exit', (code) => (code ? reject(new Error(`scan worker exited with ${code}`)) : resolve()));
      next();
    })));
  } finally {
    clearInterval(poll);
  }
  if (Atomics.load(cancel, 0)) throw new Cancelled();
  return results;
}
