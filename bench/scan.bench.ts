// Benchmark for the log engine budget (see bench/RESULTS.md): `xenops scan` over a
// deterministic 1 GiB Xen host log folder, side by side in the same run with lnav
// loading the same files and ripgrep searching the same failure literals.
//   node out/bench/scan.bench.js [--size 1024]   (MiB)
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allLiterals, createEngine } from '../server/src/logs/engine';
import { writeLogFolder } from './logFolder';
import { writeSection } from './results';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const TIMEOUT_S = 900;

function ensureTools(): void {
  const missing = [['lnav', 'lnav'], ['rg', 'ripgrep'], ['/usr/bin/time', 'time']].filter(([bin]) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0).map(([, pkg]) => pkg);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) throw new Error(`install ${missing.join(' ')} (Debian) to run this benchmark`);
  execFileSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'inherit' });
}

/** Wall seconds and peak RSS (MiB) of a command, from GNU time; undefined seconds on timeout. */
function measure(cmd: string[]): { seconds?: number; rssMiB?: number; status: number | null } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'timeout', String(TIMEOUT_S), ...cmd], { encoding: 'utf8', maxBuffer: 1024 ** 3, stdio: ['ignore', 'ignore', 'pipe'] });
  const m = /(\d+(?:\.\d+)?) (\d+)\s*$/.exec(r.stderr.trim());
  if (r.status === 124 || !m) return { status: r.status };
  return { seconds: Number(m[1]), rssMiB: Number(m[2]) / 1024, status: r.status };
}

function best(runs: Array<ReturnType<typeof measure>>): ReturnType<typeof measure> {
  return runs.reduce((a, b) => ((b.seconds ?? Infinity) < (a.seconds ?? Infinity) ? b : a));
}

function main(): void {
  const sizeArg = process.argv.indexOf('--size');
  const mib = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 1024;
  ensureTools();
  const dir = path.join(os.tmpdir(), `xenops-scan-bench-${mib}`);
  if (!fs.existsSync(path.join(dir, '.complete'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    writeLogFolder(dir, mib * 1024 * 1024);
    fs.writeFileSync(path.join(dir, '.complete'), '');
  }
  const files = spawnSync('find', [dir, '-type', 'f', '!', '-name', '.complete'], { encoding: 'utf8' }).stdout.trim().split('\n');
  const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  spawnSync('sh', ['-c', `cat ${files.map((f) => `'${f}'`).join(' ')} > /dev/null`]); // the page cache holds the folder for every tool

  const patterns = path.join(dir, '..', `xenops-patterns-${mib}.txt`);
  fs.writeFileSync(patterns, allLiterals(createEngine().pack).join('\n') + '\n');

  // best of three runs each, taken in turns so that a slow moment of the machine hits every tool alike
  const runs = { xenops: [] as Array<ReturnType<typeof measure>>, rg: [] as Array<ReturnType<typeof measure>>, lnav: [] as Array<ReturnType<typeof measure>> };
  for (let i = 0; i < 3; i++) {
    runs.xenops.push(measure([process.execPath, CLI, 'scan', '--json', dir]));
    runs.rg.push(measure(['rg', '-c', '-F', '--search-zip', '-f', patterns, dir]));
    runs.lnav.push(measure(['lnav', '-n', '-c', ';SELECT count(*) FROM all_logs', ...files]));
  }
  const [xenops, rg, lnav] = [best(runs.xenops), best(runs.rg), best(runs.lnav)];
  const events = JSON.parse(execFileSync(process.execPath, [CLI, 'scan', '--json', dir], { encoding: 'utf8', maxBuffer: 1024 ** 3 })).events.length;

  const f = (s?: number) => (s === undefined ? `> ${TIMEOUT_S} s (stopped)` : `${s.toFixed(2)} s`);
  const ratio = (a?: number, b?: number) => (a && b ? (b / a).toFixed(1) : '—');
  const vsLnav = lnav.seconds === undefined ? TIMEOUT_S / (xenops.seconds ?? 1) : lnav.seconds / (xenops.seconds ?? 1);
  const vsRg = (xenops.seconds ?? Infinity) / (rg.seconds ?? 1);
  writeSection('scan', [
    `| xenops scan --json, ${files.length} files, ${(bytes / 1024 ** 3).toFixed(2)} GiB (${events} events), ${os.cpus().length} worker threads | **${f(xenops.seconds)}**, peak RSS **${xenops.rssMiB?.toFixed(0)} MiB** | — | — |`,
    `| lnav ${spawnSync('lnav', ['-V'], { encoding: 'utf8' }).stdout.trim().replace(/^lnav /, '')} loading the same files (\`lnav -n -c ';SELECT count(*) FROM all_logs'\`) | ${f(lnav.seconds)}, peak RSS ${lnav.rssMiB?.toFixed(0) ?? '—'} MiB | xenops ≥ 10× faster | ${vsLnav >= 10 ? 'met' : 'MISSED'} (${lnav.seconds === undefined ? '>' : ''}${vsLnav.toFixed(1)}×) |`,
    `| ripgrep ${spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].replace(/^ripgrep /, '')} searching the same ${fs.readFileSync(patterns, 'utf8').trim().split('\n').length} failure literals (\`rg -c -F --search-zip\`) | ${f(rg.seconds)} | xenops within 5× | ${vsRg <= 5 ? 'met' : 'MISSED'} (${ratio(rg.seconds, xenops.seconds)}×) |`,
    `| Peak RSS of xenops | ${xenops.rssMiB?.toFixed(0)} MiB | ≤ 256 MiB | ${(xenops.rssMiB ?? Infinity) <= 256 ? 'met' : 'MISSED'} |`,
  ]);
}

main();
