// The `xenops diff` contract: two configs or two hosts' folders, text and JSON output,
// exit codes 0 (no differences), 1 (differences) and 2 (trouble).
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function xenops(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('xenops diff', () => {
  let dir: string;
  const at = (...parts: string[]) => path.join(dir, ...parts);
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(at(rel)), { recursive: true });
    fs.writeFileSync(at(rel), text);
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-diff-'));
    write('web-a.cfg', 'name = "web"\ntype = "hvm"\nmemory = 1024\nhap = 1\ndisk = [ \'/dev/vg/web,raw,xvda,rw\' ]\n');
    write('web-b.cfg', "disk=['format=raw,vdev=51712,access=w,target=/dev/mapper/vg-web']\nmemory=0x400\ntype='hvm'\nname='web'\n");
    write('web-c.cfg', 'name = "web"\ntype = "hvm"\nmemory = 2048\nvif = [ \'bridge=br1\' ]\ndisk = [ \'/dev/vg/web,raw,xvda,ro\' ]\n');
    // two hosts: web on both (drifted), db on both (the same), old on xen01 only, new on xen02 only
    write('xen01/web.cfg', 'name = "web"\ntype = "hvm"\nmemory = 1024\n');
    write('xen01/db.cfg', 'name = "db"\nkernel = "/boot/vmlinuz"\nmemory = 4096\n');
    write('xen01/old.cfg', 'name = "old"\nkernel = "/boot/vmlinuz"\nmemory = 512\n');
    write('xen01/notes.txt', 'not a config\n');
    write('xen02/guests/web01.cfg', 'name = "web"\ntype = "hvm"\nmemory = 2048\n');
    write('xen02/db.cfg', 'memory = 4096\nkernel = "/boot/vmlinuz"\nname = "db"\non_crash = "destroy"\n');
    write('xen02/new.cfg', 'name = "new"\nkernel = "/boot/vmlinuz"\nmemory = 512\n');
    write('same1/db.cfg', 'name = "db"\nkernel = "/boot/vmlinuz"\nmemory = 4096\n');
    write('same2/db.xl', 'name = "db"\nkernel = "/boot/vmlinuz"\nmemory = 4096\nvcpus = 1\n');
    fs.mkdirSync(at('empty1'));
    fs.mkdirSync(at('empty2'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 for two files that differ only in formatting, order, spelling and defaults', () => {
    const r = xenops('diff', at('web-a.cfg'), at('web-b.cfg'));
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, `No differences that matter between ${at('web-a.cfg')} and ${at('web-b.cfg')}.\n`);
  });

  it('exits 1 and lists the differences of two files, most likely to matter first', () => {
    const r = xenops('diff', at('web-a.cfg'), at('web-c.cfg'));
    assert.strictEqual(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.strictEqual(lines[0], `Differences between ${at('web-a.cfg')} (A) and ${at('web-c.cfg')} (B), most likely to matter first:`);
    const headings = lines.filter((l) => /^ +\d+\. /.test(l)).map((l) => l.trim());
    assert.deepStrictEqual(headings, ['1. [memory] maxmem', '2. [memory] memory', '3. [disks] disk xvda', '4. [network] vif 0']);
    assert.match(r.stdout, / {2}3\. \[disks\] disk xvda\n {7}A: \/dev\/vg\/web, raw, rw\n {7}B: \/dev\/vg\/web, raw, ro\n/);
    assert.match(r.stdout, / {2}4\. \[network\] vif 0\n {7}A: \(not set\)\n {7}B: mac=random, bridge=br1\n/);
  });

  it('prints the differences of two files as JSON', () => {
    const r = xenops('diff', '--format', 'json', at('web-a.cfg'), at('web-c.cfg'));
    assert.strictEqual(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.strictEqual(out.pairs.length, 1);
    assert.deepStrictEqual([out.pairs[0].domain, out.pairs[0].a, out.pairs[0].b], ['web-a.cfg', at('web-a.cfg'), at('web-c.cfg')]);
    assert.deepStrictEqual(out.pairs[0].items[1], { category: 'memory', subject: 'memory', a: '1024', b: '2048' });
  });

  it('pairs two folders by domain name, at any depth, and reports domains on one side only', () => {
    const r = xenops('diff', at('xen01'), at('xen02'));
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stdout, [
      `No differences that matter between ${at('xen01/db.cfg')} and ${at('xen02/db.cfg')}.`,
      '',
      `new: only in ${at('xen02')} (${at('xen02/new.cfg')})`,
      '',
      `old: only in ${at('xen01')} (${at('xen01/old.cfg')})`,
      '',
      `Differences between ${at('xen01/web.cfg')} (A) and ${at('xen02/guests/web01.cfg')} (B), most likely to matter first:`,
      '',
      '  1. [memory] maxmem',
      '       A: 1024',
      '       B: 2048',
      '  2. [memory] memory',
      '       A: 1024',
      '       B: 2048',
      '',
    ].join('\n'));
  });

  it('prints the folder pairs as JSON', () => {
    const r = xenops('diff', '--format', 'json', at('xen01'), at('xen02'));
    assert.strictEqual(r.code, 1, r.stderr);
    const pairs = JSON.parse(r.stdout).pairs as Array<{ domain: string; a?: string; b?: string; items: Array<{ subject: string }> }>;
    assert.deepStrictEqual(pairs.map((p) => [p.domain, p.a, p.b, p.items.map((i) => i.subject)]), [
      ['db', at('xen01/db.cfg'), at('xen02/db.cfg'), []],
      ['new', undefined, at('xen02/new.cfg'), []],
      ['old', at('xen01/old.cfg'), undefined, []],
      ['web', at('xen01/web.cfg'), at('xen02/guests/web01.cfg'), ['maxmem', 'memory']],
    ]);
  });

  it('exits 0 for two folders with the same domains and no drift', () => {
    const r = xenops('diff', at('same1'), at('same2'));
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, `No differences that matter between ${at('same1/db.cfg')} and ${at('same2/db.xl')}.\n`);
  });

  it('exits 2 for a config against a folder, a missing path, or folders without configs', () => {
    const mixed = xenops('diff', at('xen01'), at('web-a.cfg'));
    assert.strictEqual(mixed.code, 2);
    assert.match(mixed.stderr, /xen01 is a folder and .*web-a\.cfg is not: give two configs or two folders/);
    const missing = xenops('diff', at('web-a.cfg'), at('nope.cfg'));
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /nope\.cfg: no such file or directory/);
    assert.doesNotMatch(missing.stderr, /\n\s+at /);
    const empty = xenops('diff', at('empty1'), at('empty2'));
    assert.strictEqual(empty.code, 2);
    assert.match(empty.stderr, /no domain configs in .*empty1 or .*empty2/);
  });

  it('exits 2 on bad usage', () => {
    assert.strictEqual(xenops('diff', at('web-a.cfg')).code, 2);
    const format = xenops('diff', '--format', 'xml', at('web-a.cfg'), at('web-b.cfg'));
    assert.strictEqual(format.code, 2);
    assert.match(format.stderr, /unknown format 'xml'/);
    assert.match(xenops('diff', '--xen-version', '3.4', at('web-a.cfg'), at('web-b.cfg')).stderr, /unknown Xen version '3\.4'/);
  });
});
