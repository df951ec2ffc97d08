// Browsing big logs through a line index: every window must read exactly as the same lines
// of the whole file read naively, at index boundaries, across read chunks, for gzip, and
// after the file grew or was replaced.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Cancelled } from '../../server/src/logs/fileScan';
import { buildLineIndex, IndexCache, type LineIndex, readWindow, windowAround } from '../../server/src/logview/lineIndex';
import { cutMarker, MAX_LINE_CHARS } from '../../server/src/logview/windowLines';
import { Random } from '../reference/generate';

/** The file's lines as an editor would show them, read the simple way. */
function naiveLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => {
    const line = l.endsWith('\r') ? l.slice(0, -1) : l;
    return line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) + cutMarker([...line.slice(MAX_LINE_CHARS)].length) : line;
  });
}

/** Windows at the start, across every noted offset, in the middle and at the end, and past both ends. */
async function assertWindows(index: LineIndex, text: string): Promise<void> {
  const all = naiveLines(text);
  assert.strictEqual(index.lines, all.length, 'line count');
  const n = all.length;
  const firsts = new Set([1, 2, n >> 1, n - 1, n, n + 5, -3]);
  for (let k = 1; k * index.every <= n; k++) for (const d of [-1, 0, 1, 2]) firsts.add(k * index.every + d);
  for (const first of firsts) {
    for (const count of [1, 3, index.every + 2, n + 10]) {
      const w = await readWindow(index, first, count);
      const start = Math.max(1, Math.min(first, n));
      assert.strictEqual(w.first, start, `first of ${first}+${count}`);
      assert.deepStrictEqual(w.lines, all.slice(start - 1, start - 1 + Math.max(0, count)), `lines ${first}+${count}`);
    }
  }
}

/** Where each noted line starts, found the simple way. */
function naiveOffsets(bytes: Buffer, every: number): number[] {
  const out = [0];
  let newlines = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10 && ++newlines % every === 0) out.push(i + 1);
  return out;
}

function logText(r: Random, lines: number, opts: { crlf?: boolean; trailing?: boolean } = {}): string {
  const words = ['kernel:', 'xen-blkback:', 'vif3.0', 'I/O error, dev dm-3', 'é', '🙂', 'grant table', ''];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`Jul  1 09:00:${String(i % 60).padStart(2, '0')} xen01 ${Array.from({ length: r.int(12) }, () => r.pick(words)).join(' ')} #${i}`);
  const eol = opts.crlf ? '\r\n' : '\n';
  return out.join(eol) + (opts.trailing === false ? '' : eol);
}

