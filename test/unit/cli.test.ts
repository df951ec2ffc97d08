// The `xenops lint` contract: formats, exit codes, and clear messages for bad input.
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

describe('xenops lint', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-cli-'));
    fs.writeFileSync(path.join(dir, 'good.cfg'), 'name = "good"\nkernel = "/boot/vmlinuz"\nmemory = 512\n');
    fs.writeFileSync(path.join(dir, 'bad.cfg'), 'name = "bad"\nkernel = "/boot/vmlinuz"\nmemroy = 512\ntype = hvm\n');
    fs.writeFileSync(path.join(dir, 'notes.cfg'), '[section]\nfoo = bar\n');
    fs.writeFileSync(path.join(dir, 'blob.cfg'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON contract with 1-based positions and exits 1 on errors', () => {
    const r = xenops('lint', '--format', 'json', path.join(dir, 'bad.cfg'));
    assert.strictEqual(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.strictEqual(out.files.length, 1);
    assert.strictEqual(out.files[0].path, path.join(dir, 'bad.cfg'));
    const typo = out.files[0].diagnostics.find((d: { code: string }) => d.code === 'xl/unknown-key');
    // the contract's fields, in order; the quick fixes follow when there are any
    assert.deepStrictEqual(Object.keys(typo), ['line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message', 'fixes']);
    assert.deepStrictEqual(typo.fixes, [{ title: 'Rename to memory', edits: [{ line: 3, column: 1, endLine: 3, endColumn: 7, newText: 'memory' }] }]);
    assert.deepStrictEqual([typo.line, typo.column, typo.endLine, typo.endColumn, typo.severity], [3, 1, 3, 7, 'warning']);
    assert.ok(out.files[0].diagnostics.some((d: { severity: string; code: string }) => d.code === 'xl/syntax' && d.severity === 'error'));
  });

  it('exits 0 on a clean file and prints a summary in text form', () => {
    const r = xenops('lint', path.join(dir, 'good.cfg'));
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /1 file checked: 0 errors, 0 warnings/);
  });

  it('walks folders, checking only domain configs, and explains what it cannot read', () => {
    const r = xenops('lint', '--format', 'json', dir);
    const paths = JSON.parse(r.stdout).files.map((f: { path: string }) => path.basename(f.path)).sort();
    assert.deepStrictEqual(paths, ['bad.cfg', 'good.cfg']);
    assert.match(r.stderr, /blob\.cfg: binary file/);
    assert.strictEqual(r.code, 2);
  });

  it('reports a missing path without a stack trace', () => {
    const r = xenops('lint', path.join(dir, 'nope.cfg'));
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /nope\.cfg: no such file or directory/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('rejects unknown options and formats with usage', () => {
    assert.strictEqual(xenops('lint', '--format', 'xml', dir).code, 2);
    const r = xenops('lint', '--bogus', dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /unknown option --bogus\nusage: xenops lint/);
  });

  it('applies --rule and --xen-version', () => {
    const off = xenops('lint', '--format', 'json', '--rule', 'xl/syntax=off', '--rule', 'xl/unknown-key=error', path.join(dir, 'bad.cfg'));
    const ds = JSON.parse(off.stdout).files[0].diagnostics;
    assert.ok(!ds.some((d: { code: string }) => d.code === 'xl/syntax'));
    assert.strictEqual(ds.find((d: { code: string }) => d.code === 'xl/unknown-key').severity, 'error');
    assert.strictEqual(xenops('lint', '--xen-version', '3.4', dir).code, 2);
  });

  it('refuses an unknown --rule id in one line, with the ids it is closest to', () => {
    const bogus = xenops('lint', '--rule', 'xl/bogus=error', path.join(dir, 'good.cfg'));
    assert.strictEqual(bogus.code, 2);
    assert.strictEqual(bogus.stdout, '');
    assert.match(bogus.stderr, /^xenops: unknown rule 'xl\/bogus'\nusage: xenops lint/);
    const typo = xenops('lint', '--rule', 'xl/unknown-kye=off', path.join(dir, 'good.cfg'));
    assert.strictEqual(typo.code, 2);
    assert.match(typo.stderr, /^xenops: unknown rule 'xl\/unknown-kye' \(did you mean 'xl\/unknown-key'\?\)\n/);
    const bare = xenops('lint', '--rule', 'unknown-key=off', path.join(dir, 'good.cfg'));
    assert.match(bare.stderr, /did you mean 'xl\/unknown-key' or 'lock\/unknown-key'\?/);
    // every kind of checker's ids is accepted
    assert.strictEqual(xenops('lint', '--rule', 'xl/duplicate-name=off', '--rule', 'lvm/syntax=info', '--rule', 'lock/boolean=off', path.join(dir, 'good.cfg')).code, 0);
  });

  it('writes SARIF 2.1.0 with rule metadata', () => {
    const sarif = JSON.parse(xenops('lint', '--format', 'sarif', path.join(dir, 'bad.cfg')).stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'xl/unknown-key'));
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'xl/unknown-key');
    assert.deepStrictEqual(result.locations[0].physicalLocation.region, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 7 });
  });
});

