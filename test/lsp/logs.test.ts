// The log engine through the server: `xenops/scanFolder` with progress and cancellation,
// the timeline view and the incident export.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError, WorkDoneProgress } from 'vscode-languageserver-protocol/node';
import { EXPORT_EXISTS } from '../../server/src/export/protocol';
import type { TimelineView } from '../../server/src/timeline/types';
import { TestClient } from './client';

describe('xenops/scanFolder over stdio', function () {
  this.timeout(20000);
  let dir: string;
  let client: TestClient;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-lsp-scan-'));
    fs.writeFileSync(path.join(dir, 'console.log'), '(XEN) [2024-07-01 09:00:10] Panic on CPU 3:\n(XEN) [2024-07-01 09:00:10] Xen BUG at mm.c:1234\n');
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(dir, `app${i}.log`), `2024-07-01 09:00:${String(i).padStart(2, '0')} +0000 INFO: ok\n`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    client = new TestClient();
    await client.initialize(dir);
  });
  afterEach(() => client.close());

  it('returns the same timeline as xenops scan --json, reporting progress', async () => {
    const token = 'scan-1';
    const kinds: string[] = [];
    client.connection.onProgress(WorkDoneProgress.type, token, (p) => {
      kinds.push(p.kind);
    });
    const t = (await client.connection.sendRequest('xenops/scanFolder', { folder: pathToFileURL(dir).href, workDoneToken: token })) as {
      files: unknown[];
      events: Array<{ category: string; time: string }>;
      incidents: unknown[];
    };
    assert.strictEqual(t.files.length, 51);
    assert.deepStrictEqual(t.events.map((e) => [e.category, e.time]), [['hypervisor-panic', '2024-07-01T09:00:10.000Z']]);
    assert.strictEqual(t.incidents.length, 1);
    assert.strictEqual(kinds[0], 'begin');
    assert.strictEqual(kinds[kinds.length - 1], 'end');
  });

  it('answers a time, zone or window it cannot read with an error, not a scan without it', async () => {
    const invalid = (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams;
    for (const [params, message] of [
      [{ since: '2024-13-45' }, /since: '2024-13-45' is not a real time: there is no month 13/],
      [{ until: 'yesterday' }, /until: 'yesterday' is not an ISO 8601 time/],
      [{ tz: 'Mars/Base' }, /tz: unknown time zone 'Mars\/Base'/],
      [{ window: 'soon' }, /window: wants a duration such as 60s or 5m/],
    ] as const) {
      const pending = client.connection.sendRequest('xenops/scanFolder', { folder: dir, ...params });
      await assert.rejects(pending, (e: unknown) => invalid(e) && message.test((e as Error).message));
    }
    const t = (await client.connection.sendRequest('xenops/scanFolder', { folder: dir, since: '2024-07-01T09:00:00Z', until: '2024-07-01 09:30' })) as { events: unknown[] };
    assert.strictEqual(t.events.length, 1);
  });

  it('stops when the client cancels', async () => {
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('xenops/scanFolder', { folder: dir }, source.token);
    source.cancel();
    await assert.rejects(pending, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
  });

  it('builds the timeline view of the folder and of an incident', async () => {
    const all = (await client.connection.sendRequest('xenops/timeline', { folder: pathToFileURL(dir).href })) as TimelineView;
    assert.match(all.title, /: 1 failures, 1 incidents$/);
    assert.deepStrictEqual(all.markers.map((m) => [m.category, m.file, m.line, m.time]), [['hypervisor-panic', 'console.log', 1, Date.UTC(2024, 6, 1, 9, 0, 10)]]);
    const one = (await client.connection.sendRequest('xenops/timeline', { folder: dir, incident: 0 })) as TimelineView;
    assert.match(one.title, /^Incident 1: hypervisor panic/);
    assert.strictEqual(one.start, Date.UTC(2024, 6, 1, 8, 55, 10), 'opens five minutes before the incident');
    await assert.rejects(client.connection.sendRequest('xenops/timeline', { folder: dir, incident: 4 }), /no incident 5/);
  });

  it('exports an incident, and refuses to replace a file unless forced', async () => {
    const out = path.join(os.tmpdir(), `xenops-lsp-export-${process.pid}.md`);
    fs.rmSync(out, { force: true });
    try {
      const params = { folder: dir, incident: 0, format: 'md', out: pathToFileURL(out).href };
      assert.deepStrictEqual(await client.connection.sendRequest('xenops/export', params), { file: out, incidents: 1, events: 1 });
      assert.match(fs.readFileSync(out, 'utf8'), /## Incident 1: hypervisor panic/);
      fs.writeFileSync(out, 'keep me');
      await assert.rejects(client.connection.sendRequest('xenops/export', params), (e: unknown) => e instanceof ResponseError && e.code === EXPORT_EXISTS);
      assert.strictEqual(fs.readFileSync(out, 'utf8'), 'keep me');
      await client.connection.sendRequest('xenops/export', { ...params, force: true });
      assert.match(fs.readFileSync(out, 'utf8'), /hypervisor panic/);
    } finally {
      fs.rmSync(out, { force: true });
    }
  });
});
