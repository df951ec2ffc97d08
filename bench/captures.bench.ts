// Benchmark for the capture parsers (see bench/RESULTS.md): a deterministic 24 h, 1-second
// `iostat -x -t` capture of 16 devices, in the column layout of sysstat 12 (what Debian and
// RHEL 8+ print) and in that of sysstat ≤ 11.5 (RHEL 7), is generated in memory and parsed
// by parseCapture in this process, best of three. Reading the file back is timed apart.
//   node out/bench/captures.bench.js [--hours 24]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCapture } from '../server/src/captures/index';
import { Random } from '../test/reference/generate';
import { writeSection } from './results';

const BUDGET_S = 2;
const DEVICES = ['sda', 'sdb', 'sdc', 'sdd', 'nvme0n1', 'nvme1n1', 'dm-0', 'dm-1', 'dm-2', 'dm-3', 'xvda', 'xvdb', 'md0', 'md127', 'cciss/c0d0', 'sr0'];

const LAYOUTS = {
  v12: {
    label: 'sysstat 12 columns',
    header: 'Device            r/s     rkB/s   rrqm/s  %rrqm r_await rareq-sz     w/s     wkB/s   wrqm/s  %wrqm w_await wareq-sz     d/s     dkB/s   drqm/s  %drqm d_await dareq-sz     f/s f_await  aqu-sz  %util',
  },
  v10: {
    label: 'sysstat ≤ 11.5 columns',
    header: 'Device:         rrqm/s   wrqm/s     r/s     w/s    rkB/s    wkB/s avgrq-sz avgqu-sz   await r_await w_await  svctm  %util',
  },
};

/** Right edges of the header's columns: iostat right-aligns each value under its name. */
function edges(header: string): number[] {
  const out: number[] = [];
  for (const m of header.matchAll(/\S+/g)) out.push(m.index + m[0].length);
  return out.slice(1);
}

/** A pool of formatted values per column (drawing and formatting 30 million numbers would time the generator, not the parser). */
function pools(r: Random, widths: number[]): string[][] {
  return widths.map((w) =>
    Array.from({ length: 1024 }, () => {
      const v = r.chance(0.3) ? 0 : r.next() ** 3 * Math.min(2000, 10 ** (w - 3) - 1);
      return v.toFixed(2).padStart(w);
    }),
  );
}

/** The capture, with `iostat -x -t` stamps in the C locale (`06/01/24 13:20:19`). */
function iostatCapture(layout: keyof typeof LAYOUTS, hours: number, seed = 42): string {
  const r = new Random(seed);
  const { header } = LAYOUTS[layout];
  const ends = edges(header);
  // the device name fills 13 characters ("%-13s"); each value ends under its column's name
  const nameWidth = 13;
  const widths = ends.map((e, i) => e - (i ? ends[i - 1] : nameWidth) - 1);
  const values = pools(r, widths);
  const cpu = Array.from({ length: 256 }, () => ['       ', ...[0, 1, 2, 3, 4].map(() => (r.next() * 20).toFixed(2).padStart(7))].join(' ') + ' ' + (50 + r.next() * 50).toFixed(2).padStart(7));
  const parts: string[] = ['Linux 6.1.0-18-amd64 (xen01) \t06/01/24 \t_x86_64_\t(16 CPU)\n\n'];
  const start = Date.UTC(2024, 5, 1, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < hours * 3600; i++) {
    const t = new Date(start + i * 1000);
    const lines = [`${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())}/${pad(t.getUTCFullYear() % 100)} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`, 'avg-cpu:  %user   %nice %system %iowait  %steal   %idle', cpu[r.int(cpu.length)], '', header];
    for (const d of DEVICES) {
      let row = d.padEnd(nameWidth);
      for (let c = 0; c < ends.length; c++) row += ' ' + values[c][r.int(1024)];
      lines.push(row);
    }
    parts.push(lines.join('\n') + '\n\n\n');
  }
  return parts.join('');
}

function measure(text: string): { best: number; rows: number; series: number } {
  let best = Infinity;
  let rows = 0;
  let series = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const c = parseCapture('iostat.txt', text, { zone: 'UTC', mtimeMs: Date.UTC(2024, 5, 2) });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.min(best, s);
    series = c.series.length;
    rows = c.series.filter((x) => x.metric === 'util').reduce((n, x) => n + x.times.length, 0);
    if (c.skipped || c.warnings.length) throw new Error(`the generated capture did not read cleanly: ${c.skipped ?? c.warnings[0].message}`);
  }
  return { best, rows, series };
}

/** Writes the capture to a file and reads it back as the scanner would, best of three. */
function readBack(text: string): number {
  const file = path.join(os.tmpdir(), `xenops-captures-bench-${process.pid}.txt`);
  fs.writeFileSync(file, text);
  let best = Infinity;
  try {
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      fs.readFileSync(file, 'utf8');
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
  return best;
}

function main(): void {
  const hoursArg = process.argv.indexOf('--hours');
  const hours = hoursArg > 0 ? Number(process.argv[hoursArg + 1]) : 24;
  const rows: string[] = [];
  for (const layout of ['v10', 'v12'] as const) {
    const text = iostatCapture(layout, hours);
    const mib = text.length / 1024 ** 2;
    const read = readBack(text);
    const m = measure(text);
    const verdict = m.best <= BUDGET_S ? 'met' : 'MISSED';
    rows.push(`| parseCapture, ${hours} h of 1-second \`iostat -x -t\`, 16 devices, ${LAYOUTS[layout].label} (${mib.toFixed(0)} MiB, ${m.rows.toLocaleString('en-US')} device rows → ${m.series} series) | **${m.best.toFixed(2)} s** (${(mib / m.best).toFixed(0)} MiB/s) | ≤ ${BUDGET_S} s | ${verdict} |`);
    rows.push(`| Reading the same file from the page cache (\`fs.readFileSync\`, UTF-8), for scale | ${read.toFixed(2)} s | — | — |`);
    console.log(rows.slice(-2).join('\n'));
  }
  writeSection('captures', rows);
}

main();
