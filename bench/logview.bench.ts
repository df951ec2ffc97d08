// Benchmark for browsing logs too big for the editor (see bench/RESULTS.md): the biggest file
// of the deterministic 1 GiB log folder (the scan benchmark's, generated once and shared) is
// indexed, then windows around 200 random lines are read, in turns with sed printing the same
// lines; the last window is read beside tail. The gzipped file of the folder is measured too.
//   node out/bench/logview.bench.js [--size 1024]   (MiB of the folder)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildLineIndex, type LineIndex, windowAround } from '../server/src/logview/lineIndex';
import { Random } from '../test/reference/generate';
import { writeLogFolder } from './logFolder';
import { percentile, writeSection } from './results';

const WINDOW = 100;
const SAMPLES = 200;
const GZIP_SAMPLES = 20;
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
  writeSection('logview', rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
