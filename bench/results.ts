// Writes a benchmark's table into bench/RESULTS.md between its markers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const FILE = path.resolve(__dirname, '..', '..', 'bench', 'RESULTS.md');

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function writeSection(marker: string, rows: string[]): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    `<!-- ${marker}:start -->`,
    `Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, Node ${process.version}.`,
    '',
    '| Measurement | Result | Budget | Verdict |',
    '| --- | --- | --- | --- |',
    ...rows,
    `<!-- ${marker}:end -->`,
  ].join('\n');
  const old = fs.readFileSync(FILE, 'utf8');
  const re = new RegExp(`<!-- ${marker}:start -->[\\s\\S]*<!-- ${marker}:end -->`);
  if (!re.test(old)) throw new Error(`bench/RESULTS.md has no ${marker} markers`);
  fs.writeFileSync(FILE, old.replace(re, section));
  console.log(section);
}
