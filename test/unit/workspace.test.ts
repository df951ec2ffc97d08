// The workspace checks: backing devices, LVM reports, the inventory, every
// cross-file rule and its fixes, and config drift.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, Fix } from '../../server/src/core/findings';
import { quickFixes } from '../../server/src/core/quickFixes';
import { WorkspaceIndex } from '../../server/src/workspace';
import { backingOf, splitMapperName } from '../../server/src/workspace/backing';
import { diffConfigs } from '../../server/src/workspace/drift';
import { parseInventory } from '../../server/src/workspace/inventory';
import { completeInventory, hoverInventory } from '../../server/src/workspace/inventoryEditor';
import { parseLvmReport, sizeMiB } from '../../server/src/workspace/lvmReport';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace');

/** An index over in-memory files (absolute paths under /ws). */
function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex(() => DEFAULT_SETTINGS);
  for (const [name, text] of Object.entries(files)) {
    const file = `/ws/${name}`;
    if (name.endsWith('xenops.yaml')) index.setInventory(file, text);
    else if (name.endsWith('.json')) index.setReport(file, text);
    else index.setDomain(file, text);
  }
  return index;
}

function loadFixture(): { index: WorkspaceIndex; texts: Map<string, string> } {
  const index = new WorkspaceIndex(() => DEFAULT_SETTINGS);
  const texts = new Map<string, string>();
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else {
        const text = fs.readFileSync(full, 'utf8');
        texts.set(full, text);
        if (e.name === 'xenops.yaml') index.setInventory(full, text);
        else if (e.name.endsWith('.json')) index.setReport(full, text);
        else index.setDomain(full, text);
      }
    }
  };
  visit(FIXTURE);
  return { index, texts };
}

function codes(findings: Finding[] | undefined): string[] {
  return (findings ?? []).map((f) => f.code).sort();
}

