// Benchmark for browsing logs too big for the editor (see bench/RESULTS.md): the biggest file
// of the deterministic 1 GiB log folder (the scan benchmark's, generated once and shared) is
// indexed, then windows around 200 random lines are read, in turns with sed printing the same
// lines; the last window is read beside tail. The gzipped file of the folder is measured too.
// Then the built language server (dist/server.js, over stdio) opens the whole folder while a
// cheap request probes how responsive it stays, every failure of the scan is opened in a
// window and checked to be on its line, and the merged timeline is built; `wc -l` over the
// plain files of the folder is timed beside it for scale.
//   node out/bench/logview.bench.js [--size 1024]   (MiB of the folder)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { Timeline, TimelineEvent } from '../server/src/logs/correlate';
import { buildLineIndex, type LineIndex, windowAround } from '../server/src/logview/lineIndex';
import type { MergedDocument } from '../server/src/logview/merged';
import { windowUri } from '../server/src/logview/windowUri';
import { SERVER } from '../test/lsp/client';
import { Random } from '../test/reference/generate';
import { writeLogFolder } from './logFolder';
import { percentile, writeSection } from './results';

const WINDOW = 100;
const SAMPLES = 200;
const GZIP_SAMPLES = 20;
/** Through the server: lines of the window opened around each failure, and how many failures of the gzipped file are opened. */
const SERVER_WINDOW = 5000;
const SERVER_GZIP_SAMPLES = 10;
const PROBE_EVERY_MS = 50;
const IDLE_PROBE_MS = 1000;
const SCAN_ROUNDS = 3;
/** Characters of a failure's message that must be found on its line. */
const MESSAGE_PREFIX = 40;
const MiB = 1024 * 1024;

/** The scan benchmark's folder: the same generator and seed, kept under the same name. */
function logFolder(mib: number): string {
  const dir = path.join(os.tmpdir(), `xenops-scan-bench-${mib}`);
  if (!fs.existsSync(path.join(dir, '.complete'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    writeLogFolder(dir, mib * MiB);
    fs.writeFileSync(path.join(dir, '.complete'), '');
  }
  return dir;
}

function files(dir: string): Array<{ file: string; size: number }> {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => path.join(dir, rel))
    .filter((file) => fs.statSync(file).isFile() && !file.endsWith('.complete'))
    .map((file) => ({ file, size: fs.statSync(file).size }));
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Best of three builds; the first also samples the process's RSS at every chunk read. */
async function timeIndex(file: string): Promise<{ index: LineIndex; runs: number[]; rssGrowth: number }> {
  const base = process.memoryUsage.rss();
  let peak = base;
  const runs: number[] = [];
  let index: LineIndex | undefined;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    index = await buildLineIndex(file, { onBytes: i ? undefined : () => (peak = Math.max(peak, process.memoryUsage.rss())) });
    runs.push(ms(t0));
  }
  return { index: index!, runs, rssGrowth: (peak - base) / MiB };
}

/** Milliseconds of a command, and its output. */
function run(cmd: string, args: string[]): { ms: number; out: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * MiB });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return { ms: ms(t0), out: r.stdout };
}