describe('big logs: line index and windows', function () {
  this.timeout(60000);
  let dir: string;
  let seq = 0;
  const write = (data: string | Buffer, name = `f${seq++}.log`) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data);
    return file;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-logview-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('notes every n-th line start and reads every window as the whole file does', async () => {
    const text = logText(new Random(1), 200);
    const file = write(text);
    for (const every of [1, 2, 3, 7, 64, 1024]) {
      const index = await buildLineIndex(file, { every });
      assert.deepStrictEqual(index.offsets, naiveOffsets(Buffer.from(text), every), `offsets every ${every}`);
      assert.strictEqual(index.bytes, Buffer.byteLength(text));
      await assertWindows(index, text);
    }
  });

  it('counts and notes lines across read chunks of a file of several megabytes', async () => {
    const text = logText(new Random(2), 60000);
    const file = write(text);
    const index = await buildLineIndex(file, { every: 97 });
    assert.deepStrictEqual(index.offsets, naiveOffsets(Buffer.from(text), 97));
    const all = naiveLines(text);
    for (const line of [1, 30000, 59999, 60000]) assert.deepStrictEqual((await readWindow(index, line, 5)).lines, all.slice(line - 1, line + 4));
  });

  it('counts a last line without a newline, and strips CR', async () => {
    for (const opts of [{ trailing: false }, { crlf: true }, { crlf: true, trailing: false }]) {
      const text = logText(new Random(3), 50, opts);
      const index = await buildLineIndex(write(text), { every: 4 });
      await assertWindows(index, text);
    }
    const index = await buildLineIndex(write('one\r\n\r\n\ntwo\r'), { every: 2 });
    assert.deepStrictEqual((await readWindow(index, 1, 10)).lines, ['one', '', '', 'two']);
  });

  it('reads an empty file as no lines', async () => {
    const index = await buildLineIndex(write(''), { every: 2 });
    assert.strictEqual(index.lines, 0);
    assert.deepStrictEqual(await readWindow(index, 1, 10), { first: 1, lines: [] });
    assert.deepStrictEqual(await windowAround(index, 5, 10), { first: 1, lines: [] });
    const newline = await buildLineIndex(write('\n'), { every: 2 });
    assert.deepStrictEqual(await readWindow(newline, 1, 10), { first: 1, lines: [''] });
  });

  it('reads a gzipped log through its decompressed text', async () => {
    const text = logText(new Random(4), 3000, { trailing: false });
    const file = write(gzipSync(text), 'syslog.2.gz');
    let read = 0;
    const index = await buildLineIndex(file, { every: 50, onBytes: (n) => (read += n) });
    assert.ok(index.gzip);
    assert.strictEqual(read, fs.statSync(file).size, 'onBytes hears the compressed bytes');
    assert.strictEqual(index.bytes, Buffer.byteLength(text));
    assert.deepStrictEqual(index.offsets, naiveOffsets(Buffer.from(text), 50));
    await assertWindows(index, text);
  });

  it('cuts a line too long to show, without reading it whole into a string', async () => {
    const long = 'é'.repeat(MAX_LINE_CHARS + 5) + '🙂'.repeat(200000);
    const text = `first\n${'x'.repeat(MAX_LINE_CHARS)}\n${long}\r\n${'y'.repeat(MAX_LINE_CHARS + 1)}\nlast`;
    const index = await buildLineIndex(write(text), { every: 2 });
    const { lines } = await readWindow(index, 1, 10);
    assert.deepStrictEqual(lines, naiveLines(text));
    assert.strictEqual(lines[2], 'é'.repeat(MAX_LINE_CHARS) + cutMarker(200005));
    assert.strictEqual(lines[3], 'y'.repeat(MAX_LINE_CHARS) + cutMarker(1));
    // a cut never splits a character in two
    const pairs = await readWindow(await buildLineIndex(write(`a${'🙂'.repeat(MAX_LINE_CHARS)}\n`)), 1, 1);
    assert.strictEqual(pairs.lines[0], `a${'🙂'.repeat((MAX_LINE_CHARS - 2) / 2)}${cutMarker(MAX_LINE_CHARS / 2 + 1)}`);
  });

  it('centres a window on a line unless the file starts or ends first', async () => {
    const text = logText(new Random(5), 100);
    const index = await buildLineIndex(write(text), { every: 8 });
    const all = naiveLines(text);
    const around = async (line: number, size: number) => {
      const w = await windowAround(index, line, size);
      assert.deepStrictEqual(w.lines, all.slice(w.first - 1, w.first - 1 + w.lines.length));
      return [w.first, w.lines.length];
    };
    assert.deepStrictEqual(await around(50, 11), [45, 11]);
    assert.deepStrictEqual(await around(50, 10), [45, 10]);
    assert.deepStrictEqual(await around(2, 11), [1, 11]);
    assert.deepStrictEqual(await around(99, 11), [90, 11]);
    assert.deepStrictEqual(await around(500, 11), [90, 11]);
    assert.deepStrictEqual(await around(7, 1000), [1, 100]);
  });

  it('keeps an index while the file is unchanged and extends it when lines are appended', async () => {
    const r = new Random(6);
    const file = write('');
    const cache = new IndexCache(5);
    let text = '';
    let previous = await cache.get(file);
    // appends that end mid-line, complete it, and add whole lines
    for (const append of ['partial', ' line\n', logText(r, 23), 'x', '\n\n', logText(r, 40, { trailing: false }), 'tail\r\n']) {
      fs.appendFileSync(file, append);
      text += append;
      let read = 0;
      const index = await cache.get(file, { onBytes: (n) => (read += n) });
      assert.notStrictEqual(index, previous);
      assert.strictEqual(read, Buffer.byteLength(append), 'only the new bytes are read');
      assert.deepStrictEqual(index.offsets, naiveOffsets(Buffer.from(text), 5));
      await assertWindows(index, text);
      assert.strictEqual(await cache.get(file), index, 'unchanged: the same index');
      previous = index;
    }
  });

  it('rebuilds the index of a file that was rewritten', async () => {
    const file = write(logText(new Random(7), 300));
    const cache = new IndexCache(16);
    const old = await cache.get(file);
    // shorter
    const shorter = logText(new Random(8), 120);
    fs.writeFileSync(file, shorter);
    let read = 0;
    await assertWindows(await cache.get(file, { onBytes: (n) => (read += n) }), shorter);
    assert.strictEqual(read, Buffer.byteLength(shorter), 'read again from the start');
    // longer, but with other first bytes: a new log, not an append
    const longer = 'rotated\n' + logText(new Random(9), 400);
    fs.writeFileSync(file, longer);
    read = 0;
    const index = await cache.get(file, { onBytes: (n) => (read += n) });
    assert.strictEqual(read, Buffer.byteLength(longer));
    assert.notStrictEqual(index, old);
    await assertWindows(index, longer);
  });

  it('stops indexing when cancelled', async () => {
    const file = write(logText(new Random(10), 100));
    await assert.rejects(buildLineIndex(file, { cancelled: () => true }), Cancelled);
  });
});
