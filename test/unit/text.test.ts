// Offsets and LSP positions: lines end at \n, \r\n or a lone \r, as the protocol (and
// vscode-languageserver-textdocument, which the server's documents use) counts them.
import * as assert from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/core/text';
import { Random } from '../reference/generate';

describe('LineIndex', () => {
  it('counts \\n, \\r\\n and a lone \\r as line ends, and keeps the break out of the line', () => {
    const text = 'a\nbb\r\nccc\rd';
    const index = new LineIndex(text);
    assert.strictEqual(index.lineCount, 4);
    assert.deepStrictEqual([0, 1, 2, 3].map((l) => text.slice(index.lineStart(l), index.lineEnd(l))), ['a', 'bb', 'ccc', 'd']);
    // between the \r and \n of a CRLF is the end of that line
    assert.deepStrictEqual(index.position(text.indexOf('\r\n') + 1), { line: 1, character: 2 });
    assert.strictEqual(index.offset({ line: 1, character: 99 }), text.indexOf('\r\n'));
  });

  it('agrees with the LSP text document on every offset of random texts', () => {
    const r = new Random(7);
    const pieces = ['a', 'é', '😀', '\n', '\r', '\r\n', ' ', '\t'];
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let i = r.int(40); i > 0; i--) text += pieces[r.int(pieces.length)];
      const doc = TextDocument.create('file:///t', 'plaintext', 1, text);
      const index = new LineIndex(text);
      assert.strictEqual(index.lineCount, doc.lineCount, JSON.stringify(text));
      for (let o = 0; o <= text.length; o++) {
        assert.deepStrictEqual(index.position(o), doc.positionAt(o), `${JSON.stringify(text)} @${o}`);
      }
      for (let line = 0; line <= doc.lineCount; line++) {
        for (let character = 0; character < 6; character++) {
          assert.strictEqual(index.offset({ line, character }), doc.offsetAt({ line, character }), `${JSON.stringify(text)} ${line}:${character}`);
        }
      }
    }
  });
});