/** The window around each line, timed, and the same lines printed by sed right after. */
async function windows(index: LineIndex, lines: number[], peer: boolean): Promise<{ xenops: number[]; sed: number[] }> {
  const xenops: number[] = [];
  const sed: number[] = [];
  for (const line of lines) {
    const t0 = process.hrtime.bigint();
    const w = await windowAround(index, line, WINDOW);
    xenops.push(ms(t0));
    if (!peer) continue;
    const last = w.first + w.lines.length - 1;
    const r = run('sed', ['-n', `${w.first},${last}p;${last}q`, index.path]);
    sed.push(r.ms);
    if (r.out !== w.lines.join('\n') + '\n') throw new Error(`lines ${w.first}–${last} differ from sed's`);
  }
  return { xenops, sed };
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 **${percentile(sorted, 95).toFixed(2)} ms**`;
}

const p50 = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 50);

async function main(): Promise<void> {
  const sizeArg = process.argv.indexOf('--size');
  const dir = logFolder(sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 1024);
  const all = files(dir);
  const total = all.reduce((s, f) => s + f.size, 0);
  const biggest = all.reduce((a, b) => (b.size > a.size ? b : a));
  const gz = all.find((f) => f.file.endsWith('.gz'));
  spawnSync('cat', [biggest.file], { stdio: ['ignore', 'ignore', 'ignore'] }); // every reader finds it in the page cache
  const name = path.relative(dir, biggest.file);
  const r = new Random(7);

  const { index, runs, rssGrowth } = await timeIndex(biggest.file);
  const best = Math.min(...runs);
  const around = Array.from({ length: SAMPLES }, () => 1 + r.int(index.lines));
  const w = await windows(index, around, true);
  const last = await windowAround(index, index.lines, WINDOW);
  if (run('tail', ['-n', String(WINDOW), index.path]).out !== last.lines.join('\n') + '\n') throw new Error("the last lines differ from tail's");
  const lastXenops = (await windows(index, Array(20).fill(index.lines), false)).xenops;
  const lastTail = Array.from({ length: 20 }, () => run('tail', ['-n', String(WINDOW), index.path]).ms);
  const spawnOnly = Array.from({ length: 20 }, () => run('true', []).ms);

  const rows = [
    `| Index ${name} of a ${(total / 1024 ** 3).toFixed(2)} GiB log folder (${(biggest.size / MiB).toFixed(0)} MiB, ${index.lines.toLocaleString('en-US')} lines, page cache warm), best of ${runs.map((t) => `${t.toFixed(0)} ms`).join(', ')} | **${best.toFixed(0)} ms** (${(biggest.size / MiB / (best / 1000)).toFixed(0)} MiB/s) | — | — |`,
    `| RSS growth while indexing it; the index itself holds ${index.offsets.length.toLocaleString('en-US')} offsets (one per ${index.every} lines) | **${rssGrowth.toFixed(1)} MiB** | — | — |`,
    `| \`windowAround\`: ${WINDOW} lines around each of ${SAMPLES} random lines of it | ${stats(w.xenops)} | — | — |`,
    `| \`sed -n 'A,Bp;Bq'\` printing the same lines (each checked equal; a process start costs ${p50(spawnOnly).toFixed(1)} ms of it) | ${stats(w.sed)} | peer | xenops **${(p50(w.sed) / p50(w.xenops)).toFixed(0)}×** faster (p50) |`,
    `| The last ${WINDOW} lines: \`windowAround\` at the last line vs \`tail -n ${WINDOW}\`, median of 20 | ${p50(lastXenops).toFixed(2)} ms vs ${p50(lastTail).toFixed(2)} ms | peer | xenops **${(p50(lastTail) / p50(lastXenops)).toFixed(0)}×** faster |`,
  ];
  if (gz) {
    const gzIndex = await timeIndex(gz.file);
    const gzLines = Array.from({ length: GZIP_SAMPLES }, () => 1 + r.int(gzIndex.index.lines));
    const g = await windows(gzIndex.index, gzLines, false);
    rows.push(`| ${path.relative(dir, gz.file)} (${(gz.size / MiB).toFixed(1)} MiB gzip, ${(gzIndex.index.bytes / MiB).toFixed(0)} MiB of text): index, best of 3; then ${WINDOW} lines around ${GZIP_SAMPLES} random lines (decompressed from the start each time) | index ${Math.min(...gzIndex.runs).toFixed(0)} ms; windows ${stats(g.xenops)} | — | — |`);
  }
  rows.push('', ...(await throughServer(dir, all)));
  writeSection('logview', rows);
}

// ---- through the language server over stdio ----

/** The built server in its own process, spawned as test/lsp/client.ts spawns it, with its pid (for /proc). */
function startServer(): { connection: ProtocolConnection; pid: number; stop: () => Promise<void> } {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  // default settings for every section; the CodeLens refresh after a scan and registrations are acknowledged
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  for (const method of ['workspace/codeLens/refresh', 'client/registerCapability']) connection.onRequest(method, () => null);
  connection.listen();
  const stop = async () => {
    try {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
    } finally {
      connection.dispose();
      setTimeout(() => proc.kill(), 2000).unref();
    }
  };
  return { connection, pid: proc.pid!, stop };
}

