import * as assert from 'node:assert';
import { valueToDocument, xlReport, type XlAtom } from '../../server/src/xl/ast';
import { strtol, XlConfig } from '../../server/src/xl/config';
import { dequote } from '../../server/src/xl/lexer';
import { parseXl } from '../../server/src/xl/parser';

function report(text: string): string {
  return xlReport(parseXl(text), 't.cfg');
}

describe('xl parser', () => {
  it('reads settings, lists, comments and ; separators', () => {
    const doc = parseXl('name = "web"; memory = 512 # MiB\ndisk = [ \'a\',\n  # c\n  "b", ]\n');
    assert.strictEqual(doc.failed, false);
    assert.deepStrictEqual(doc.assignments.map((a) => a.key), ['name', 'memory', 'disk']);
    const disk = doc.assignments[2].value;
    assert.strictEqual(disk.kind, 'list');
    assert.deepStrictEqual(disk.kind === 'list' && disk.items.map((i) => (i as XlAtom).value), ['a', 'b']);
    assert.deepStrictEqual(doc.comments.map((c) => c.text), ['# MiB', '# c']);
  });

  it('keeps exact offsets for keys and values', () => {
    const text = 'a = 1\n  name\t= "x"\n';
    const name = parseXl(text).assignments[1];
    assert.strictEqual(text.slice(name.keySpan.start, name.keySpan.end), 'name');
    assert.strictEqual(text.slice(name.value.start, name.value.end), '"x"');
  });

  it('reports bare words exactly as xl does', () => {
    assert.strictEqual(report('type = hvm\n'),
      "t.cfg:1: config parsing error near `hvm': syntax error, unexpected IDENT, expecting STRING or NUMBER or '['\n");
  });

  it('treats unquoted negatives, units and uppercase keys as lexical errors', () => {
    assert.match(report('rtc_timeoffset = -3600\n'), /near `-3600': lexical error\nwarning: Config file looks like it contains Python code/);
    assert.strictEqual(report('memory = 512M\n'), "t.cfg:1: config parsing error near `M': lexical error\n");
    assert.strictEqual(report('Memory = 512\n'), "t.cfg:1: config parsing error near `Memory': lexical error\n");
    assert.strictEqual(report('memory = 0xFF\n'), "t.cfg:1: config parsing error near `FF': lexical error\n");
  });

  it('reports a missing value on line 0, like libxlutil', () => {
    assert.strictEqual(report('a = \n'), "t.cfg:0: config parsing error near <newline>: syntax error, unexpected NEWLINE, expecting STRING or NUMBER or '['\n");
  });

  it('fails on CRLF line endings and a final comment without newline', () => {
    assert.ok(parseXl('a = 1\r\n').failed);
    assert.ok(parseXl('a = 1\n# c').failed);
    assert.ok(!parseXl('a = 1\n#').failed, 'a lone # at EOF is dropped silently by flex');
  });

  it('drops a stray character at the very end of a file silently (and says where)', () => {
    const doc = parseXl('memory = 5M');
    assert.strictEqual(doc.failed, false);
    assert.deepStrictEqual(doc.droppedAtEnd, { start: 10, end: 11 });
  });

  it('recovers after an error and keeps parsing the rest', () => {
    const doc = parseXl('type = hvm\nmemory = 1024\nvcpus = = 2\nname = "x"\n');
    assert.ok(doc.failed);
    assert.deepStrictEqual(doc.assignments.map((a) => a.key), ['memory', 'name']);
    assert.strictEqual(doc.errors.filter((e) => e.reported).length, 2);
  });

  it('handles += for strings and lists, and refuses mixing them', () => {
    const cfg = new XlConfig(parseXl('a = "x"\na += "y"\nb = [ "1" ]\nb += [ "2" ]\n'));
    assert.strictEqual(cfg.string('a'), 'xy');
    assert.deepStrictEqual(cfg.list('b'), ['1', '2']);
    assert.match(report('a = "s"\na += [ "x" ]\n'), /can't add \[list\] to "string" or vice versa/);
  });

  it('reads numbers with strtol(…, 0): quoted, hex, octal; rejects += on numbers', () => {
    const cfg = new XlConfig(parseXl('a = "2048"\nb = 0x10\nc = 0400\nd = 08\ne = 512\ne += 1\nf = "yes"\n'));
    assert.deepStrictEqual([cfg.long('a'), cfg.long('b'), cfg.long('c')].map((r) => r.ok && Number(r.value)), [2048, 16, 256]);
    assert.deepStrictEqual(cfg.long('d'), { ok: false, warning: "t.cfg:4: warning: parameter `d' is not a valid number" });
    assert.deepStrictEqual(cfg.long('e'), { ok: false, warning: "t.cfg:6: warning: can't use += with numbers for parameter `e'" });
    assert.strictEqual(cfg.long('f').ok, false);
    assert.deepStrictEqual(strtol(' -12x'), { value: -12n, end: 4, overflow: false });
    assert.strictEqual(strtol('9223372036854775808').overflow, true);
  });

  it('keeps libxlutil\'s broken numeric escapes', () => {
    const errors: string[] = [];
    assert.strictEqual(dequote('"q\\101z"', (e) => errors.push(e)), 'qz');
    dequote('"\\x41"', (e) => errors.push(e));
    dequote('"\\12z"', (e) => errors.push(e));
    assert.deepStrictEqual(errors, [
      'invalid digit after backslash hexnumerical character escape in quoted string',
      'invalid digit after backslash octalnumerical character escape in quoted string',
    ]);
  });

  it('maps offsets inside escaped strings back to the document', () => {
    const text = 'a = "x\\ty\\101z"\n';
    const atom = parseXl(text).assignments[0].value as XlAtom;
    assert.strictEqual(atom.value, 'x\tyz');
    assert.strictEqual(text[valueToDocument(atom, 2)], 'y');
    assert.strictEqual(text[valueToDocument(atom, 3)], 'z');
  });

  it('never throws on arbitrary bytes', () => {
    for (const text of ['\u0000\u0001[[[', '"', "'\\", '[\n'.repeat(500), 'a=' + '['.repeat(2000), '\ufeffname = "x"\n']) {
      assert.doesNotThrow(() => parseXl(text));
    }
  });
});
