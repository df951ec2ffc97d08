// Protocol tests: the real server (dist/server.js) over stdio, driven by an LSP client.
import * as assert from 'node:assert';
import {
  CodeActionRequest,
  CompletionRequest,
  type Diagnostic,
  DocumentSymbolRequest,
  HoverRequest,
} from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

const BROKEN = [
  'name = "web01"', // 0
  'type = "pvh"', // 1
  'kernel = "/boot/vmlinuz"', // 2
  'memroy = 2048', // 3
  'memory = 4096', // 4
  'maxmem = 2048', // 5
  "disk = [ 'phy:/dev/vg/web01,xvda,w!' ]", // 6
  'builder = "hvm"', // 7
  '',
].join('\n');

function text(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function codes(ds: Diagnostic[]): string[] {
  return ds.map((d) => String(d.code)).sort();
}

describe('language server over stdio', function () {
  this.timeout(20000);
  let client: TestClient;

  beforeEach(async () => {
    client = new TestClient();
    await client.initialize();
  });
  afterEach(() => client.close());

  it('publishes diagnostics with rule ids, positions and xl\'s wording on open', async () => {
    const uri = 'file:///etc/xen/web01.cfg';
    const { diagnostics } = await client.open(uri, BROKEN);
    assert.ok(codes(diagnostics).includes('xl/unknown-key'));
    assert.ok(codes(diagnostics).includes('xl/memory-maxmem'));
    assert.ok(codes(diagnostics).includes('xl/disk-spec'));
    const typo = diagnostics.find((d) => d.code === 'xl/unknown-key')!;
    assert.deepStrictEqual(typo.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } });
    assert.match(text(typo), /Did you mean `memory`/);
    const disk = diagnostics.find((d) => d.code === 'xl/disk-spec')!;
    assert.match(text(disk), /unknown value for access: near `w!'/);
    assert.strictEqual(disk.range.start.line, 6);
    assert.strictEqual(BROKEN.split('\n')[6].slice(disk.range.start.character, disk.range.end.character), 'w!');
  });

  it('re-checks after an incremental edit', async () => {
    const uri = 'file:///tmp/edit.cfg';
    const first = await client.open(uri, BROKEN);
    assert.ok(codes(first.diagnostics).includes('xl/unknown-key'));
    const second = await client.change(uri, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } }, text: 'maxvcpus' }]);
    assert.ok(!codes(second.diagnostics).includes('xl/unknown-key'));
    assert.strictEqual(second.version, 2);
  });

  it('applies per-rule severity settings and the target Xen version', async () => {
    const uri = 'file:///tmp/settings.cfg';
    await client.open(uri, BROKEN);
    const next = client.diagnostics(uri);
    await client.configure({ rules: { 'xl/unknown-key': 'off', 'xl/memory-maxmem': 'info' }, xenVersion: '4.17' });
    const { diagnostics } = await next;
    assert.ok(!codes(diagnostics).includes('xl/unknown-key'));
    assert.ok(diagnostics.filter((d) => d.code === 'xl/memory-maxmem').every((d) => d.severity === 3));
  });

  it('answers hover on a key with its documentation', async () => {
    const uri = 'file:///tmp/hover.cfg';
    await client.open(uri, BROKEN);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 2 } });
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
    assert.match((hover!.contents as { value: string }).value, /\*\*memory\*\*/);
    assert.match((hover!.contents as { value: string }).value, /MiB/);
  });

  it('completes keys for the guest type and enum values in quotes', async () => {
    const uri = 'file:///tmp/complete.cfg';
    await client.open(uri, 'name = "x"\ntype = "hvm"\n\non_crash = "\n');
    const keys = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 2, character: 0 } });
    const labels = (Array.isArray(keys) ? keys : keys!.items).map((i) => i.label);
    assert.ok(labels.includes('memory') && labels.includes('boot'));
    assert.ok(!labels.includes('name'), 'keys already set are not offered again');
    const values = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 3, character: 12 } });
    const vlabels = (Array.isArray(values) ? values : values!.items).map((i) => i.label);
    assert.ok(vlabels.includes('coredump-restart') && vlabels.includes('destroy'));
  });

  it('offers quick fixes that change only what they name', async () => {
    const uri = 'file:///tmp/fix.cfg';
    const { diagnostics } = await client.open(uri, BROKEN);
    const typo = diagnostics.find((d) => d.code === 'xl/unknown-key')!;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
    const rename = (actions ?? []).find((a) => 'title' in a && a.title === 'Rename to memory') as { edit?: { changes?: Record<string, Array<{ range: unknown; newText: string }>> } };
    assert.ok(rename, 'a did-you-mean rename is offered');
    assert.deepStrictEqual(rename.edit!.changes![uri], [{ range: typo.range, newText: 'memory' }]);
  });

  it('turns CRLF into LF through the client, as VS Code would put an inserted CR back', async () => {
    const uri = 'file:///tmp/crlf.cfg';
    const { diagnostics } = await client.open(uri, 'name = "w"\r\nkernel = "/k"\r\n');
    const crlf = diagnostics.find((d) => /CRLF/.test(String(d.message)))!;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: crlf.range, context: { diagnostics: [crlf] } });
    const fix = actions!.find((a) => a.title === 'Convert line endings to LF') as { edit?: unknown; command: { command: string; arguments: string[] } };
    assert.strictEqual(fix.edit, undefined);
    assert.deepStrictEqual([fix.command.command, fix.command.arguments], ['xenops.useLfLineEndings', [uri]]);
  });

  it('lists settings as document symbols', async () => {
    const uri = 'file:///tmp/symbols.cfg';
    await client.open(uri, BROKEN);
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    const names = (symbols ?? []).map((s) => s.name);
    assert.deepStrictEqual(names.slice(0, 3), ['name', 'type', 'kernel']);
  });

  it('survives garbage documents and keeps answering', async () => {
    for (const [i, text] of ['\u0000\u0001', '['.repeat(20000), '"'.repeat(999), 'a = [\n'.repeat(3000)].entries()) {
      const { diagnostics } = await client.open(`file:///tmp/garbage${i}.cfg`, text);
      assert.ok(Array.isArray(diagnostics));
    }
    const { diagnostics } = await client.open('file:///tmp/after.cfg', 'name = "ok"\nkernel = "/k"\n');
    assert.deepStrictEqual(diagnostics, []);
  });
});