/** MiB of a /proc/<pid>/status field (VmRSS, VmHWM). */
function procMiB(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

function spread(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 **${percentile(sorted, 95).toFixed(1)} ms**, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

/** The message as it should read on its line: without the ` [decoded …]` the engine may append. */
function unannotated(message: string): string {
  return message.replace(/\s+\[[^\]]*\]$/, '');
}

interface Checked {
  ms: number;
  ok: boolean;
  /** The line holds the whole message, not just its first characters. */
  whole: boolean;
  firstOfFile: boolean;
  event: TimelineEvent;
  got?: string;
}

interface Round {
  connection: ProtocolConnection;
  pid: number;
  stop: () => Promise<void>;
  timeline: Timeline;
  openMs: number;
  /** Probe latencies on the idle server, and while the scan ran. */
  idle: number[];
  during: number[];
  rssBefore: number;
  rssAfter: number;
  hwmScan: number;
}

/** A fresh server opens the folder while a hover on a small domU config probes it every 50 ms. */
async function openRound(dir: string): Promise<Round> {
  const { connection: c, pid, stop } = startServer();
  await c.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, workspaceFolders: null });
  await c.sendNotification(InitializedNotification.type, {});
  // the probe: hover on `memory` in a small domU config, an untitled editor checked on its own
  const probeUri = 'untitled:probe.cfg';
  const opened = new Promise<void>((resolve) => c.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.uri === probeUri) resolve();
  }));
  await c.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: probeUri, languageId: 'xen-cfg', version: 1, text: 'name = "probe"\ntype = "pvh"\nmemory = 1024\nvcpus = 2\ndisk = [ "/dev/vg0/probe,raw,xvda,rw" ]\n' } });
  await opened;
  const hover = async (): Promise<number> => {
    const t0 = process.hrtime.bigint();
    const h = await c.sendRequest('textDocument/hover', { textDocument: { uri: probeUri }, position: { line: 2, character: 2 } });
    if (!h) throw new Error('the probe hover returned nothing');
    return ms(t0);
  };
  const probe = async (until: Promise<unknown>): Promise<number[]> => {
    const pending: Array<Promise<number>> = [];
    const timer = setInterval(() => pending.push(hover()), PROBE_EVERY_MS);
    try {
      await until;
    } finally {
      clearInterval(timer);
    }
    return Promise.all(pending);
  };
  const idle = await probe(new Promise((r) => setTimeout(r, IDLE_PROBE_MS)));
  const rssBefore = procMiB(pid, 'VmRSS');
  const t0 = process.hrtime.bigint();
  const scan = c.sendRequest('xenops/openLogFolder', { folder: pathToFileURL(dir).href }) as Promise<{ folder: string; timeline: Timeline }>;
  const during = await probe(scan);
  const openMs = ms(t0);
  const { timeline } = await scan;
  return { connection: c, pid, stop, timeline, openMs, idle, during, rssBefore, rssAfter: procMiB(pid, 'VmRSS'), hwmScan: procMiB(pid, 'VmHWM') };
}

