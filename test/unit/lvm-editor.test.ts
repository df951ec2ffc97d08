// Hover, completion, outline and folding for lvm.conf, read from the schema.
import * as assert from 'node:assert';
import { completeLvm, foldingLvm, hoverLvm, symbolsLvm } from '../../server/src/lvm/editor';
import { lintLvm } from '../../server/src/lvm/lint';

function hover(text: string, at: string, delta = 1): string | undefined {
  return hoverLvm(lintLvm(text), text.indexOf(at) + delta)?.markdown;
}

describe('lvm.conf editor features', () => {
  it('hovers a setting with its type, default, version and doc', () => {
    const md = hover('activation {\n\tthin_pool_autoextend_threshold = 80\n}\n', 'thin_pool_autoextend_threshold')!;
    assert.match(md, /^\*\*activation\/thin_pool_autoextend_threshold\*\*\n\ninteger · default `100` · range 50–100 percent · since lvm2 2\.02\.\d+/);
  });

  it('hovers a removed setting with what replaces it', () => {
    assert.match(hover('global { locking_type = 3 }', 'locking_type')!, /\*\*No effect since 2\.03\.00\.\*\*.*Instead: global\/use_lvmlockd = 1/s);
  });

  it('says how lvm2 reads octal numbers, booleans and bare words', () => {
    assert.match(hover('global { umask = 077 }', '077')!, /octal: lvm2 reads `077` as \*\*63\*\*/);
    assert.match(hover('devices { issue_discards = off }', 'off')!, /as \*\*false\*\*/);
    assert.match(hover('devices { dir = /dev }', '/dev')!, /bare word: lvm2 reads it as the string "\/dev"/);
  });

  it('names what lvm2 does not know', () => {
    assert.match(hover('global { bogus = 1 }', 'bogus')!, /lvm2 does not know this setting/);
  });

  it('completes the settings of the section under the cursor, without those already set', () => {
    const text = 'global {\n\tuse_lvmlockd = 1\n\t\n}\n';
    const labels = completeLvm(lintLvm(text), text.indexOf('\t\n') + 1).map((i) => i.label);
    assert.ok(labels.includes('sanlock_lv_extend'));
    assert.ok(!labels.includes('use_lvmlockd') && !labels.includes('filter') && !labels.includes('use_lvmetad'));
  });

  it('completes sections at the top level as snippets', () => {
    const items = completeLvm(lintLvm(''), 0);
    const devices = items.find((i) => i.label === 'devices')!;
    assert.strictEqual(devices.insertText, 'devices {\n\t$0\n}');
  });

  it('completes booleans as 0/1 and words as quoted choices', () => {
    const text = 'devices {\n\tscan_lvs = \n}\n';
    assert.deepStrictEqual(completeLvm(lintLvm(text), text.indexOf(' \n') + 1).map((i) => [i.label, i.detail]), [['0', 'default'], ['1', 'true']]);
  });

  it('outlines sections and settings, and folds each section', () => {
    const text = 'devices {\n\tfilter = [ "a|sd|", "r|.*|" ]\n}\nglobal/units = "m"\n';
    const doc = lintLvm(text).doc;
    assert.deepStrictEqual(symbolsLvm(doc.nodes, text.length).map((s) => [s.name, s.detail, s.children.map((c) => `${c.name} ${c.detail}`)]), [
      ['devices', '', ['filter [ "a|sd|", "r|.*|" ]']],
      ['global/units', '"m"', []],
    ]);
    assert.deepStrictEqual(foldingLvm(doc.nodes).map((f) => text.slice(f.start, f.end + 1)), ['devices {\n\tfilter = [ "a|sd|", "r|.*|" ]\n}']);
  });
});
