// Walks the shared corpus of real log samples: every failure a careful reader found
// (test/fixtures/corpus-expectations.json) must come out of the engine at that line,
// with that category and that time, and the samples without a failure must give no error.
// Skipped when the corpus is not beside the project.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanFolder } from '../../server/src/logs/scan';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
const EXPECTED = path.join(ROOT, 'test', 'fixtures', 'corpus-expectations.json');

interface Expectation {
  format: string | null;
  note: string;
  events: Array<{ line: number; category: string; time: string | null }>;
  /** Lines that belong to a record above them: no event of their own. */
  notEvents?: number[];
}

/** "2019-08-19T08:18:38.274652Z" → to the millisecond, as the engine keeps times; "--07-01T09:01:05" stays partial. */
function normalise(t: string): string {
  if (t.startsWith('--')) return t;
  return new Date(t).toISOString();
}

describe('the real-world corpus', function () {
  this.timeout(60000);
  const expectations = JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as Record<string, Expectation>;
  const files = Object.entries(expectations).filter(([k]) => !k.startsWith('_'));

  before(function () {
    if (!fs.existsSync(CORPUS)) this.skip();
  });

  it('finds every expected failure with its category and time, and names each format', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [rel, want] of files) {
      const t = await scanFolder({ folder: path.join(CORPUS, rel), zone: 'UTC', workers: 1 });
      const summary = t.files[0];
      if (want.format && summary.format !== want.format) problems.push(`${rel}: format ${summary.format ?? summary.skipped}, expected ${want.format}`);
      for (const e of want.events) {
        checked++;
        const got = t.events.filter((x) => x.line === e.line);
        const match = got.find((x) => x.category === e.category);
        if (!match) {
          problems.push(`${rel}:${e.line}: expected ${e.category}, got ${got.map((x) => `${x.category} (${x.rule})`).join(', ') || 'no event'}`);
          continue;
        }
        const wantTime = e.time === null ? null : normalise(e.time);
        const gotTime = wantTime?.startsWith('--') && match.time ? `--${match.time.slice(5, 19)}` : match.time;
        if (gotTime !== wantTime) problems.push(`${rel}:${e.line}: time ${match.time}, expected ${e.time}`);
      }
      for (const line of want.notEvents ?? []) {
        const extra = t.events.find((x) => x.line === line);
        if (extra) problems.push(`${rel}:${line}: an event of its own (${extra.rule}), expected a line of the record above`);
      }
    }
    assert.ok(checked > 50, `only ${checked} expectations`);
    assert.deepStrictEqual(problems, []);
  });

  it('finds no error in the samples a careful reader found no failure in', async () => {
    const problems: string[] = [];
    const quiet = files.filter(([, want]) => !want.events.length);
    for (const [rel] of quiet) {
      const t = await scanFolder({ folder: path.join(CORPUS, rel), zone: 'UTC', workers: 1 });
      for (const e of t.events.filter((x) => x.severity === 'error')) problems.push(`${rel}:${e.line}: ${e.category} (${e.rule}) in a sample without failures: ${e.message.slice(0, 100)}`);
    }
    assert.ok(quiet.length > 20, `only ${quiet.length} samples without failures`);
    assert.deepStrictEqual(problems, []);
  });
});
