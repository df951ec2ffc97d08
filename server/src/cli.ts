// The xenops command line: the same checkers as the editor, for CI and for hosts without one.
import { version } from '../../package.json';
import { UsageError } from './cli/args';
import { DIFF_USAGE, runDiff } from './cli/diff';
import { LINT_USAGE, runLint } from './cli/lint';

const USAGE = `xenops ${version} — Xen operations toolkit
usage: xenops <command> [options]

commands:
  lint     check Xen domain configs the way xl reads them, and across configs and hosts
  diff     compare two domain configs (or two hosts' folders of them) semantically

Run 'xenops <command> --help' for the options of a command.`;

function main(argv: string[]): number {
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
    if (command === 'lint') {
      if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(LINT_USAGE + '\n');
        return 0;
      }
      const run = runLint(rest, version);
      process.stdout.write(run.output);
      for (const p of run.problems) process.stderr.write(`xenops: ${p}\n`);
      return run.exitCode;
    }
    if (command === 'diff') {
      if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(DIFF_USAGE + '\n');
        return 0;
      }
      const run = runDiff(rest);
      process.stdout.write(run.output);
      return run.exitCode;
    }
    throw new UsageError(`unknown command '${command}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`xenops: ${e.message}\n${command === 'lint' ? LINT_USAGE : command === 'diff' ? DIFF_USAGE : USAGE}\n`);
      return 2;
    }
    process.stderr.write(`xenops: internal error: ${(e as Error).message}\n`);
    return 3;
  }
}

process.exitCode = main(process.argv.slice(2));
