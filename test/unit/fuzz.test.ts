// Property test: random and mutated inputs never crash the parser, the spec parsers
// or the rules, and every finding stays inside the text.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { completeXl } from '../../server/src/xl/completion';
import { hoverXl } from '../../server/src/xl/hover';
import { lintXl } from '../../server/src/xl/lint';
import { parseDisk } from '../../server/src/xl/specs/disk';
import { mutate, Random, randomConfig, randomDiskSpec } from '../reference/generate';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'xl');

function randomBytes(r: Random): string {
  let s = '';
  for (let i = r.int(200); i > 0; i--) s += String.fromCharCode(r.chance(0.8) ? 32 + r.int(95) : r.int(0x3000));
  return s;
}

describe('fuzz: no crash on any input', function () {
  this.timeout(60_000);
  const corpus = fs.readdirSync(FIXTURES).map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));

  it('lints, hovers and completes 6000 random, mutated and byte-noise configs', () => {
    const r = new Random(99);
    for (let i = 0; i < 6000; i++) {
      const kind = i % 3;
      let text = kind === 0 ? randomConfig(r) : kind === 1 ? r.pick(corpus) : randomBytes(r);
      for (let m = r.int(4); m > 0; m--) text = mutate(r, text);
      const a = lintXl(text, { version: r.pick(['4.17', '4.19', '4.22'] as const) });
      for (const f of a.findings) {
        assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end, `finding ${f.code} at ${f.start}-${f.end} outside ${text.length}: ${JSON.stringify(text)}`);
        assert.ok(f.message.length > 0);
      }
      const offset = r.int(text.length + 1);
      hoverXl(a, offset);
      completeXl(a, offset);
    }
  });

  it('parses 20000 random disk specs', () => {
    const r = new Random(5);
    for (let i = 0; i < 20000; i++) {
      let spec = randomDiskSpec(r);
      if (r.chance(0.3)) spec = mutate(r, spec);
      const result = parseDisk(spec, r.pick(['4.17', '4.22']));
      for (const issue of result.issues) assert.ok(issue.start >= 0 && issue.end <= spec.length, JSON.stringify(spec));
    }
  });

  it('handles pathological sizes quickly', () => {
    const started = Date.now();
    for (const text of ['a = [' + '"x",'.repeat(100000) + ']\n', 'a = 1\n'.repeat(50000), 'disk += [ "/d,raw,xvda,w" ]\n'.repeat(20000), '['.repeat(100000), '"'.repeat(100000), '#'.repeat(200000)]) {
      lintXl(text);
    }
    assert.ok(Date.now() - started < 20000, 'pathological inputs took over 20 s: a hang');
  });
});
