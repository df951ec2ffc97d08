// cpus= / cpus_soft= lists as xl's parse_cpurange reads them.
import * as assert from 'node:assert';
import { parseCpus } from '../../server/src/xl/specs/cpus';

describe('parseCpus', () => {
  it('reads CPUs, ranges, exclusions, nodes and all', () => {
    assert.deepStrictEqual(parseCpus('0-3,^2,8').value, { include: [0, 1, 2, 3, 8], exclude: [2], all: false, nodes: [] });
    assert.deepStrictEqual(parseCpus('all,^0').value, { include: [], exclude: [0], all: true, nodes: [] });
    assert.deepStrictEqual(parseCpus('node:1,^nodes:2-3').value, { include: [], exclude: [], all: false, nodes: [1, 2, 3] });
    assert.strictEqual(parseCpus('nodes:all').value?.all, true);
    assert.deepStrictEqual(parseCpus('0-3,^2').issues, []);
  });

  it('gives every item a part with its offsets', () => {
    assert.deepStrictEqual(parseCpus('1,,^node:0,all').parts.map((p) => [p.key, p.start, p.end]), [['cpus', 0, 1], ['nodes', 3, 10], ['all', 11, 14]]);
  });

  it('rejects with xl’s messages, quoting the item after its prefixes', () => {
    const e = parseCpus('0,^all').issues[0];
    assert.deepStrictEqual([e.severity, e.xl, e.start, e.end], ['error', 'Can\'t combine "^" and "all".', 2, 6]);
    const r = parseCpus('0-1,^nodes:x2');
    assert.strictEqual(r.value, undefined);
    assert.deepStrictEqual([r.issues[0].xl, r.issues[0].start, r.issues[0].end], ['Invalid pcpu range: x2.', 11, 13]);
    for (const bad of ['3-1', '1-', '1 ', '-1', '18446744073709551615', '0x1', ' all', '1-2-3']) {
      assert.strictEqual(parseCpus(bad).issues[0]?.xl, `Invalid pcpu range: ${bad}.`, bad);
    }
  });

  it('accepts what strtoul accepts', () => {
    assert.deepStrictEqual(parseCpus(' 1,+2,3- 4').value?.include, [1, 2, 3, 4]);
  });

  it('warns about lists that select nothing and exclusions with nothing before them', () => {
    assert.deepStrictEqual(parseCpus('^1').issues.map((i) => i.severity), ['warning', 'warning']);
    assert.ok(parseCpus('').issues.some((i) => /no CPU/.test(i.message)));
    assert.ok(parseCpus('0-1,^0-1').issues.some((i) => /no CPU/.test(i.message)));
    assert.deepStrictEqual(parseCpus('node:0,^0').issues, []);
  });

  it('warns about ids beyond any host without listing them', () => {
    const r = parseCpus('4090-100000');
    assert.deepStrictEqual(r.value?.include, [4090, 4091, 4092, 4093, 4094]);
    assert.match(r.issues[0].message, /xl ignores those/);
    assert.match(parseCpus('4294967297').issues[0].message, /32 bits/);
  });
});
