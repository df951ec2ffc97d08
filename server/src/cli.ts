// The xenops command line: the same checkers as the editor, for CI and for hosts without one.
import { version } from '../../package.json';
import { UsageError } from './cli/args';
import { DIFF_USAGE, runDiff } from './cli/diff';
import { EXPORT_USAGE, runExport } from './cli/export';
import { LINT_USAGE, runLint } from './cli/lint';
import { runScan, SCAN_USAGE } from './cli/scan';

const USAGE = `xenops ${version} — Xen operations toolkit
usage: xenops <command> [options]

commands:
  lint     check Xen domain configs the way xl reads them, and across configs and hosts
  diff     compare two domain configs (or two hosts' folders of them) semantically
  scan     read a folder of logs, find the failures and group them into incidents
  export   write a folder's incident timeline as Markdown, HTML, JSON or CSV

Run 'xenops <command> --help' for the options of a command.`;

const USAGES: Record<string, string> = { lint: LINT_USAGE, diff: DIFF_USAGE, scan: SCAN_USAGE, export: EXPORT_USAGE };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version') {
    process.stdout.write(version + '\n');
    return 0;
  }
  try {
    if (command in USAGES && (rest.includes('--help') || rest.includes('-h'))) {
      process.stdout.write(USAGES[command] + '\n');
      return 0;
    }
    if (command === 'lint') {
      const run = runLint(rest, version);
      process.stdout.write(run.output);
      for (const p of run.problems) process.stderr.write(`xenops: ${p}\n`);
      return run.exitCode;
    }
    if (command === 'diff') {
      const run = runDiff(rest);
      process.stdout.write(run.output);
      return run.exitCode;
    }
    if (command === 'scan' || command === 'export') {
      const run = await (command === 'scan' ? runScan : runExport)(rest, process.stderr);
      process.stdout.write(run.output);
      return run.exitCode;
    }
    throw new UsageError(`unknown command '${command}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`xenops: ${e.message}\n${USAGES[command] ?? USAGE}\n`);
      return 2;
    }
    process.stderr.write(`xenops: internal error: ${(e as Error).message}\n`);
    return 3;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
