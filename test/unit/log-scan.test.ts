// Scanning real files: compressed and rotated logs, worker threads, and every kind of
// bad input (binary, huge lines, invalid UTF-8, oversized files) without a crash or a hang.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createEngine } from '../../server/src/logs/engine';
import { Cancelled, READ_BUFFER_BYTES, scanFile } from '../../server/src/logs/fileScan';
import { cleanLine } from '../../server/src/logs/formats';
import { classify } from '../../server/src/logs/rules';
import { scanFolder } from '../../server/src/logs/scan';
import { Random } from '../reference/generate';

describe('scanning a log folder', function () {
  this.timeout(60000);
  let dir: string;
  const write = (name: string, data: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), data);
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-scan-'));
    write('xen/xl-dmesg.log', '(XEN) [2024-07-01 09:00:00.000] Xen version 4.17\n(XEN) [2024-07-01 09:00:10.000] Panic on CPU 3:\n(XEN) [2024-07-01 09:00:10.000] Xen BUG at mm.c:1234\n(XEN) [2024-07-01 09:00:10.001] ****************************************\n');
    write('kern.log.1', 'Jul  1 08:59:50 xen01 kernel: [  100.000000] xenbr0: port 1(vif1.0) entered forwarding state\nJul  1 08:59:55 xen01 kernel: [  105.000000] blk_update_request: I/O error, dev dm-3, sector 1234 op 0x1:(WRITE) flags 0x800 phys_seg 32 prio class 0\n');
    write('syslog.2.gz', gzipSync('Jul  1 09:00:05 xen01 kernel: [  115.000000] INFO: task jbd2/dm-3-8:812 blocked for more than 120 seconds.\n'));
    write('app.log', '2024-07-01 09:00:07 +0000 DEBUG: pool stats\n2024-07-01 09:00:08 +0000 DEBUG: SQLSTATE[HY000] [1040] Too many connections\n');
    write('blob.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    write('notes.txt', 'shopping list\nmilk\n');
    write('empty.log', '');
    write('broken.gz', Buffer.from('not gzip at all'));
    write('huge-line.log', `Jul  1 09:00:09 xen01 kernel: [  119.000000] ${'x'.repeat(10 * 1024 * 1024)} Out of memory: Killed process 4711 (qemu-system-i38)\n`);
    write('latin1.log', Buffer.concat([Buffer.from('Jul  1 09:00:06 xen01 kernel: [  116.000000] Buffer I/O error on dev dm-3, logical block 12, lost async page write \xff\xfe\n', 'latin1')]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads every format, rotated and gzipped files, and builds one incident', async () => {
    const t = await scanFolder({ folder: dir, workers: 1 });
    const byFile = Object.fromEntries(t.files.map((f) => [f.path, f]));
    assert.strictEqual(byFile['xen/xl-dmesg.log'].format, 'xen-console');
    assert.strictEqual(byFile['kern.log.1'].format, 'syslog');
    assert.strictEqual(byFile['syslog.2.gz'].format, 'syslog');
    assert.strictEqual(byFile['app.log'].format, 'app');
    assert.deepStrictEqual(t.events.map((e) => [e.file, e.category]), [
      ['kern.log.1', 'disk-io'],
      ['syslog.2.gz', 'kernel-hang'],
      ['latin1.log', 'disk-io'],
      ['app.log', 'app-crash'],
      ['huge-line.log', 'memory'],
      ['xen/xl-dmesg.log', 'hypervisor-panic'],
    ]);
    assert.strictEqual(t.events[0].time, '2024-07-01T08:59:55.000Z', 'the year comes from the console log beside it');
    assert.strictEqual(t.incidents.length, 1, 'all within 60 s of each other');
    assert.match(t.incidents[0].summary, /^disk I\/O errors, then kernel hang, then service failures, then memory trouble/);
  });

  it('classifies by what a line says, not by its level', async () => {
    const t = await scanFolder({ folder: path.join(dir, 'app.log') });
    assert.deepStrictEqual(t.events.map((e) => [e.line, e.time]), [[2, '2024-07-01T09:00:08.000Z']]);
  });

  it('skips bad input with a reason and never crashes', async () => {
    const t = await scanFolder({ folder: dir, workers: 1 });
    const reasons = Object.fromEntries(t.files.filter((f) => f.skipped).map((f) => [f.path, f.skipped]));
    assert.match(reasons['blob.bin']!, /binary file/);
    assert.match(reasons['notes.txt']!, /no known log format/);
    assert.match(reasons['empty.log']!, /empty file/);
    assert.match(reasons['broken.gz']!, /not a readable gzip file/);
    const huge = t.events.find((e) => e.file === 'huge-line.log')!;
    assert.ok(huge.message.length <= 2001, 'a huge line is cut, not kept whole');
    assert.match(t.events.find((e) => e.file === 'latin1.log')!.message, /lost async page write \ufffd/);
  });

  it('skips a file over the size limit without reading it', async () => {
    const big = path.join(dir, 'sub', 'console.log');
    fs.mkdirSync(path.dirname(big), { recursive: true });
    const fd = fs.openSync(big, 'w');
    fs.ftruncateSync(fd, 5 * 1024 ** 3);
    fs.closeSync(fd);
    const started = Date.now();
    const t = await scanFolder({ folder: path.dirname(big) });
    assert.match(t.files[0].skipped!, /5\.0 GiB is over the 4\.0 GiB limit/);
    assert.match(t.files[0].skipped!, /raise it with --max-file-size or xenops\.logs\.maxFileSizeMiB\)$/, 'the setting that exists');
    assert.ok(Date.now() - started < 5000);
    fs.rmSync(big);
  });

  it('counts in its progress only what it reads, and ends at the total', async () => {
    const sub = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-progress-'));
    try {
      const fd = fs.openSync(path.join(sub, 'huge.log'), 'w');
      fs.ftruncateSync(fd, 5 * 1024 ** 2);
      fs.closeSync(fd);
      // left after its first read: the rest still counts as done
      fs.writeFileSync(path.join(sub, 'blob.bin'), Buffer.alloc(3 * 1024 ** 2, 7));
      fs.writeFileSync(path.join(sub, 'app.log'), '2024-07-01 09:00:08 +0000 ERROR: SQLSTATE[HY000] [1040] Too many connections\n');
      const calls: Array<[number, number]> = [];
      await scanFolder({ folder: sub, workers: 1, maxFileBytes: 4 * 1024 ** 2, onProgress: (done, total) => calls.push([done, total]) });
      const want = 3 * 1024 ** 2 + fs.statSync(path.join(sub, 'app.log')).size;
      assert.ok(calls.length && calls.every(([, total]) => total === want), JSON.stringify(calls));
      assert.deepStrictEqual(calls[calls.length - 1], [want, want]);
    } finally {
      fs.rmSync(sub, { recursive: true, force: true });
    }
  });

  it('escapes the bytes of an unknown file it quotes, and calls a file of non-text bytes binary', async () => {
    const sub = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-binary-'));
    try {
      fs.writeFileSync(path.join(sub, 'term.txt'), 'plain words \x1b[2J\x1b]0;pwned\x07 and \u202e reversed\nmore words\n');
      fs.writeFileSync(path.join(sub, 'image.jpg'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 73 + 128) % 256).filter((b) => b !== 0)));
      const t = await scanFolder({ folder: sub, workers: 1 });
      const reasons = Object.fromEntries(t.files.map((f) => [f.path, f.skipped!]));
      assert.match(reasons['term.txt'], /no known log format .*"plain words \\x1b\[2J\\x1b\]0;pwned\\x07 and \\u202e reversed"/);
      assert.ok(!/[\x00-\x1f\x7f-\x9f\u202e]/.test(reasons['term.txt']), 'no control characters left');
      assert.match(reasons['image.jpg'], /^binary file \(\d+% of its first \d+ bytes are not text\)$/);
    } finally {
      fs.rmSync(sub, { recursive: true, force: true });
    }
  });

  it('gives the same result with worker threads', async () => {
    const one = await scanFolder({ folder: dir, workers: 1 });
    const two = await scanFolder({ folder: dir, workers: 2 });
    assert.deepStrictEqual(two, one);
  });

  it('stops when cancelled', async () => {
    await assert.rejects(scanFolder({ folder: dir, workers: 2, cancelled: () => true }), Cancelled);
    await assert.rejects(scanFolder({ folder: dir, workers: 1, cancelled: () => true }), Cancelled);
  });

  it('lets a workspace rule pack add and replace rules', async () => {
    write('.xenops/rules.yaml', "rules:\n  - id: custom-backup\n    category: app-crash\n    severity: error\n    literals: ['backup job failed']\n    samples: ['backup job failed: disk full']\n");
    write('backup.log', '2024-07-01 09:00:30 +0000 INFO: backup job failed: disk full\n');
    const t = await scanFolder({ folder: dir, workers: 1 });
    assert.ok(t.events.some((e) => e.rule === 'custom-backup' && e.file === 'backup.log'));
    fs.rmSync(path.join(dir, '.xenops'), { recursive: true });
    fs.rmSync(path.join(dir, 'backup.log'));
  });

  it('finds every failure line wherever reads split the file, in lines of any length', async () => {
    const engine = createEngine();
    const stamp = 'Jul  1 09:00:09 xen01 kernel: [  119.000000] ';
    const routine = ['xenbr0: port 1(vif1.0) entered forwarding state', 'device vif3.0 entered promiscuous mode', 'eth0: link up', ''];
    // failures of single-line rules, so that each failure is exactly one event
    const failures = [
      'blk_update_request: I/O error, dev dm-3, sector 1234 op 0x1:(WRITE) flags 0x800 phys_seg 32 prio class 0',
      'Out of memory: Killed process 4711 (qemu-system-i38) total-vm:123kB',
      'xen-blkback: backend/vbd/5/51712: prepare_mapping error, offset 0',
      'Buffer I/O error on dev xvda1, logical block 2621440',
    ].filter((f) => classify(engine.pack, stamp + f, 'syslog') && !classify(engine.pack, stamp + f, 'syslog')!.rule.record);
    assert.ok(failures.length >= 3);
    const r = new Random(77);
    for (let round = 0; round < 6; round++) {
      const lines: string[] = [];
      let bytes = 0;
      while (bytes < 3.5 * 1024 * 1024) {
        const kind = r.int(100);
        let body = kind < 8 ? r.pick(failures) : r.pick(routine);
        // long lines: over the cut, and over the read size, with or without a failure somewhere in them
        if (kind === 99) body = 'y'.repeat(r.int(200000)) + body + 'z'.repeat(r.int(200000));
        if (kind === 98 && round % 2) body = 'w'.repeat(1200000 + r.int(1000)) + body;
        const line = stamp + body;
        lines.push(line);
        bytes += line.length + 1;
      }
      if (round === 2) lines.push(stamp + failures[0]);
      const eol = round % 3 === 2 ? '\r\n' : '\n';
      const text = lines.join(eol) + (round % 2 ? eol : '');
      const file = path.join(dir, `split-${round}.log`);
      fs.writeFileSync(file, text);
      const got = await scanFile(file, 'split.log', { engine, maxFileBytes: 1 << 30 });
      const want = lines.flatMap((l, i) => {
        const found = classify(engine.pack, cleanLine(l), 'syslog');
        return found ? [[i + 1, found.rule.id]] : [];
      });
      assert.strictEqual(got.lines, lines.length, `round ${round}: line count`);
      assert.deepStrictEqual(got.events.map((e) => [e.line, e.rule]), want, `round ${round}`);
      fs.rmSync(file);
    }
  });

  it('finds a failure that straddles the end of a read, in a short line or a long one', async () => {
    const engine = createEngine();
    const failure = 'Out of memory: Killed process 4711 (qemu-system-i38)';
    const file = path.join(dir, 'straddle.log');
    for (const long of [false, true]) {
      for (let j = -failure.length - 2; j <= 2; j++) {
        // the failure starts j bytes before the end of the first read, after one long line or many short ones
        const head = 'Jul  1 09:00:09 xen01 kernel: ';
        const before = READ_BUFFER_BYTES + j - head.length;
        const filler = long ? [] : [...Array.from({ length: Math.floor(before / 100) - 1 }, () => 'a'.repeat(99)), 'b'.repeat((before % 100) + 99)];
        const text = long ? `${head}${'x'.repeat(before)}${failure}\n` : `${filler.join('\n')}\n${head}${failure}\nJul  1 09:00:10 xen01 kernel: eth0: link up\n`;
        assert.strictEqual(text.indexOf(failure), READ_BUFFER_BYTES + j);
        fs.writeFileSync(file, text);
        const got = await scanFile(file, 'straddle.log', { engine, maxFileBytes: 1 << 30, format: 'syslog' });
        const line = long ? 1 : filler.length + 1;
        assert.deepStrictEqual(got.events.map((e) => [e.line, e.category]), [[line, 'memory']], `long=${long} j=${j}`);
        assert.strictEqual(got.lines, long ? 1 : filler.length + 2);
      }
    }
    fs.rmSync(file);
  });
});
