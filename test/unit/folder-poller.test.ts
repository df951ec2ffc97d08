// Tail mode without file events: the poller reports a changed, added or removed file of a
// folder, once per change, and nothing while the folder stands still.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FolderPoller } from '../../server/src/logview/folderPoller';

const INTERVAL = 20;
const settle = () => new Promise((r) => setTimeout(r, INTERVAL * 6));

describe('log folder poller', () => {
  let dir: string;
  let poller: FolderPoller;
  let changes: number;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-poll-'));
    fs.mkdirSync(path.join(dir, 'xen01'));
    fs.writeFileSync(path.join(dir, 'xen01', 'kern.log'), 'Jul  1 09:00:00 xen01 kernel: booted\n');
    poller = new FolderPoller(INTERVAL);
    changes = 0;
    poller.watch(dir, {}, () => changes++);
  });
  afterEach(() => {
    poller.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stays quiet while nothing changes', async () => {
    await settle();
    assert.strictEqual(changes, 0);
  });

  it('reports a grown file once', async () => {
    fs.appendFileSync(path.join(dir, 'xen01', 'kern.log'), 'Jul  1 09:00:01 xen01 kernel: more\n');
    await settle();
    assert.strictEqual(changes, 1);
  });

  it('reports a new file in a subfolder and a removed one', async () => {
    fs.writeFileSync(path.join(dir, 'xen01', 'xl-web01.log'), 'libxl: error: x\n');
    await settle();
    assert.strictEqual(changes, 1);
    fs.rmSync(path.join(dir, 'xen01', 'kern.log'));
    await settle();
    assert.strictEqual(changes, 2);
  });

  it('leaves out files the scan ignores and hidden folders', async () => {
    poller.watch(dir, { ignore: ['*.tmp'] }, () => changes++);
    fs.writeFileSync(path.join(dir, 'xen01', 'upload.tmp'), 'x');
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'index'), 'x');
    await settle();
    assert.strictEqual(changes, 0);
  });

  it('reports a change of the folder\'s rule pack, which the scan reads', async () => {
    fs.mkdirSync(path.join(dir, '.xenops'));
    fs.writeFileSync(path.join(dir, '.xenops', 'rules.yaml'), 'rules: []\n');
    await settle();
    assert.strictEqual(changes, 1);
  });

  it('stops when asked', async () => {
    poller.stop(dir);
    fs.appendFileSync(path.join(dir, 'xen01', 'kern.log'), 'more\n');
    await settle();
    assert.strictEqual(changes, 0);
  });
});
