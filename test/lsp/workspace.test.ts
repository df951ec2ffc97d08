// The workspace checks through the real server: a folder is indexed at start,
// closed files get diagnostics, and edits and file changes re-check the others.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DidChangeWatchedFilesNotification, FileChangeType, HoverRequest, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace');

function has(code: string) {
  return (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
}
function lacks(code: string) {
  return (p: PublishDiagnosticsParams) => !p.diagnostics.some((d) => d.code === code);
}

describe('workspace checks over stdio', function () {
  this.timeout(20000);
  let dir: string;
  let client: TestClient;
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).href;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-ws-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    client = new TestClient();
    await client.initialize(dir);
  });
  afterEach(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the folder and reports on files that are not open, with links to the other file', async () => {
    const web01 = await client.until(uri('xen01/web01.cfg'), has('xl/shared-writable-disk'));
    const shared = web01.diagnostics.find((d) => d.code === 'xl/shared-writable-disk')!;
    assert.strictEqual(shared.relatedInformation?.[0].location.uri, uri('xen01/web02.cfg'));
    await client.until(uri('xenops.yaml'), has('xl/host-memory-overcommit'));
  });

  it('gives web02 its own volume: the edit and the lvcreate command, and web01 is clean again', async () => {
    await client.until(uri('xen01/web01.cfg'), has('xl/shared-writable-disk'));
    const text = fs.readFileSync(path.join(dir, 'xen01/web02.cfg'), 'utf8');
    const opened = await client.open(uri('xen01/web02.cfg'), text);
    const diag = opened.diagnostics.find((d) => d.code === 'xl/shared-writable-disk')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri('xen01/web02.cfg') }, range: diag.range, context: { diagnostics: [diag] } })) ?? [];
    const own = actions.find((a) => 'title' in a && a.title.startsWith('Give web02 its own volume')) as {
      edit: { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> };
      command: { command: string; arguments: string[] };
    };
    assert.ok(own, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(own.command.command, 'xenops.showShellCommand');
    assert.match(own.command.arguments[0], /^lvcreate -L 10240M -n web02-xvdb vg0/);
    const [edit] = own.edit.changes[uri('xen01/web02.cfg')];
    assert.strictEqual(edit.newText, '/dev/vg0/web02-xvdb');
    await client.change(uri('xen01/web02.cfg'), 2, [edit.range ? { range: edit.range, text: edit.newText } : { text: edit.newText }]);
    await client.until(uri('xen01/web01.cfg'), lacks('xl/shared-writable-disk'));
  });

  it('re-checks when an LVM report changes on disk', async () => {
    await client.until(uri('xen01/web01.cfg'), has('xl/vbd-overprovisioned'));
    const report = path.join(dir, 'xen01/lvs.json');
    fs.writeFileSync(report, fs.readFileSync(report, 'utf8').replace('"51200.00m"', '"102400.00m"').replace('"86.20"', '"40.00"'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(report).href, type: FileChangeType.Changed }] });
    await client.until(uri('xen01/web01.cfg'), lacks('xl/vbd-overprovisioned'));
  });

  it('answers hover in xenops.yaml', async () => {
    const text = fs.readFileSync(path.join(dir, 'xenops.yaml'), 'utf8');
    await client.open(uri('xenops.yaml'), text, 'yaml');
    const line = text.split('\n').findIndex((l) => l.includes('dom0_memory'));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('xenops.yaml') }, position: { line, character: 6 } });
    assert.match((hover!.contents as { value: string }).value, /MiB kept by dom0/);
  });
});
