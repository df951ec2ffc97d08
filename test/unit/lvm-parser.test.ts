// The lvm.conf parser: tokens, values and paths as libdm reads them, and its parse
// errors at the same byte and line (the messages were checked against lvmconfig).
import * as assert from 'node:assert';
import { parseLvmConf, pathSegments, strtoll } from '../../server/src/lvm/parser';

function settings(text: string): Record<string, unknown> {
  const doc = parseLvmConf(text);
  assert.deepStrictEqual(doc.errors, [], `unexpected errors: ${doc.errors.map((e) => e.message).join('; ')}`);
  return Object.fromEntries(doc.settings.map((s) => [s.path.join('/'), s.value.array ? s.value.items.map((i) => i.value) : s.value.items[0].value]));
}

function firstError(text: string): string {
  const doc = parseLvmConf(text);
  assert.ok(doc.errors.length, 'expected a parse error');
  return doc.errors[0].message;
}

describe('lvm.conf parser', () => {
  it('reads sections, nested sections, slash paths and every value type', () => {
    assert.deepStrictEqual(settings(`
# comment
config { checks = 1 }
global {
\tumask = 077          # octal
\tunits = "m"
\tsuffix = yes
\tratio = 1.5
\tneg = -3
\tpos = +4
}
devices/filter = [ "a|^/dev/sd.*|", 'r|.*|', ]
tags { hosttag { host_list = [ "xen01" ] } }
activation { volume_list = [ ] }
`), {
      'config/checks': 1,
      'global/umask': 63,
      'global/units': 'm',
      'global/suffix': 'yes',
      'global/ratio': 1.5,
      'global/neg': -3,
      'global/pos': 4,
      'devices/filter': ['a|^/dev/sd.*|', 'r|.*|'],
      'tags/hosttag/host_list': ['xen01'],
      'activation/volume_list': [],
    });
  });

  it('unescapes only \\" and \\\\ in double quotes, nothing in single quotes', () => {
    assert.deepStrictEqual(settings(String.raw`global { a = "x\"y\\z\n" b = 'p\q' }`), { 'global/a': 'x"y\\z\\n', 'global/b': 'p\\q' });
  });

  it('accepts strings without commas between them, and bare words as strings', () => {
    assert.deepStrictEqual(settings('devices { filter = [ "a|x|" "r|.*|" ] dir = /dev }'), { 'devices/filter': ['a|x|', 'r|.*|'], 'devices/dir': '/dev' });
  });

  it('keeps every occurrence of a repeated setting (lvm2 uses the last)', () => {
    const doc = parseLvmConf('global { units = "m" }\nglobal { units = "k" }\n');
    assert.deepStrictEqual(doc.settings.map((s) => [s.path.join('/'), s.value.items[0].value]), [['global/units', 'm'], ['global/units', 'k']]);
  });

  it('gives every node a span over its text', () => {
    const text = 'global {\n  umask = 077\n}\n';
    const doc = parseLvmConf(text);
    const [section] = doc.nodes;
    assert.strictEqual(text.slice(section.nameSpan.start, section.nameSpan.end), 'global');
    assert.strictEqual(section.kind === 'section' && text.slice(section.close!.start, section.close!.end), '}');
    const [umask] = doc.settings;
    assert.strictEqual(text.slice(umask.start, umask.end), 'umask = 077');
    assert.strictEqual(text.slice(umask.value.items[0].start, umask.value.items[0].end), '077');
  });

  it('reports parse errors in lvm2 words, with its byte and line', () => {
    assert.strictEqual(firstError('global {\n units = "m"\n'), 'Parse error at byte 23 (line 3): unexpected token');
    assert.strictEqual(firstError('global {\n umask 077\n}'), 'Parse error at byte 17 (line 2): unexpected token');
    assert.strictEqual(firstError('global {\n umask = 0x3f\n}\n'), 'Parse error at byte 24 (line 3): unexpected token');
    assert.strictEqual(firstError('devices { filter = [ a, b ] }'), 'Parse error at byte 25 (line 1): expected a value');
    assert.strictEqual(firstError('global { a = [ 1 2 ] }'), 'Parse error at byte 18 (line 1): expected a value');
    assert.strictEqual(firstError('"" { }'), 'Parse error at byte 4 (line 1): empty section identifier');
    assert.strictEqual(firstError('global { a = 1.2.3 }'), 'Parse error at byte 20 (line 1): unexpected token');
    assert.strictEqual(firstError('global { umask = 08 }'), 'Failed to read int token.');
  });

  it('counts lines only between tokens, as libdm does (a newline inside a string is not counted)', () => {
    assert.strictEqual(firstError('global {\n a = "multi\nline" b = }'), 'Parse error at byte 32 (line 2): expected a value');
  });

  it('counts bytes, not characters, in the error position', () => {
    assert.strictEqual(firstError('global { a = "ü" b }'), 'Parse error at byte 21 (line 1): unexpected token');
  });

  it('reads on after an error so the rest of the file is still checked', () => {
    const doc = parseLvmConf('global {\n umask 077\n units = "m"\n}\n');
    assert.strictEqual(doc.errors.length, 1);
    assert.deepStrictEqual(doc.settings.map((s) => s.path.join('/')), ['global/units']);
  });

  it('goes on with the closing brace that stopped a half-typed setting', () => {
    const doc = parseLvmConf('activation {\n\tthin\n}\nallocation {\n\tthin_pool_zero = 1\n}\n');
    assert.strictEqual(doc.errors.length, 1);
    assert.deepStrictEqual(doc.nodes.map((n) => n.name), ['activation', 'allocation']);
    assert.deepStrictEqual(doc.settings.map((s) => s.path.join('/')), ['allocation/thin_pool_zero']);
  });

  it('treats a NUL character as the end of the file', () => {
    assert.deepStrictEqual(settings('global { units = "m" }\0 junk {'), { 'global/units': 'm' });
  });

  it('reads integers with strtoll base 0: octal after a leading 0, no hex, int64 bounds', () => {
    assert.strictEqual(strtoll('0777'), 511n);
    assert.strictEqual(strtoll('-12'), -12n);
    assert.strictEqual(strtoll('9223372036854775807'), 9223372036854775807n);
    assert.strictEqual(strtoll('9223372036854775808'), undefined);
    assert.strictEqual(strtoll('-9223372036854775808'), -9223372036854775808n);
    assert.strictEqual(strtoll('09'), undefined);
    assert.strictEqual(strtoll('-'), undefined);
  });

  it('splits names into path segments the way lvm2 looks them up', () => {
    assert.deepStrictEqual(pathSegments('//devices//filter').map((s) => s.name), ['devices', 'filter']);
    assert.deepStrictEqual(pathSegments('a/').map((s) => s.name), ['a', '']);
  });
});
