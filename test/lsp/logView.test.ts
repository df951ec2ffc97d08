// The log viewer through the server over stdio: opening a log folder, failure marks for
// decorations and navigation, hovers and CodeLenses on failure lines (in files and in
// windows of big logs), the merged timeline, re-scans that pick up new lines, per-rule
// settings and the workspace rule pack in an untrusted workspace.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Timeline } from '../../server/src/logs/correlate';
import type { LogEventMark } from '../../server/src/lsp/logView';
import type { MergedDocument } from '../../server/src/logview/merged';
import { windowUri } from '../../server/src/logview/windowUri';
import { TestClient } from './client';

const EXAMPLE = path.resolve(__dirname, '..', '..', '..', 'examples', 'logs');

interface Lens {
  range: { start: { line: number } };
  command: { title: string; command: string; arguments?: [string, number, Array<{ file: string; line: number }>] };
}

describe('log viewer over stdio', function () {
  this.timeout(20000);
  let dir: string;
  let client: TestClient;
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).href;
  const openFolder = () => client.connection.sendRequest('xenops/openLogFolder', { folder: pathToFileURL(dir).href }) as Promise<{ folder: string; timeline: Timeline }>;
  const openLog = (rel: string) => client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId: 'xen-log', version: 1, text: fs.readFileSync(path.join(dir, rel), 'utf8') } });
  const hover = (docUri: string, line: number) => client.connection.sendRequest('textDocument/hover', { textDocument: { uri: docUri }, position: { line, character: 3 } }) as Promise<{ contents: { value: string } } | null>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-lsp-logview-'));
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    client = new TestClient();
    await client.initialize(dir);
  });
  afterEach(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens a log folder: the incidents of the bundled example, as the scan finds them', async () => {
    const { folder, timeline } = await openFolder();
    assert.strictEqual(folder, pathToFileURL(dir).href);
    assert.strictEqual(timeline.incidents.length, 3);
    assert.match(timeline.incidents[0].summary, /machine check .*preceded by dm-12 at 100 %util/);
    assert.ok(timeline.events.some((e) => e.file === 'xen01/kern.log' && e.line === 6 && e.category === 'disk-io'));
  });

  it('marks the failure lines of a log, only in the lines asked for', async () => {
    await openFolder();
    const all = (await client.connection.sendRequest('xenops/logEvents', { uri: uri('xen01/kern.log') })) as LogEventMark[];
    assert.deepStrictEqual(all.map((m) => [m.line, m.category]), [[1, 'lvm'], [2, 'lvm'], [3, 'kernel-hang'], [5, 'disk-io'], [6, 'disk-io'], [7, 'mce']]);
    const some = (await client.connection.sendRequest('xenops/logEvents', { uri: uri('xen01/kern.log'), ranges: [{ start: 4, end: 6 }] })) as LogEventMark[];
    assert.deepStrictEqual(some.map((m) => m.line), [5, 6]);
  });

  it('hovers a failure line with its meaning, UTC time and correlated failures as links; other lines get nothing', async () => {
    await openFolder();
    await openLog('xen01/xl-dmesg.log');
    const h = await hover(uri('xen01/xl-dmesg.log'), 7);
    assert.ok(h);
    const md = h.contents.value;
    assert.match(md, /^\*\*Machine check\*\* · error/);
    assert.match(md, /2024-07-01 09:15:30\.412 UTC · incident 1 of 3/);
    assert.match(md, /Machine check status: \*\*uncorrected memory controller error, bank 8, SRAR\*\*/);
    assert.match(md, /Resource context: preceded by dm-12 at 100 %util/);
    assert.match(md, /correlated within 60 s/);
    const link = /\[xen01\/kern\.log:8\]\(command:xenops\.openLogLine\?([^)]+)\)/.exec(md);
    assert.ok(link, md);
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(link[1])), [path.join(dir, 'xen01', 'kern.log'), 8]);
    assert.strictEqual(await hover(uri('xen01/xl-dmesg.log'), 0), null);
  });

  it('puts a lens on each failure line that names the failures within the window', async () => {
    await openFolder();
    await openLog('xen01/kern.log');
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uri('xen01/kern.log') } })) as Lens[];
    assert.deepStrictEqual(lenses.map((l) => l.range.start.line), [1, 2, 3, 5, 6, 7]);
    const io = lenses.find((l) => l.range.start.line === 5)!;
    assert.match(io.command.title, /^\d+ correlated events within 60 s$/);
    assert.strictEqual(io.command.command, 'xenops.showCorrelated');
    const related = io.command.arguments![2];
    assert.strictEqual(related.length, Number(/^\d+/.exec(io.command.title)![0]));
    assert.ok(related.some((r) => r.file === path.join(dir, 'xen01', 'kern.log') && r.line === 4), 'the hung task 30 s before');
    assert.ok(related.some((r) => r.file.endsWith('mcelog')), 'the machine check 40 s later');
    assert.ok(!related.some((r) => r.file.endsWith('syslog') && r.line === 2), 'the thin pool warning 4 min before');
  });

  it('lists every failure in time order in the merged timeline, with links, and filters it', async () => {
    await openFolder();
    const doc = (await client.connection.sendRequest('xenops/mergedTimeline', { folder: pathToFileURL(dir).href })) as MergedDocument;
    const lines = doc.text.split('\n');
    assert.strictEqual(doc.links.length, 20);
    for (const l of doc.links) assert.ok(lines[l.line].includes(`${l.file}:${l.target}`), lines[l.line]);
    const times = doc.links.map((l) => lines[l.line].slice(0, 19)).filter((t) => /^\d{4}/.test(t));
    assert.deepStrictEqual(times, [...times].sort());
    assert.strictEqual(times[0], '2024-07-01 09:10:00');
    // headings where each incident starts, in time order: 3, 2, then 1
    assert.deepStrictEqual(lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(0, 13)), ['## Incident 3', '## Incident 2', '## Incident 1', '## Without a ']);
    const mce = (await client.connection.sendRequest('xenops/mergedTimeline', { folder: pathToFileURL(dir).href, filter: { categories: ['mce'] } })) as MergedDocument;
    assert.ok(mce.links.length >= 3);
    assert.ok(mce.text.split('\n').filter((l) => /^\d{4}-/.test(l)).every((l) => / mce /.test(l)));
  });

  it('serves a window of a big log, with hovers mapped to the file\'s lines', async () => {
    const big = path.join(dir, 'xen01', 'big-kern.log');
    const lines = Array.from({ length: 30000 }, (_, i) => `Jul  1 08:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:00 xen01 kernel: [ ${i}.000000] line ${i + 1}`);
    lines[24999] = 'Jul  1 09:14:51 xen01 kernel: [ 4966.000000] blk_update_request: I/O error, dev dm-12, sector 1 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0';
    fs.writeFileSync(big, lines.join('\n') + '\n');
    await openFolder();
    const w = windowUri({ file: big, first: 24001, count: 2000 });
    const text = (await client.connection.sendRequest('xenops/logWindow', { uri: w })) as { text: string; first: number; total: number };
    assert.strictEqual(text.total, 30000);
    assert.deepStrictEqual(text.text.split('\n'), lines.slice(24000, 26000));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: w, languageId: 'xen-log', version: 1, text: text.text } });
    const marks = (await client.connection.sendRequest('xenops/logEvents', { uri: w, ranges: [{ start: 0, end: 1999 }] })) as LogEventMark[];
    assert.deepStrictEqual(marks.map((m) => m.line), [999]); // file line 25000 is line 1000 of a window from 24001
    const h = await hover(w, 999);
    assert.match(h!.contents.value, /Disk I\/o errors|disk I\/O errors/i);
    assert.strictEqual(await hover(w, 998), null);
  });

  it('says when the files of an open folder changed, and a new scan picks up the new lines (tail mode)', async () => {
    const changed = new Promise<{ folder: string }>((resolve) => client.connection.onNotification('xenops/logFolderChanged', resolve));
    const before = (await openFolder()).timeline.events.length;
    fs.appendFileSync(path.join(dir, 'xen01', 'kern.log'), 'Jul  1 09:16:30 xen01 kernel: [ 5065.000000] blk_update_request: I/O error, dev dm-13, sector 8 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0\n');
    // the server's own poll: no file events reach it in this test
    assert.deepStrictEqual(await changed, { folder: pathToFileURL(dir).href });
    const after = (await openFolder()).timeline;
    assert.strictEqual(after.events.length, before + 1);
    assert.ok(after.events.some((e) => e.file === 'xen01/kern.log' && e.line === 10 && /dm-13/.test(e.message)));
  });

  it('applies xenops.logs.rules: a rule switched off drops its failures, a severity replaces the rule\'s', async () => {
    const io = (await openFolder()).timeline.events.filter((e) => e.file === 'xen01/kern.log' && e.category === 'disk-io');
    assert.ok(io.length);
    const rule = io[0].rule;
    await client.configure({ rules: { [rule]: 'off', 'no-such-rule': 'info' } });
    const off = (await openFolder()).timeline;
    assert.ok(!off.events.some((e) => e.rule === rule));
    await client.configure({ rules: { [rule]: 'info' } });
    const info = (await openFolder()).timeline;
    assert.ok(info.events.filter((e) => e.rule === rule).every((e) => e.severity === 'info'));
  });

  it('reads the logs of one host in its own zone (xenops.logs.timezones), the others in xenops.logs.timezone', async () => {
    await client.configure({ timezone: 'UTC', timezones: { 'xen01/**': 'America/New_York', 'web01/*': 'Not/A_Zone' } });
    const t = (await openFolder()).timeline;
    const io = t.events.find((e) => e.file === 'xen01/kern.log' && e.line === 6)!;
    assert.strictEqual(io.time, '2024-07-01T13:14:50.000Z'); // 09:14:50 EDT
    assert.ok(t.resources.length && t.resources.every((r) => r.time.startsWith('2024-07-01T13:')), 'the iostat capture beside it too');
    const app = t.events.find((e) => e.file === 'web01/app.log')!;
    assert.match(app.time!, /^2024-07-01T09:/); // its lines state +0000
  });

  it('leaves out the folder\'s own rule pack until the workspace is trusted', async () => {
    fs.mkdirSync(path.join(dir, '.xenops'));
    fs.writeFileSync(path.join(dir, '.xenops', 'rules.yaml'), [
      'rules:',
      '  - id: site-bridge-down',
      '    category: network',
      '    severity: warning',
      "    literals: ['entered disabled state']",
      "    samples: ['xenbr0: port 3(vif7.0) entered disabled state']",
      '',
    ].join('\n'));
    client.connection.sendNotification('xenops/trusted', { trusted: false });
    assert.ok(!(await openFolder()).timeline.events.some((e) => e.rule === 'site-bridge-down'));
    client.connection.sendNotification('xenops/trusted', { trusted: true });
    assert.ok((await openFolder()).timeline.events.some((e) => e.rule === 'site-bridge-down'));
  });
});