async function throughServer(dir: string, all: Array<{ file: string; size: number }>): Promise<string[]> {
  const plain = all.filter((f) => !f.file.endsWith('.gz'));
  spawnSync('sh', ['-c', `cat ${all.map((f) => `'${f.file}'`).join(' ')} > /dev/null`]); // the page cache holds the whole folder
  const wc = run('wc', ['-l', ...plain.map((f) => f.file)]);
  const wcLines = new Map(wc.out.trim().split('\n').map((l) => l.trim().split(/\s+/, 2)).filter(([, f]) => f !== 'total').map(([n, f]) => [path.relative(dir, f), Number(n)]));
  const wcTotal = [...wcLines.values()].reduce((a, b) => a + b, 0);
  const load = os.loadavg()[0];

  // the scan, cold in a fresh server each time, three times in turn (best counts); the last server goes on
  const rounds: Round[] = [];
  for (let i = 0; i < SCAN_ROUNDS; i++) {
    if (rounds.length) await rounds[rounds.length - 1].stop();
    rounds.push(await openRound(dir));
  }
  const { connection: c, pid, stop, timeline } = rounds[rounds.length - 1];
  const openMs = Math.min(...rounds.map((r) => r.openMs));
  const idle = rounds.flatMap((r) => r.idle);
  const during = rounds.flatMap((r) => r.during);
  const { rssBefore, rssAfter, hwmScan } = rounds[rounds.length - 1];
  const events = new Set(rounds.map((r) => `${r.timeline.events.length}/${r.timeline.incidents.length}`));
  if (events.size > 1) console.error(`the scans disagree (events/incidents): ${[...events].join(', ')}`);
  try {
    const timelineBytes = Buffer.byteLength(JSON.stringify(timeline));
    const lineMismatch = timeline.files.filter((f) => wcLines.has(f.path) && wcLines.get(f.path) !== f.lines).map((f) => `${f.path}: scan ${f.lines}, wc ${wcLines.get(f.path)}`);
    const skipped = timeline.files.filter((f) => f.skipped).map((f) => `${f.path} (${f.skipped})`);

    // 3. every failure of the plain files in a window around it; a sample of the gzipped file's
    const gzEvents = timeline.events.filter((e) => e.file.endsWith('.gz'));
    const gzSample = gzEvents.length <= SERVER_GZIP_SAMPLES ? gzEvents : Array.from({ length: SERVER_GZIP_SAMPLES }, (_, i) => gzEvents[Math.round((i * (gzEvents.length - 1)) / (SERVER_GZIP_SAMPLES - 1))]);
    const seen = new Set<string>();
    const totals = new Map<string, number>();
    const check = async (e: TimelineEvent): Promise<Checked> => {
      const file = path.join(dir, ...e.file.split('/'));
      const first = Math.max(1, e.line - SERVER_WINDOW / 2);
      const t = process.hrtime.bigint();
      const w = (await c.sendRequest('xenops/logWindow', { uri: windowUri({ file, first, count: SERVER_WINDOW }) })) as { text: string; first: number; total: number };
      const took = ms(t);
      const firstOfFile = !seen.has(e.file);
      seen.add(e.file);
      totals.set(e.file, w.total);
      const got = w.first === first ? w.text.split('\n')[e.line - first] : undefined;
      const text = unannotated(e.message);
      return { ms: took, ok: got !== undefined && got.includes(text.slice(0, MESSAGE_PREFIX)), whole: got !== undefined && got.includes(text), firstOfFile, event: e, got };
    };
    const plainChecked: Checked[] = [];
    const tPlain = process.hrtime.bigint();
    for (const e of timeline.events) if (!e.file.endsWith('.gz')) plainChecked.push(await check(e));
    const plainMs = ms(tPlain);
    const gzChecked: Checked[] = [];
    const tGz = process.hrtime.bigint();
    for (const e of gzSample) gzChecked.push(await check(e));
    const gzMs = ms(tGz);
    const rssWindows = procMiB(pid, 'VmRSS');
    const hwmWindows = procMiB(pid, 'VmHWM');
    const totalMismatch = [...totals].filter(([f, n]) => wcLines.has(f) && wcLines.get(f) !== n).map(([f, n]) => `${f}: window total ${n}, wc ${wcLines.get(f)}`);

    // 4. the merged timeline of the folder (already open)
    const tm = process.hrtime.bigint();
    const merged = (await c.sendRequest('xenops/mergedTimeline', { folder: pathToFileURL(dir).href })) as MergedDocument;
    const mergedMs = ms(tm);
    const mergedBytes = Buffer.byteLength(merged.text);
    const mergedLines = merged.text.split('\n').length;

    const failed = [...plainChecked, ...gzChecked].filter((x) => !x.ok);
    for (const f of [...plainChecked, ...gzChecked].filter((x) => x.ok && !x.whole).slice(0, 5)) console.error(`message cut: ${f.event.file}:${f.event.line} ${JSON.stringify(f.event.message)} — line reads ${JSON.stringify(f.got)}`);
    for (const f of failed.slice(0, 10)) console.error(`unreachable: ${f.event.file}:${f.event.line} ${JSON.stringify(f.event.message)} — line reads ${JSON.stringify(f.got)}`);
    for (const m of [...lineMismatch, ...totalMismatch]) console.error(`line count: ${m}`);
    for (const s of skipped) console.error(`skipped: ${s}`);
    const byCat = new Map<string, number>();
    for (const e of timeline.events) byCat.set(e.category, (byCat.get(e.category) ?? 0) + 1);
    const plainFiles = new Set(plainChecked.map((x) => x.event.file)).size;
    const firsts = plainChecked.filter((x) => x.firstOfFile).map((x) => x.ms);
    const later = plainChecked.filter((x) => !x.firstOfFile).map((x) => x.ms);
    const gzBytes = all.find((f) => f.file.endsWith('.gz'));
    const mib = all.reduce((s, f) => s + f.size, 0) / MiB;
    const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

    return [
      '**Through the language server.** How it is measured: the built server (`dist/server.js`) runs in its own process, driven over stdio by ' +
        'the LSP client library the protocol tests use, with default settings; the whole folder is in the page cache. `xenops/openLogFolder` opens the ' +
        `folder (the first scan in the process, so no file is reused), in ${SCAN_ROUNDS} fresh server processes one after the other; the best counts. Meanwhile a hover on \`memory\` in a small untitled domU config is sent every ${PROBE_EVERY_MS} ms ` +
        `and timed to its answer (the same probe on the idle server, for ${IDLE_PROBE_MS / 1000} s before each scan, is the reference). RSS is the server process's \`VmRSS\` (peak: \`VmHWM\`) ` +
        `from /proc, worker threads included. Then, in the last server, one at a time, \`xenops/logWindow\` opens ${SERVER_WINDOW} lines around every failure of the scan in the plain ` +
        `files (first line = failure line − ${SERVER_WINDOW / 2}) and the failure's line in the window must contain the first ${MESSAGE_PREFIX} characters of its message ` +
        `(without a trailing \` […]\` annotation); the first window of each file also builds that file's line index. Of the gzipped file, ${SERVER_GZIP_SAMPLES} failures ` +
        'spread over it are opened the same way (each window decompresses from the start). Last, `xenops/mergedTimeline` renders the open folder. ' +
        '`wc -l` over the same plain files, in the same run, gives the scale of one pass over the text.',
      '',
      '| Measurement | Result | Budget | Verdict |',
      '| --- | --- | --- | --- |',
      `| \`xenops/openLogFolder\`, ${all.length} files, ${(mib / 1024).toFixed(2)} GiB, cold server process: ${timeline.events.length} failures (${[...byCat].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}), ${timeline.incidents.length} incidents; the answer is ${(timelineBytes / 1024).toFixed(0)} KiB of JSON; best of ${rounds.map((r) => `${(r.openMs / 1000).toFixed(2)} s`).join(', ')} (load average ${load.toFixed(1)} before) | **${(openMs / 1000).toFixed(2)} s** | — | — |`,
      `| Server RSS (last process): before the scan → after it (peak so far) → after every window below (peak so far) | ${rssBefore.toFixed(0)} → **${rssAfter.toFixed(0)} MiB** (${hwmScan.toFixed(0)} MiB) → ${rssWindows.toFixed(0)} MiB (${hwmWindows.toFixed(0)} MiB) | — | — |`,
      `| Responsiveness: hover probe every ${PROBE_EVERY_MS} ms while the scans run (${during.length} probes in all) | ${spread(during)} | — | — |`,
      `| The same probe on the idle servers before their scans (${idle.length} probes), for reference | ${spread(idle)} | — | — |`,
      `| Every failure reachable: ${SERVER_WINDOW}-line window around each of the ${plainChecked.length} failures in ${plainFiles} plain files, its line checked | ${plainChecked.length - plainChecked.filter((x) => !x.ok).length} of ${plainChecked.length} found (${plainChecked.filter((x) => x.whole).length} with the whole message), **${plainChecked.filter((x) => !x.ok).length} unreachable**; ${(plainMs / 1000).toFixed(2)} s in all | every failure reachable | ${verdict(!plainChecked.some((x) => !x.ok))} |`,
      `| — per window, once the file is indexed (${later.length}) / the first window of each file, index build included (${firsts.length}) | ${later.length ? spread(later) : '—'} / p50 ${p50(firsts).toFixed(0)} ms, max ${Math.max(...firsts).toFixed(0)} ms | — | — |`,
      ...(gzChecked.length
        ? [`| ${gzBytes ? path.relative(dir, gzBytes.file) : 'gzip'}: window around ${gzChecked.length} of its ${gzEvents.length} failures, spread over the file (each decompresses from the start; the first also indexes it) | ${gzChecked.length - gzChecked.filter((x) => !x.ok).length} of ${gzChecked.length} found (${gzChecked.filter((x) => x.whole).length} with the whole message); ${spread(gzChecked.map((x) => x.ms))}; ${(gzMs / 1000).toFixed(2)} s in all | every failure reachable | ${verdict(!gzChecked.some((x) => !x.ok))} |`]
        : []),
      `| \`xenops/mergedTimeline\` of the open folder: ${merged.links.length} linked failures, ${mergedLines.toLocaleString('en-US')} lines, ${(mergedBytes / 1024).toFixed(0)} KiB of text | **${mergedMs.toFixed(0)} ms** | — | — |`,
      `| \`wc -l\` over the ${plain.length} plain files (${(plain.reduce((s, f) => s + f.size, 0) / MiB / 1024).toFixed(2)} GiB, ${wcTotal.toLocaleString('en-US')} lines; the scan's and the windows' line counts ${lineMismatch.length + totalMismatch.length ? `differ for ${lineMismatch.length + totalMismatch.length} files` : 'agree with it'}), same run | ${(wc.ms / 1000).toFixed(2)} s | reference | scan / wc = ${(openMs / wc.ms).toFixed(1)}× |`,
    ];
  } finally {
    await stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
