// PCI_SPEC_STRING parsing as libxlutil does it (xlu_pci_parse_spec_string).
import * as assert from 'node:assert';
import { parsePci } from '../../server/src/xl/specs/pci';

const tail = (spec: string): string => `unable to parse PCI_SPEC_STRING \`${spec}' for passthrough`;

function error(spec: string): { message: string; xl?: string; start: number; end: number } {
  const r = parsePci(spec);
  assert.strictEqual(r.value, undefined, spec);
  const e = r.issues.filter((i) => i.severity === 'error');
  assert.strictEqual(e.length, 1, spec);
  return { message: e[0].message, xl: e[0].xl, start: e[0].start, end: e[0].end };
}

describe('parsePci', () => {
  it('reads BDFs with and without the domain', () => {
    assert.deepStrictEqual(parsePci('0000:03:00.1').value, { domain: 0, bus: 3, dev: 0, func: 1, allFunctions: false });
    assert.deepStrictEqual(parsePci('1:2:1f.7').value, { domain: 1, bus: 2, dev: 0x1f, func: 7, allFunctions: false });
    assert.deepStrictEqual(parsePci('03:00.*').value, { domain: 0, bus: 3, dev: 0, func: 0, allFunctions: true });
  });

  it('reads the virtual slot and the options', () => {
    const r = parsePci('03:00.0@1f,permissive=1,msitranslate=0,seize=1,power_mgmt=1,rdm_policy=Relaxed');
    assert.deepStrictEqual(r.value, {
      domain: 0, bus: 3, dev: 0, func: 0, allFunctions: false, vslot: 0x1f,
      permissive: true, msitranslate: false, seize: true, powerMgmt: true, rdmPolicy: 'relaxed',
    });
    assert.deepStrictEqual(r.issues, []);
    assert.deepStrictEqual(r.parts.map((p) => [p.key, p.start, p.end]), [
      ['bdf', 0, 7], ['vslot', 8, 10], ['permissive', 11, 23], ['msitranslate', 24, 38], ['seize', 39, 46], ['power_mgmt', 47, 59], ['rdm_policy', 60, 78],
    ]);
  });

  it('accepts the keyword forms', () => {
    assert.strictEqual(parsePci('bdf=03:00.0,vslot=4').value?.vslot, 4);
    assert.strictEqual(parsePci('name=gpu0').value?.name, 'gpu0');
  });

  it('rejects out-of-range parts, pointing at them', () => {
    assert.deepStrictEqual(error('100:00.0'), { message: 'PCI bus 100 is out of range (0-ff)', xl: tail('100:00.0'), start: 0, end: 3 });
    assert.strictEqual(error('03:20.0').start, 3);
    assert.deepStrictEqual([error('03:00.8').start, error('03:00.8').end], [6, 7]);
    assert.deepStrictEqual([error('03:00.0@20').start, error('03:00.0@20').end], [8, 10]);
  });

  it('prints the library messages before xl’s own line', () => {
    assert.strictEqual(error('03:00.0,foo=1').xl, `Unknown PCI_SPEC_STRING option: foo${tail('03:00.0,foo=1')}`);
    assert.strictEqual(error('03:00.0,rdm_policy=lax').xl, `Unknown RDM policy: lax${tail('03:00.0,rdm_policy=lax')}`);
    assert.strictEqual(error('03:00.0,constructor=1').xl, `Unknown PCI_SPEC_STRING option: constructor${tail('03:00.0,constructor=1')}`);
    // A BDF that fails is re-read as key=value: the key runs to the first '='.
    assert.strictEqual(error('1:2.9,name=x').xl, `Unknown PCI_SPEC_STRING option: 1:2.9,name${tail('1:2.9,name=x')}`);
  });

  it('rejects what xl rejects silently', () => {
    for (const spec of ['', ' 03:00.0', '03:00.0 ', '03:00.0,,', '03:00.0,name=x', 'permissive=1', '03:00.0,permissive']) {
      assert.strictEqual(error(spec).xl, tail(spec), spec);
    }
    assert.match(error(' 03:00.0').message, /leading spaces/);
    assert.match(error('03:00.0, permissive=1').message, /does not skip spaces/);
  });

  it('warns about values xl reads loosely', () => {
    const r = parsePci('03:00.0,permissive=yes,vslot=3x,rdm_policy=invalid');
    assert.strictEqual(r.value?.permissive, false);
    assert.strictEqual(r.value?.vslot, 3);
    assert.deepStrictEqual(r.issues.map((i) => [i.severity, i.start, i.end]), [['warning', 19, 22], ['warning', 30, 31], ['warning', 43, 50]]);
    assert.strictEqual(parsePci('03:00.0,seize=4294967296').value?.seize, false);
    assert.ok(parsePci('03:00.0,seize=1,seize=0').issues.some((i) => /more than once/.test(i.message)));
  });

  it('follows sscanf("%x"): signs, white space and 0x inside the BDF', () => {
    assert.deepStrictEqual(parsePci('1:0x2.3').value, { domain: 0, bus: 1, dev: 2, func: 3, allFunctions: false });
    assert.strictEqual(parsePci('1:2.0x').value?.func, 0);
    assert.strictEqual(parsePci('1: 2.-0').value?.dev, 2);
    assert.strictEqual(parsePci('1:2.0xg').value, undefined);
  });

  it('flags a BDF without its function', () => {
    assert.match(error('03:00').message, /no \.F function/);
    const r = parsePci('bdf=03:00');
    assert.strictEqual(r.value?.func, 3);
    assert.match(r.issues[0].message, /no \.F function/);
  });
});