function apply(text: string, fix: Fix, finding: Finding): string {
  const [q] = quickFixes([{ ...finding, fixes: [fix] }], finding.start, finding.end);
  let out = text;
  for (const c of [...q.changes].sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.text + out.slice(c.end);
  return out;
}

const PV = 'type = "pvh"\nkernel = "/k"\n';

describe('backing devices', () => {
  it('sees /dev/vg/lv, /dev/mapper/vg-lv, by-id/dm-name-vg-lv and vg/lv as one volume', () => {
    const keys = ['/dev/vg0/shared', '/dev/mapper/vg0-shared', 'vg0/shared', '/dev//vg0/./shared', '/dev/disk/by-id/dm-name-vg0-shared'].map((t) => backingOf(t)?.key);
    assert.deepStrictEqual(new Set(keys), new Set(['lvm:vg0/shared']));
  });
  it('undoes device-mapper dash doubling', () => {
    assert.deepStrictEqual(splitMapperName('my--vg-web--01'), { vg: 'my-vg', lv: 'web-01' });
    assert.strictEqual(backingOf('/dev/mapper/my--vg-web--01')?.key, backingOf('/dev/my-vg/web-01')?.key);
  });
  it('keeps files and other devices apart from volumes', () => {
    assert.strictEqual(backingOf('/srv/xen/../xen/a.img')?.key, 'file:/srv/xen/a.img');
    assert.strictEqual(backingOf('/dev/disk/by-id/wwn-1')?.kind, 'device');
    assert.strictEqual(backingOf('host:1234', 'block-nbd')?.kind, 'device');
  });
});

describe('LVM reports', () => {
  it('reads concatenated lvs and vgs JSON, sizes in MiB', () => {
    const r = parseLvmReport(fs.readFileSync(path.join(FIXTURE, 'xen01', 'lvs.json'), 'utf8'));
    assert.ok('report' in r);
    const pool = r.report.lvs.get('vg0/pool0')!;
    assert.deepStrictEqual([pool.sizeMiB, pool.thinPool, pool.dataPercent], [51200, true, 86.2]);
    assert.strictEqual(r.report.lvs.get('vg0/web01')!.pool, 'pool0');
    assert.strictEqual(r.report.vgs.get('vg0')!.freeMiB, 20480);
  });
  it('reads LVM size notations', () => {
    assert.deepStrictEqual(['<10.00m', '1,50g', '2t', '512k', '1000M'].map(sizeMiB), [10, 1536, 2097152, 0.5, 1e9 / 1048576]);
  });
  it('explains what is wrong with a file that is not a report', () => {
    assert.match((parseLvmReport('{ "report": [ ') as { error: string }).error, /not closed/);
    assert.match((parseLvmReport('{"x": 1}') as { error: string }).error, /no "report" array/);
  });
});

describe('inventory (xenops.yaml)', () => {
  it('reads hosts with positions', () => {
    const text = fs.readFileSync(path.join(FIXTURE, 'xenops.yaml'), 'utf8');
    const inv = parseInventory(text, '/ws/xenops.yaml');
    assert.deepStrictEqual(inv.findings, []);
    const xen01 = inv.hosts[0];
    assert.deepStrictEqual([xen01.name, xen01.memory?.value, xen01.cpus?.value, xen01.numa?.map((n) => n.value.length)], ['xen01', 16384, 8, [4, 4]]);
    assert.strictEqual(text.slice(xen01.lvmReport!.span.start, xen01.lvmReport!.span.end), '"xen01/lvs.json"');
  });
  it('reports YAML errors, unknown keys and wrong values where they are', () => {
    const text = 'hosts:\n  xen01:\n    memroy: 16384\n    cpus: eight\n    dom0_memory: 4096\n    memory: 2048\n';
    const inv = parseInventory(text, '/ws/xenops.yaml');
    const messages = inv.findings.map((f) => `${text.slice(f.start, f.end)}: ${f.message}`);
    assert.ok(messages.some((m) => m.startsWith('memroy: Unknown key `memroy`. Did you mean `memory`?')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('eight: `cpus` must be a whole number')));
    assert.ok(messages.some((m) => m.startsWith('4096: dom0_memory (4096 MiB) leaves nothing')));
    assert.strictEqual(parseInventory('hosts: [\n', '/ws/x').findings[0].code, 'inventory/syntax');
  });
  it('keeps every finding inside the text when the file ends in an empty value or an open bracket', () => {
    for (const text of ['hosts:\n  xen01:\n    domains:', 'hosts:', 'hosts: [', 'hosts:\n  xen01:\n    memory: 1\n    cpus:']) {
      const inv = parseInventory(text, '/ws/xenops.yaml');
      assert.ok(inv.findings.length, text);
      for (const f of inv.findings) assert.ok(f.start <= f.end && f.end <= text.length, `${f.code} at ${f.start}-${f.end} in ${text.length}: ${JSON.stringify(text)}`);
    }
  });
  it('has hover and completion from the same key table', () => {
    const text = 'hosts:\n  xen01:\n    memory: 1\n    \n';
    assert.match(hoverInventory(text, text.indexOf('memory') + 2)!.markdown, /RAM of the host in MiB/);
    const labels = completeInventory(text, text.lastIndexOf('    \n') + 4).map((i) => i.label);
    assert.ok(labels.includes('dom0_memory') && !labels.includes('memory'));
  });
});

describe('cross-file rules on the fixture workspace', () => {
  const { index } = loadFixture();
  const cross = index.crossFindings();
  const at = (rel: string) => cross.get(path.join(FIXTURE, rel));

  it('xl/shared-writable-disk: one LV under two spellings, on both entries, linked to each other', () => {
    for (const [file, other] of [['xen01/web01.cfg', 'xen01/web02.cfg'], ['xen01/web02.cfg', 'xen01/web01.cfg']]) {
      const f = at(file)!.find((x) => x.code === 'xl/shared-writable-disk')!;
      assert.match(f.message, /\/dev\/vg0\/shared is attached by/);
      assert.strictEqual(f.related![0].uri, path.join(FIXTURE, other));
    }
  });
  it('xl/vbd-overprovisioned: thin pool promises 80 GiB on 50 GiB, and is above its threshold', () => {
    const found = at('xen01/web01.cfg')!.filter((x) => x.code === 'xl/vbd-overprovisioned');
    assert.strictEqual(found.length, 2);
    assert.match(found[0].message, /holds 50\.0 GiB .* promise 80\.0 GiB/);
    // vg0 has 20 GiB free: the pool needs 30 GiB more, so a new disk has to join the VG first,
    // and web01's 40 GiB do not fit outside the pool either
    assert.deepStrictEqual(found[0].fixes, [{
      kind: 'shell',
      title: 'Extend thin pool vg0/pool0 by 30720 MiB (vgextend with a new disk, then lvextend)',
      shell: 'vgextend vg0 /dev/NEW_PV && lvextend -L +30720M vg0/pool0   # vg0 has 20480 MiB free: NEW_PV needs at least 10240 MiB',
    }]);
    assert.match(found[1].message, /86\.2% full: that is above its autoextend threshold of 80%/);
    assert.deepStrictEqual(found[1].fixes, [{ kind: 'shell', title: 'Extend thin pool vg0/pool0 by 10240 MiB (lvextend)', shell: 'lvextend -L +10240M vg0/pool0' }]);
  });
  it('xl/missing-volume, xl/duplicate-mac, xl/duplicate-uuid, xl/duplicate-name', () => {
    assert.deepStrictEqual(codes(at('xen01/db01.cfg')), ['xl/duplicate-mac', 'xl/duplicate-name', 'xl/duplicate-uuid', 'xl/host-memory-overcommit', 'xl/missing-volume', 'xl/numa-spread']);
    const name = at('xen02/db01.cfg')!.find((x) => x.code === 'xl/duplicate-name')!;
    assert.strictEqual(name.severity, 'warning', 'same name on two hosts breaks migration, it does not stop creation');
  });
  it('xl/host-memory-overcommit in the domains and on the host line of the inventory', () => {
    assert.match(at('xenops.yaml')!.find((x) => x.code === 'xl/host-memory-overcommit')!.message, /xen01 has 14336 MiB for guests .* may take 16384 MiB/);
  });
  it('xl/host-cpus and xl/numa-spread from the host\'s CPUs and nodes', () => {
    assert.match(at('xen02/db01.cfg')!.find((x) => x.code === 'xl/host-cpus')!.message, /names CPUs 4-5, but xen02 has 4 CPUs/);
    const spread = at('xen01/db01.cfg')!.find((x) => x.code === 'xl/numa-spread')!;
    assert.match(spread.message, /nodes 0 and 1/);
    assert.deepStrictEqual(spread.fixes, [{ kind: 'replace', text: '"0-3"', title: 'Pin to node 0 (cpus = "0-3")' }]);
  });
});

describe('cross-file rules, case by case', () => {
  it('stays quiet when every attachment is read-only, and without an inventory on host checks', () => {
    const index = indexOf({
      'a.cfg': `name = "a"\n${PV}memory = 99999\ndisk = [ '/dev/vg/iso,raw,xvdc,r' ]\n`,
      'b.cfg': `name = "b"\n${PV}disk = [ 'vdev=xvdc, access=ro, target=/dev/mapper/vg-iso' ]\n`,
    });
    assert.deepStrictEqual([...index.crossFindings().values()].flat(), []);
  });

  it('flags writable-plus-read-only, offers read-only only where it makes the volume read-only everywhere', () => {
    const a = `name = "a"\n${PV}disk = [ 'phy:/dev/vg/data,xvdb,w' ]   # data\n`;
    const b = `name = "b"\n${PV}disk = [ '/dev/vg/data,raw,xvdb,r' ]\n`;
    const cross = indexOf({ 'a.cfg': a, 'b.cfg': b }).crossFindings();
    const fa = cross.get('/ws/a.cfg')![0];
    const fb = cross.get('/ws/b.cfg')![0];
    assert.deepStrictEqual(fa.fixes!.map((f) => ('title' in f ? f.title : '')), ['Give a its own volume (/dev/vg/a-xvdb)', 'Attach read-only in a']);
    assert.deepStrictEqual(fb.fixes!.map((f) => ('title' in f ? f.title : '')), ['Give b its own volume (/dev/vg/b-xvdb)']);
    assert.strictEqual(apply(a, fa.fixes![1], fa), `name = "a"\n${PV}disk = [ 'phy:/dev/vg/data,xvdb,r' ]   # data\n`);
  });

  it('moves an over-provisioned thin disk onto a plain volume of its own when the VG has room', () => {
    const files = {
      'xenops.yaml': 'hosts:\n  h:\n    domains: [ "*.cfg" ]\n    lvm_report: "lvs.json"\n',
      'lvs.json': '{"report":[{"lv":[' +
        '{"lv_name":"pool","vg_name":"vg0","lv_size":"10240.00m","lv_attr":"twi-aotz--","pool_lv":"","data_percent":"10.00"},' +
        '{"lv_name":"a-xvda","vg_name":"vg0","lv_size":"8192.00m","lv_attr":"Vwi-aotz--","pool_lv":"pool","data_percent":"5.00"},' +
        '{"lv_name":"big","vg_name":"vg0","lv_size":"8192.00m","lv_attr":"Vwi-aotz--","pool_lv":"pool","data_percent":"5.00"}' +
        ']}]}{"report":[{"vg":[{"vg_name":"vg0","vg_size":"102400.00m","vg_free":"51200.00m"}]}]}',
      'a.cfg': `name = "a"\n${PV}disk = [ 'phy:/dev/vg0/a-xvda,xvda,w' ]\n`,
      'b.cfg': `name = "b"\n${PV}disk = [ 'vdev=xvda, target=/dev/vg0/big' ]\n`,
    };
    const cross = indexOf(files).crossFindings();
    const titles = (file: string) => cross.get(file)!.find((x) => x.code === 'xl/vbd-overprovisioned')!.fixes!.map((f) => ('title' in f ? f.title : ''));
    assert.deepStrictEqual(titles('/ws/b.cfg'), ['Extend thin pool vg0/pool by 6144 MiB (lvextend)', 'Give b its own volume outside the pool (/dev/vg0/b-xvda)']);
    // a-xvda is already a's own volume: the plain one gets another name
    assert.deepStrictEqual(titles('/ws/a.cfg')[1], 'Give a its own volume outside the pool (/dev/vg0/a-xvda-plain)');
    const own = cross.get('/ws/b.cfg')!.find((x) => x.code === 'xl/vbd-overprovisioned')!.fixes![1] as { shell: string };
    // refused while b runs, since a running guest keeps writing to the old volume
    assert.match(own.shell, /^xl list b >\/dev\/null 2>&1 && echo "b is running: shut it down first" \|\| \{ lvcreate -L 8192M -n b-xvda vg0 /);
    // the guest must not come back on an empty volume: the command carries its data over, every block
    assert.match(own.shell, / && dd if=\/dev\/vg0\/big of=\/dev\/vg0\/b-xvda bs=4M conv=fsync status=progress; \}$/);
  });

  it('offers no read-only fix for a disk an HVM guest gets emulated as IDE, as libxl refuses it', () => {
    const hvm = (name: string, vdev: string) => `name = "${name}"\ntype = "hvm"\ndisk = [ 'phy:/dev/vg/data,${vdev},w' ]\n`;
    const titles = (files: Record<string, string>, file: string) =>
      indexOf(files).crossFindings().get(file)![0].fixes!.map((f) => ('title' in f ? f.title : ''));
    const reader = `name = "r"\n${PV}disk = [ '/dev/vg/data,raw,xvdb,r' ]\n`;
    assert.deepStrictEqual(titles({ 'h.cfg': hvm('h', 'hda'), 'r.cfg': reader }, '/ws/h.cfg'), ['Give h its own volume (/dev/vg/h-hda)']);
    assert.deepStrictEqual(titles({ 'h.cfg': hvm('h', 'xvdc'), 'r.cfg': reader }, '/ws/h.cfg'), ['Give h its own volume (/dev/vg/h-xvdc)']);
    // sdX is emulated as SCSI, and xvde is not emulated at all: both may be read-only
    assert.deepStrictEqual(titles({ 'h.cfg': hvm('h', 'sdb'), 'r.cfg': reader }, '/ws/h.cfg')[1], 'Attach read-only in h');
    assert.deepStrictEqual(titles({ 'h.cfg': hvm('h', 'xvde'), 'r.cfg': reader }, '/ws/h.cfg')[1], 'Attach read-only in h');
  });

  it('tells local storage of two hosts from shared storage', () => {
    const inventory = 'hosts:\n  h1:\n    domains: [ "h1/*.cfg" ]\n    lvm_report: "h1.json"\n  h2:\n    domains: [ "h2/*.cfg" ]\n    lvm_report: "h2.json"\n';
    const report = (uuid: string, vg = 'vg0') => '{"report":[{"lv":[{"lv_name":"data","vg_name":"' + vg + '","lv_size":"1024.00m","lv_attr":"-wi-ao----","pool_lv":"","data_percent":""}]}]}' +
      `{"report":[{"vg":[{"vg_name":"${vg}","vg_size":"10240.00m","vg_free":"0m"${uuid ? `,"vg_uuid":"${uuid}"` : ''}}]}]}`;
    const guest = (name: string, target: string) => `name = "${name}"\n${PV}disk = [ 'phy:${target},xvdb,w' ]\n`;
    const shared = (r1: string, r2: string, target = '/dev/vg0/data') => {
      const cross = indexOf({ 'xenops.yaml': inventory, 'h1.json': r1, 'h2.json': r2, 'h1/a.cfg': guest('a', target), 'h2/b.cfg': guest('b', target) }).crossFindings();
      return (cross.get('/ws/h1/a.cfg') ?? []).filter((f) => f.code === 'xl/shared-writable-disk').map((f) => f.message);
    };
    assert.deepStrictEqual(shared(report('UUID-1'), report('UUID-2')), [], 'two local VGs named vg0');
    assert.strictEqual(shared(report('UUID-1'), report('UUID-1')).length, 1, 'one shared VG');
    assert.deepStrictEqual(shared(report('UUID-1'), report('UUID-2', 'vg9')), [], 'h2 has no vg0');
    const unsure = shared(report(''), report(''));
    assert.strictEqual(unsure.length, 1);
    assert.match(unsure[0], /If each host has a VG vg0 of its own, list vg_uuid/);
    assert.deepStrictEqual(shared(report(''), report(''), '/dev/sdb'), [], 'kernel disk names are per host');
    // on one host the same /dev/sdb is the same disk
    const one = indexOf({ 'a.cfg': guest('a', '/dev/sdb'), 'b.cfg': guest('b', '/dev/sdb') }).crossFindings();
    assert.strictEqual(one.get('/ws/a.cfg')![0].code, 'xl/shared-writable-disk');
  });

  it('gives a domain its own volume in either spec form, changing only the target', () => {
    const positional = `name = "b"\n${PV}disk = [ '/dev/mapper/vg0-shared,raw,xvdb,w' ]   # cloned\n`;
    const keyValue = `name = "a"\n${PV}disk = [ "format=raw, vdev=xvdb, access=rw, target=/dev/vg0/shared" ]\n`;
    const cross = indexOf({ 'a.cfg': keyValue, 'b.cfg': positional }).crossFindings();
    const fb = cross.get('/ws/b.cfg')![0];
    const fa = cross.get('/ws/a.cfg')![0];
    assert.strictEqual(apply(positional, fb.fixes![0], fb), `name = "b"\n${PV}disk = [ '/dev/vg0/b-xvdb,raw,xvdb,w' ]   # cloned\n`);
    assert.strictEqual(apply(keyValue, fa.fixes![0], fa), `name = "a"\n${PV}disk = [ "format=raw, vdev=xvdb, access=rw, target=/dev/vg0/a-xvdb" ]\n`);
    assert.match((fb.fixes![0] as { shell: string }).shell, /^lvcreate -L <SIZE> -n b-xvdb vg0/);
  });

  it('names the lvcreate size from the LVM report', () => {
    const files = {
      'xenops.yaml': 'hosts:\n  h:\n    domains: [ "*.cfg" ]\n    lvm_report: "lvs.json"\n',
      'lvs.json': '{"report":[{"lv":[{"lv_name":"shared","vg_name":"vg0","lv_size":"10240.00m","lv_attr":"-wi-ao----","pool_lv":"","data_percent":""}]}]}',
      'a.cfg': `name = "a"\n${PV}disk = [ 'phy:/dev/vg0/shared,xvdb,w' ]\n`,
      'b.cfg': `name = "b"\n${PV}disk = [ 'phy:/dev/vg0/shared,xvdb,w' ]\n`,
    };
    const f = indexOf(files).crossFindings().get('/ws/a.cfg')!.find((x) => x.code === 'xl/shared-writable-disk')!;
    assert.match((f.fixes![0] as { shell: string }).shell, /^lvcreate -L 10240M -n a-xvdb vg0/);
  });

  it('flags the same disk attached twice by one domain', () => {
    const cross = indexOf({ 'a.cfg': `name = "a"\n${PV}disk = [ '/dev/vg/x,raw,xvda,w', '/dev/vg/x,raw,xvdb,w' ]\n` }).crossFindings();
    assert.strictEqual(cross.get('/ws/a.cfg')!.filter((f) => f.code === 'xl/shared-writable-disk').length, 2);
  });

  it('reports an inventory glob that matches nothing and a missing LVM report', () => {
    const cross = indexOf({ 'xenops.yaml': 'hosts:\n  h:\n    domains: [ "nope/*.cfg" ]\n    lvm_report: "missing.json"\n' }).crossFindings();
    assert.deepStrictEqual(codes(cross.get('/ws/xenops.yaml')), ['inventory/lvm-report', 'inventory/schema']);
  });

  it('says when two hosts\' globs match the same config, which host it counts for', () => {
    const inventory = 'hosts:\n  h1:\n    domains: [ "guests/*.cfg" ]\n  h2:\n    domains: [ "guests/web*.cfg", "h2/*.cfg" ]\n';
    const cross = indexOf({ 'xenops.yaml': inventory, 'guests/web.cfg': `name = "web"\n${PV}`, 'h2/db.cfg': `name = "db"\n${PV}` }).crossFindings();
    const found = cross.get('/ws/xenops.yaml')!;
    assert.deepStrictEqual(found.map((f) => [inventory.slice(f.start, f.end), f.message]), [
      ['"guests/web*.cfg"', '`guests/web*.cfg` also matches guests/web.cfg, which h1 lists first: each config counts for one host only, so it is checked as h1\'s'],
    ]);
  });

  it('names same-named config files by the path that tells them apart', () => {
    const copy = `name = "web"\n${PV}uuid = "12345678-1234-1234-1234-123456789abc"\nvif = [ 'mac=00:16:3e:00:00:01' ]\n`;
    const cross = indexOf({ 'tpl/a/web.cfg': copy, 'tpl/b/web.cfg': copy, 'tpl/db.cfg': copy.replace('"web"', '"db"') }).crossFindings();
    const message = (file: string, code: string) => cross.get(`/ws/${file}`)!.find((f) => f.code === code)!.message;
    assert.match(message('tpl/a/web.cfg', 'xl/duplicate-name'), /^Domain name "web" is also used by b\/web\.cfg on the same host/);
    assert.match(message('tpl/b/web.cfg', 'xl/duplicate-name'), /^Domain name "web" is also used by a\/web\.cfg on the same host/);
    assert.match(message('tpl/a/web.cfg', 'xl/duplicate-uuid'), /is also the UUID of web \(b\/web\.cfg\) and db:/);
    assert.match(message('tpl/db.cfg', 'xl/duplicate-mac'), /is also used by web \(a\/web\.cfg\) and web \(b\/web\.cfg\):/);
    // distinct file names stay as short as before
    const plain = indexOf({ 'a.cfg': copy, 'b.cfg': copy }).crossFindings();
    assert.match(plain.get('/ws/a.cfg')!.find((f) => f.code === 'xl/duplicate-name')!.message, /also used by b\.cfg on/);
    assert.match(plain.get('/ws/a.cfg')!.find((f) => f.code === 'xl/duplicate-uuid')!.message, /also the UUID of web \(b\.cfg\):/);
  });

  it('re-checks after a file changes: fixing one config clears the finding in the other', () => {
    const index = indexOf({ 'a.cfg': `name = "a"\n${PV}disk = [ '/dev/vg/x,raw,xvda,w' ]\n`, 'b.cfg': `name = "b"\n${PV}disk = [ '/dev/vg/x,raw,xvda,w' ]\n` });
    assert.strictEqual(index.crossFindings().get('/ws/a.cfg')?.length, 1);
    index.setDomain('/ws/b.cfg', `name = "b"\n${PV}disk = [ '/dev/vg/b,raw,xvda,w' ]\n`);
    assert.strictEqual(index.crossFindings().get('/ws/a.cfg'), undefined);
  });
});

describe('config drift', () => {
  it('ignores formatting, order, number spelling and defaults', () => {
    const a = 'name = "web"\nmemory = 1024\nvcpus = 1\non_crash = "destroy"\ndisk = [ \'phy:/dev/vg/web,xvda,w\' ]\n';
    const b = "disk=['format=raw,vdev=xvda,access=rw,target=/dev/mapper/vg-web']\nmemory=\"0x400\"\nname='web'\n";
    assert.deepStrictEqual(diffConfigs(a, b), []);
  });
  it('ranks the differences most likely to matter first', () => {
    const a = 'name = "web"\ntype = "hvm"\nmemory = 1024\nvcpus = 2\nextra_key_a = 1\ndisk = [ \'/dev/vg/a,raw,xvda,w\' ]\n';
    const b = 'name = "web"\ntype = "pvh"\nmemory = 2048\nvcpus = 4\ndisk = [ \'/dev/vg/a,raw,xvda,r\', \'/dev/vg/b,raw,xvdb,w\' ]\n';
    assert.deepStrictEqual(diffConfigs(a, b).map((d) => d.subject), ['type', 'maxmem', 'memory', 'disk xvda', 'disk xvdb', 'vcpus', 'extra_key_a']);
  });
});
