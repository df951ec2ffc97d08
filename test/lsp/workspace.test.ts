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

  it('publishes every cross-file rule on closed files', async () => {
    const codes = async (rel: string, code: string) => (await client.until(uri(rel), has(code))).diagnostics.map((d) => d.code);
    const db01 = await codes('xen01/db01.cfg', 'xl/numa-spread');
    for (const code of ['xl/duplicate-mac', 'xl/duplicate-name', 'xl/duplicate-uuid', 'xl/host-memory-overcommit', 'xl/missing-volume']) {
      assert.ok(db01.includes(code), `${code} in ${db01.join(', ')}`);
    }
    assert.ok((await codes('xen02/db01.cfg', 'xl/host-cpus')).includes('xl/duplicate-name'));
  });

  it('offers the host commands for a thin pool and the NUMA pinning fix', async () => {
    const actionsFor = async (rel: string, code: string) => {
      const published = client.until(uri(rel), has(code));
      await client.open(uri(rel), fs.readFileSync(path.join(dir, rel), 'utf8'));
      const diag = (await published).diagnostics.find((d) => d.code === code)!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(rel) }, range: diag.range, context: { diagnostics: [diag] } })) ?? [];
      return actions as Array<{ title: string; edit?: { changes: Record<string, Array<{ newText: string }>> }; command?: { command: string; arguments: string[] } }>;
    };
    const pool = (await actionsFor('xen01/web01.cfg', 'xl/vbd-overprovisioned')).find((a) => a.title.startsWith('Extend thin pool vg0/pool0'))!;
    assert.strictEqual(pool.edit, undefined, 'a host command changes no file');
    assert.strictEqual(pool.command!.command, 'xenops.showShellCommand');
    assert.match(pool.command!.arguments[0], /^vgextend vg0 \/dev\/NEW_PV && lvextend -L \+30720M vg0\/pool0/);
    const pin = (await actionsFor('xen01/db01.cfg', 'xl/numa-spread')).find((a) => a.title === 'Pin to node 0 (cpus = "0-3")')!;
    assert.deepStrictEqual(pin.edit!.changes[uri('xen01/db01.cfg')].map((e) => e.newText), ['"0-3"']);
  });

  it('attaches read-only where nobody else writes the volume, and the finding goes away', async () => {
    const web02 = path.join(dir, 'xen01/web02.cfg');
    const text = fs.readFileSync(web02, 'utf8');
    await client.open(uri('xen01/web02.cfg'), text.replace("'/dev/mapper/vg0-shared,raw,xvdb,w'", "'/dev/mapper/vg0-shared,raw,xvdb,r'"));
    const web01 = fs.readFileSync(path.join(dir, 'xen01/web01.cfg'), 'utf8');
    const published = client.until(uri('xen01/web01.cfg'), has('xl/shared-writable-disk'));
    await client.open(uri('xen01/web01.cfg'), web01);
    const diag = (await published).diagnostics.find((d) => d.code === 'xl/shared-writable-disk')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri('xen01/web01.cfg') }, range: diag.range, context: { diagnostics: [diag] } })) ?? [];
    const ro = actions.find((a) => a.title === 'Attach read-only in web01') as { edit: { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> } };
    assert.ok(ro, `actions: ${actions.map((a) => a.title).join(', ')}`);
    const [edit] = ro.edit.changes[uri('xen01/web01.cfg')];
    assert.strictEqual(edit.newText, 'r');
    await client.change(uri('xen01/web01.cfg'), 2, [{ range: edit.range, text: edit.newText }]);
    await client.until(uri('xen01/web01.cfg'), lacks('xl/shared-writable-disk'));
    await client.until(uri('xen01/web02.cfg'), lacks('xl/shared-writable-disk'));
  });

  it('answers hover in xenops.yaml', async () => {
    const text = fs.readFileSync(path.join(dir, 'xenops.yaml'), 'utf8');
    await client.open(uri('xenops.yaml'), text, 'yaml');
    const line = text.split('\n').findIndex((l) => l.includes('dom0_memory'));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('xenops.yaml') }, position: { line, character: 6 } });
    assert.match((hover!.contents as { value: string }).value, /MiB kept by dom0/);
  });
});
