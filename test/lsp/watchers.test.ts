// File watchers through the real server: folder deletes and creates (VS Code sends one
// event for the folder, none for its files), LVM reports under any name and the configs
// under a host's `etc` outside the workspace, which the server watches by registering
// their exact paths with the client.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  type DidChangeWatchedFilesRegistrationOptions,
  FileChangeType,
  type PublishDiagnosticsParams,
  type Registration,
  type RelativePattern,
  WatchKind,
} from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace');
const WATCHING = { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } };

function has(code: string) {
  return (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
}
function lacks(...codes: string[]) {
  return (p: PublishDiagnosticsParams) => !p.diagnostics.some((d) => codes.includes(String(d.code)));
}

/** The watchers of a DidChangeWatchedFiles registration (none for other registrations). */
function watchers(r: Registration) {
  return r.method === DidChangeWatchedFilesNotification.method ? (r.registerOptions as DidChangeWatchedFilesRegistrationOptions).watchers : [];
}

describe('file watchers over stdio', function () {
  this.timeout(20000);
  let dir: string;
  let client: TestClient;
  const file = (rel: string) => path.join(dir, rel);
  const uri = (rel: string) => pathToFileURL(file(rel)).href;
  const send = (rel: string, type: FileChangeType) =>
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(rel), type }] });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-watch-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    client = new TestClient();
  });
  afterEach(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('drops every file of a deleted folder on the folder event alone', async () => {
    await client.initialize(dir, WATCHING);
    await client.until(uri('xen01/db01.cfg'), has('xl/duplicate-name'));
    await client.until(uri('xen01/db01.cfg'), has('xl/duplicate-uuid'));
    const cleared = client.until(uri('xen02/db01.cfg'), (p) => p.diagnostics.length === 0);
    fs.rmSync(file('xen02'), { recursive: true });
    await send('xen02', FileChangeType.Deleted);
    await client.until(uri('xen01/db01.cfg'), lacks('xl/duplicate-name', 'xl/duplicate-uuid'));
    await cleared; // the deleted file's own diagnostics are gone from the Problems view too
  });

  it('scans a created folder for configs on the folder event alone', async () => {
    await client.initialize(dir, WATCHING);
    await client.until(uri('xen01/web01.cfg'), has('xl/shared-writable-disk'));
    assert.ok(lacks('xl/duplicate-name')(client.latest.get(uri('xen01/web01.cfg'))!));
    fs.mkdirSync(file('xen03/guests'), { recursive: true });
    fs.copyFileSync(file('xen01/web01.cfg'), file('xen03/guests/web01.cfg'));
    await send('xen03', FileChangeType.Created);
    const web01 = await client.until(uri('xen01/web01.cfg'), has('xl/duplicate-name'));
    const dup = web01.diagnostics.find((d) => d.code === 'xl/duplicate-name')!;
    assert.ok(dup.relatedInformation?.some((r) => r.location.uri === uri('xen03/guests/web01.cfg')), JSON.stringify(dup.relatedInformation));
  });

  it('follows a renamed folder (a delete and a create of the folder)', async () => {
    await client.initialize(dir, WATCHING);
    await client.until(uri('xen01/db01.cfg'), has('xl/duplicate-name'));
    fs.renameSync(file('xen02'), file('standby'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri('xen02'), type: FileChangeType.Deleted }, { uri: uri('standby'), type: FileChangeType.Created }],
    });
    await client.until(uri('xen01/db01.cfg'), (p) =>
      p.diagnostics.some((d) => d.code === 'xl/duplicate-name' && d.relatedInformation?.some((r) => r.location.uri === uri('standby/db01.cfg'))) &&
      !p.diagnostics.some((d) => d.relatedInformation?.some((r) => r.location.uri === uri('xen02/db01.cfg'))),
    );
  });

  it('watches the LVM report under the name the inventory gives it, and re-checks when it changes', async () => {
    fs.renameSync(file('xen01/lvs.json'), file('xen01/lvs.txt'));
    fs.writeFileSync(file('xenops.yaml'), fs.readFileSync(file('xenops.yaml'), 'utf8').replace('"xen01/lvs.json"', '"xen01/lvs.txt"'));
    await client.initialize(dir, WATCHING);

    // the server asks the client to watch exactly that path, created, changed or deleted
    const reg = await client.registration((r) => watchers(r).some((w) => (w.globPattern as RelativePattern).pattern === 'lvs.txt'));
    const watcher = watchers(reg).find((w) => (w.globPattern as RelativePattern).pattern === 'lvs.txt')!;
    const base = (watcher.globPattern as RelativePattern).baseUri;
    assert.strictEqual(typeof base === 'string' ? base : base.uri, uri('xen01'));
    assert.strictEqual(watcher.kind, WatchKind.Create | WatchKind.Change | WatchKind.Delete);
    // and folders: creates and deletes only, so logs being written send nothing
    const folders = [...client.registrations.values()].flatMap(watchers).find((w) => w.globPattern === '**/*');
    assert.strictEqual(folders?.kind, WatchKind.Create | WatchKind.Delete);

    await client.until(uri('xen01/web01.cfg'), has('xl/vbd-overprovisioned'));
    const report = file('xen01/lvs.txt');
    fs.writeFileSync(report, fs.readFileSync(report, 'utf8').replace('"51200.00m"', '"102400.00m"').replace('"86.20"', '"40.00"'));
    await send('xen01/lvs.txt', FileChangeType.Changed);
    await client.until(uri('xen01/web01.cfg'), lacks('xl/vbd-overprovisioned'));
  });

  it('moves the report watcher when the inventory names another report', async () => {
    await client.initialize(dir, WATCHING);
    const isReport = (name: string) => (r: Registration) => watchers(r).some((w) => (w.globPattern as RelativePattern).pattern === name);
    const first = await client.registration(isReport('lvs.json'));
    fs.copyFileSync(file('xen01/lvs.json'), file('xen01/pool.report'));
    fs.writeFileSync(file('xenops.yaml'), fs.readFileSync(file('xenops.yaml'), 'utf8').replace('"xen01/lvs.json"', '"xen01/pool.report"'));
    await send('xenops.yaml', FileChangeType.Changed);
    await client.registration(isReport('pool.report'));
    // and the old one is withdrawn
    await waitFor(() => !client.registrations.has(first.id));
  });

  it('reads and watches the configs under a host\'s etc outside the workspace, and the inventory does not call it empty', async () => {
    const etc = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-etc-'));
    try {
      fs.mkdirSync(path.join(etc, 'lvm'));
      fs.writeFileSync(path.join(etc, 'lvm', 'lvm.conf'), 'global {\n\tuse_lvmlockd = 1\n}\n');
      const local = path.join(etc, 'lvm', 'lvmlocal.conf');
      fs.writeFileSync(local, 'local {\n}\n');
      fs.writeFileSync(file('xenops.yaml'), fs.readFileSync(file('xenops.yaml'), 'utf8').replace('    cpus: 4\n', `    cpus: 4\n    etc: ${JSON.stringify(etc)}\n`));
      await client.initialize(dir, WATCHING);

      const localUri = pathToFileURL(local).href;
      await client.until(localUri, has('lvm/lockd-host-id'));
      const inventory = await client.until(uri('xenops.yaml'), () => true);
      assert.ok(!inventory.diagnostics.some((d) => /holds no/.test(String(d.message))), JSON.stringify(inventory.diagnostics));
      await client.registration((r) => watchers(r).some((w) => (w.globPattern as RelativePattern).pattern === 'lvmlocal.conf'));

      fs.writeFileSync(local, 'local {\n\thost_id = 7\n}\n');
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: localUri, type: FileChangeType.Changed }] });
      await client.until(localUri, lacks('lvm/lockd-host-id'));
    } finally {
      fs.rmSync(etc, { recursive: true, force: true });
    }
  });
});

async function waitFor(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((r) => setTimeout(r, 20));
}
