// Walks the real captures of the shared corpus (sysstat, vmstat, xentop): each must be
// recognised, read at the zone and mtime its expectation gives, and hold the values a
// careful reader found at those times (test/fixtures/capture-expectations.json).
// Skipped when the corpus is not beside the project.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectCapture, parseCapture } from '../../server/src/captures/index';
import { headLines } from '../../server/src/captures/text';
import type { Metric, SubjectKind } from '../../server/src/captures/types';
import { ROOT } from './captures-helpers';

const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
const DIRS = ['sysstat', 'vmstat', 'xentop'];

interface Expectation {
  kind?: string;
  zone: string;
  mtime: string;
  host?: string;
  cpus?: number;
  skipped?: string;
  points?: Array<[Metric, string, string, number]>;
  warnings?: string[];
}

describe('captures: the real-world corpus', function () {
  this.timeout(60000);
  const expectations = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'capture-expectations.json'), 'utf8')) as Record<string, Expectation>;

  before(function () {
    if (!fs.existsSync(CORPUS)) this.skip();
  });

  it('has an expectation for every sample', () => {
    const files = DIRS.flatMap((d) => fs.readdirSync(path.join(CORPUS, d)).map((f) => `${d}/${f}`)).sort();
    assert.deepStrictEqual(files, Object.keys(expectations).filter((k) => !k.startsWith('_')).sort());
  });

  it('recognises, dates and reads every sample as expected', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [rel, want] of Object.entries(expectations)) {
      if (rel.startsWith('_')) continue;
      const text = fs.readFileSync(path.join(CORPUS, rel), 'utf8');
      const c = parseCapture(rel, text, { zone: want.zone, mtimeMs: Date.parse(want.mtime) });
      if (want.skipped) {
        if (!new RegExp(want.skipped).test(c.skipped ?? '')) problems.push(`${rel}: expected skipped /${want.skipped}/, got ${c.skipped ?? `${c.series.length} series`}`);
        if (detectCapture(rel, headLines(text)) !== undefined) problems.push(`${rel}: recognised as a capture`);
        continue;
      }
      if (c.skipped) problems.push(`${rel}: skipped (${c.skipped})`);
      if (detectCapture(rel, headLines(text)) !== want.kind || c.kind !== want.kind) problems.push(`${rel}: kind ${c.kind}, expected ${want.kind}`);
      if (want.host !== undefined && c.host !== want.host) problems.push(`${rel}: host ${c.host}, expected ${want.host}`);
      if (want.cpus !== undefined && c.cpus !== want.cpus) problems.push(`${rel}: cpus ${c.cpus}, expected ${want.cpus}`);
      for (const [metric, subject, time, value] of want.points ?? []) {
        checked++;
        const [kind, name] = [subject.slice(0, subject.indexOf(':')) as SubjectKind, subject.slice(subject.indexOf(':') + 1)];
        const s = c.series.find((x) => x.metric === metric && x.subject.kind === kind && x.subject.name === name);
        const i = s ? s.times.indexOf(Date.parse(time)) : -1;
        if (!s) problems.push(`${rel}: no ${metric} series for ${subject}`);
        else if (i < 0) problems.push(`${rel}: ${metric} ${subject} has no sample at ${time} (${s.times.map((t) => new Date(t).toISOString()).join(', ')})`);
        else if (Math.abs(s.values[i] - value) > 1e-9) problems.push(`${rel}: ${metric} ${subject} at ${time} is ${s.values[i]}, expected ${value}`);
      }
      const warnings = c.warnings.map((w) => w.message);
      const patterns = want.warnings ?? [];
      if (warnings.length !== patterns.length || patterns.some((p, k) => !new RegExp(p).test(warnings[k]))) problems.push(`${rel}: warnings ${JSON.stringify(warnings)}, expected ${JSON.stringify(patterns)}`);
      for (const s of c.series) {
        if (s.times.some((t, k) => k > 0 && s.times[k - 1] > t)) problems.push(`${rel}: ${s.metric} ${s.subject.name} times not ascending`);
      }
    }
    assert.deepStrictEqual(problems, []);
    assert.ok(checked >= 100, `only ${checked} points checked`);
  });
});