describe('xenops lint on a host\'s LVM and lock-manager configs', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-cli-lvm-'));
    for (const host of ['xen01', 'xen02']) {
      fs.mkdirSync(path.join(dir, host, 'etc', 'lvm'), { recursive: true });
      fs.mkdirSync(path.join(dir, host, 'etc', 'sanlock'), { recursive: true });
      fs.writeFileSync(path.join(dir, host, 'etc', 'lvm', 'lvm.conf'), 'global {\n\tuse_lvmlockd = 1\n}\n');
      fs.writeFileSync(path.join(dir, host, 'etc', 'lvm', 'lvmlocal.conf'), 'local {\n\thost_id = 5\n}\n');
      fs.writeFileSync(path.join(dir, host, 'etc', 'sanlock', 'sanlock.conf'), 'use_watchdog = 1\n');
    }
    fs.writeFileSync(path.join(dir, 'xenops.yaml'), 'hosts:\n  xen01:\n    etc: "xen01/etc"\n  xen02:\n    etc: "xen02/etc"\n');
    fs.writeFileSync(path.join(dir, 'xen01', 'etc', 'sanlock', 'sanlock.conf'), 'use_watchdog = yes\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds lvm.conf, lvmlocal.conf and sanlock.conf in folders and checks them together', () => {
    const r = xenops('lint', '--format', 'json', dir);
    const files = JSON.parse(r.stdout).files as Array<{ path: string; diagnostics: Array<{ code: string; line: number }> }>;
    const rel = (p: string) => path.relative(dir, p);
    assert.deepStrictEqual(files.map((f) => [rel(f.path), f.diagnostics.map((d) => d.code)]).filter(([, c]) => c.length), [
      ['xen01/etc/lvm/lvmlocal.conf', ['lvm/lockd-host-id']],
      ['xen01/etc/sanlock/sanlock.conf', ['lock/boolean']],
      ['xen02/etc/lvm/lvmlocal.conf', ['lvm/lockd-host-id']],
    ]);
    assert.strictEqual(r.code, 1);
  });

  it('reads a checked file\'s neighbours and the inventory\'s other hosts when given one file', () => {
    const r = xenops('lint', path.join(dir, 'xen02', 'etc', 'lvm', 'lvmlocal.conf'));
    assert.match(r.stdout, /lvmlocal\.conf:2:12: error: host_id = 5 is also the host_id of xen01/);
    assert.match(r.stdout, /1 file checked/);
  });

  it('lists the lvm and lock rules in SARIF', () => {
    const sarif = JSON.parse(xenops('lint', '--format', 'sarif', dir).stdout);
    const ids = sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    for (const id of ['lvm/syntax', 'lvm/lockd-host-id', 'lock/boolean', 'lock/limits']) assert.ok(ids.includes(id), id);
  });
});
