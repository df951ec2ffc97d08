// `xenops/diff` through the real server: two configs or two hosts' folders, the text of
// open editors preferred over the files on disk, and a clear error for a config against a folder.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import type { DiffResult } from '../../server/src/lsp/diff';
import { TestClient } from './client';

describe('xenops/diff over stdio', function () {
  this.timeout(20000);
  let dir: string;
  let client: TestClient;
  const at = (rel: string) => path.join(dir, rel);
  const uri = (rel: string) => pathToFileURL(at(rel)).href;
  const diff = (a: string, b: string) => client.connection.sendRequest('xenops/diff', { a: uri(a), b: uri(b) }) as Promise<DiffResult>;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-lsp-diff-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(at(rel)), { recursive: true });
      fs.writeFileSync(at(rel), text);
    };
    write('xen01/web.cfg', 'name = "web"\ntype = "hvm"\nmemory = 1024\nhap = 1\ndisk = [ \'/dev/vg/web,raw,xvda,rw\' ]\n');
    write('xen01/db.cfg', 'name = "db"\nkernel = "/boot/vmlinuz"\nmemory = 4096\n');
    write('xen02/web.cfg', "type = 'hvm'\nname = 'web'\nmemory = 1024\ndisk = [ 'format=raw,vdev=51712,target=/dev/mapper/vg-web' ]\nvcpus = 1\n");
    write('xen02/cache.cfg', 'name = "cache"\nkernel = "/boot/vmlinuz"\nmemory = 512\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    client = new TestClient();
    await client.initialize(dir);
  });
  afterEach(() => client.close());

  it('finds no drift between two configs that differ only in formatting and defaults', async () => {
    const r = await diff('xen01/web.cfg', 'xen02/web.cfg');
    assert.strictEqual(r.count, 0);
    assert.strictEqual(r.markdown, '```text\nNo differences that matter between xen01/web.cfg and xen02/web.cfg.\n```\n');
    assert.deepStrictEqual(r.pairs, [{ domain: 'web.cfg', a: at('xen01/web.cfg'), b: at('xen02/web.cfg'), items: [] }]);
  });

  it('compares the text of an open editor, not the file on disk', async () => {
    const text = fs.readFileSync(at('xen02/web.cfg'), 'utf8').replace('memory = 1024', 'memory = 2048');
    await client.open(uri('xen02/web.cfg'), text);
    const r = await diff('xen01/web.cfg', 'xen02/web.cfg');
    assert.strictEqual(r.count, 2);
    assert.deepStrictEqual(r.pairs[0].items.map((d) => [d.subject, d.a, d.b]), [['maxmem', '1024', '2048'], ['memory', '1024', '2048']]);
    assert.match(r.markdown, /^```text\nDifferences between xen01\/web\.cfg \(A\) and xen02\/web\.cfg \(B\), most likely to matter first:\n/);
    assert.match(r.markdown, / {2}2\. \[memory\] memory\n {7}A: 1024\n {7}B: 2048\n```\n$/);
  });

  it('pairs two folders by domain name and reports the domains on one side only', async () => {
    const r = await diff('xen01', 'xen02');
    assert.deepStrictEqual(r.pairs.map((p) => [p.domain, p.a, p.b, p.items.length]), [
      ['cache', undefined, at('xen02/cache.cfg'), 0],
      ['db', at('xen01/db.cfg'), undefined, 0],
      ['web', at('xen01/web.cfg'), at('xen02/web.cfg'), 0],
    ]);
    assert.strictEqual(r.count, 2);
    assert.strictEqual(r.markdown, [
      '```text',
      'cache: only in xen02 (xen02/cache.cfg)',
      '',
      'db: only in xen01 (xen01/db.cfg)',
      '',
      'No differences that matter between xen01/web.cfg and xen02/web.cfg.',
      '```',
      '',
    ].join('\n'));
  });

  it('reads a folder\'s configs from open editors first', async () => {
    const text = fs.readFileSync(at('xen01/db.cfg'), 'utf8').replace('name = "db"', 'name = "cache"');
    await client.open(uri('xen01/db.cfg'), text);
    const r = await diff('xen01', 'xen02');
    assert.deepStrictEqual(r.pairs.map((p) => [p.domain, p.a, p.b, p.items.map((d) => d.subject)]), [
      ['cache', at('xen01/db.cfg'), at('xen02/cache.cfg'), ['maxmem', 'memory']],
      ['web', at('xen01/web.cfg'), at('xen02/web.cfg'), []],
    ]);
    assert.strictEqual(r.count, 2);
  });

  it('refuses a config against a folder, and a config it cannot read', async () => {
    await assert.rejects(diff('xen01/web.cfg', 'xen02'), (e: unknown) => {
      assert.ok(e instanceof ResponseError);
      assert.strictEqual(e.code, ErrorCodes.InvalidParams);
      assert.match(e.message, /two domain configs or two folders/);
      return true;
    });
    await assert.rejects(diff('xen01/web.cfg', 'xen02/nope.cfg'), /nope\.cfg: no such file or directory/);
  });
});
