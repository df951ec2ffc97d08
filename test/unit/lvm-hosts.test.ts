// Checks that need a host's whole LVM picture: lvm.conf with lvmlocal.conf and the
// lock manager's config, the host's LVM report and the other hosts of the inventory.
import * as assert from 'node:assert';
import type { Finding } from '../../server/src/core/findings';
import { quickFixes } from '../../server/src/core/quickFixes';
import { hostConfigKind } from '../../server/src/lvm/detect';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { WorkspaceIndex } from '../../server/src/workspace';

const INVENTORY = `hosts:
  xen01:
    memory: 16384
    domains: [ "xen01/*.cfg" ]
    lvm_report: "xen01/lvs.json"
    etc: "xen01/etc"
  xen02:
    memory: 16384
    domains: [ "xen02/*.cfg" ]
    etc: "xen02/etc"
`;

function lv(vg: string, name: string, attr: string, size: number, extra: Record<string, string> = {}) {
  return { lv_name: name, vg_name: vg, lv_size: `${size}.00m`, lv_attr: attr, pool_lv: '', data_percent: '', ...extra };
}

function report(lvs: object[], vgs: object[] = []): string {
  return JSON.stringify({ report: [{ lv: lvs }] }) + (vgs.length ? JSON.stringify({ report: [{ vg: vgs }] }) : '');
}

const THIN = report([lv('vg0', 'pool', 'twi-aotz--', 102400, { data_percent: '70.00' }), lv('vg0', 'web-root', 'Vwi-aotz--', 20480, { pool_lv: 'pool' })]);

/** Cross-file findings per file (relative names) for an in-memory workspace under /ws. */
function cross(files: Record<string, string>): Map<string, Finding[]> {
  const index = new WorkspaceIndex(() => DEFAULT_SETTINGS);
  for (const [name, text] of Object.entries(files)) {
    const file = `/ws/${name}`;
    const kind = hostConfigKind(file);
    if (name === 'xenops.yaml') index.setInventory(file, text);
    else if (name.endsWith('.json')) index.setReport(file, text);
    else if (kind) index.setHostConfig(file, text, kind);
    else index.setDomain(file, text);
  }
  return new Map([...index.crossFindings()].map(([f, list]) => [f.slice(4), list]));
}

function codes(found: Map<string, Finding[]>, file: string, code: string): Finding[] {
  return (found.get(file) ?? []).filter((f) => f.code === code);
}

function apply(text: string, f: Finding, title: RegExp): string {
  const fix = quickFixes([f], f.start, f.end).find((q) => title.test(q.title));
  assert.ok(fix, `no fix ${title} in ${JSON.stringify(f.fixes)}`);
  let out = text;
  for (const c of [...fix.changes].sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.text + out.slice(c.end);
  return out;
}

describe('LVM host checks across files', () => {
  describe('lvm/lockd-host-id', () => {
    const lockd = 'global {\n\tuse_lvmlockd = 1\n}\n';

    it('wants a host_id in lvmlocal.conf when lvmlockd runs with sanlock, and adds a free one', () => {
      const local = '# host settings\nlocal {\n}\n';
      const found = cross({
        'xen01/etc/lvm/lvm.conf': lockd, 'xen01/etc/lvm/lvmlocal.conf': local, 'xen01/etc/sanlock/sanlock.conf': 'use_watchdog = 1\n',
        'xen02/etc/lvm/lvm.conf': lockd, 'xen02/etc/lvm/lvmlocal.conf': 'local {\n\thost_id = 1\n}\n', 'xen02/etc/sanlock/sanlock.conf': '',
      });
      const [f] = codes(found, 'xen01/etc/lvm/lvmlocal.conf', 'lvm/lockd-host-id');
      assert.strictEqual(f.severity, 'error');
      assert.match(f.message, /needs a host_id in lvmlocal\.conf.*invalid sanlock host_id, set in lvmlocal\.conf/);
      assert.strictEqual(apply(local, f, /Add host_id = 2/), '# host settings\nlocal {\n\thost_id = 2\n}\n');
    });

    it('adds a local section to an lvmlocal.conf without one, shown on its first line and pointing at use_lvmlockd', () => {
      const found = cross({ 'etc/lvm/lvm.conf': lockd, 'etc/lvm/lvmlocal.conf': '# nothing yet', 'etc/sanlock/sanlock.conf': '' });
      const [f] = codes(found, 'etc/lvm/lvmlocal.conf', 'lvm/lockd-host-id');
      assert.deepStrictEqual([f.start, f.end], [0, '# nothing yet'.length]); // not use_lvmlockd's place in lvm.conf
      assert.deepStrictEqual(f.related?.map((r) => [r.uri, lockd.slice(r.start, r.end)]), [['/ws/etc/lvm/lvm.conf', 'use_lvmlockd']]);
      assert.strictEqual(apply('# nothing yet', f, /Add local/), '# nothing yet\nlocal {\n\thost_id = 1\n}\n');
    });

    it('reports on use_lvmlockd when there is no lvmlocal.conf, softly when the lock manager is unknown', () => {
      const found = cross({ 'etc/lvm/lvm.conf': lockd });
      const [f] = codes(found, 'etc/lvm/lvm.conf', 'lvm/lockd-host-id');
      assert.strictEqual(f.severity, 'info');
      assert.match(f.message, /if this host's shared VGs use sanlock/);
    });

    it('stays quiet with dlm, and without lvmlockd', () => {
      assert.deepStrictEqual(codes(cross({ 'etc/lvm/lvm.conf': lockd, 'etc/dlm/dlm.conf': 'protocol=tcp\n' }), 'etc/lvm/lvm.conf', 'lvm/lockd-host-id'), []);
      assert.strictEqual(cross({ 'etc/lvm/lvm.conf': 'global {\n\tuse_lvmlockd = 0\n}\n', 'etc/lvm/lvmlocal.conf': 'local { }', 'etc/sanlock/sanlock.conf': '' }).size, 0);
    });

    it('uses lvmlocal.conf over lvm.conf, as lvm2 does', () => {
      const found = cross({ 'etc/lvm/lvm.conf': lockd, 'etc/lvm/lvmlocal.conf': 'global { use_lvmlockd = 0 }', 'etc/sanlock/sanlock.conf': '' });
      assert.strictEqual(found.size, 0);
    });

    it('rejects ids outside 1..max, with the max sanlock_align_size allows', () => {
      const found = cross({
        'etc/lvm/lvm.conf': 'global {\n\tuse_lvmlockd = 1\n\tsanlock_align_size = 1\n}\n', 'etc/lvm/lvmlocal.conf': 'local {\n\thost_id = 300\n}\n', 'etc/sanlock/sanlock.conf': '',
      });
      assert.match(codes(found, 'etc/lvm/lvmlocal.conf', 'lvm/lockd-host-id')[0].message, /host_id = 300 is outside 1–250 \(sanlock_align_size = 1\)/);
      assert.match(codes(found, 'etc/lvm/lvm.conf', 'lock/limits')[0].message, /sanlock_align_size = 1 leaves room for host ids 1–250.*host_id 300 is in use/);
    });

    it('finds two hosts with one host_id and points each at the other', () => {
      const local = 'local {\n\thost_id = 7\n}\n';
      const found = cross({
        'xenops.yaml': INVENTORY,
        'xen01/etc/lvm/lvm.conf': lockd, 'xen01/etc/lvm/lvmlocal.conf': local, 'xen01/etc/sanlock/sanlock.conf': '',
        'xen02/etc/lvm/lvm.conf': lockd, 'xen02/etc/lvm/lvmlocal.conf': local, 'xen02/etc/sanlock/sanlock.conf': '',
      });
      const [a] = codes(found, 'xen01/etc/lvm/lvmlocal.conf', 'lvm/lockd-host-id');
      assert.match(a.message, /host_id = 7 is also the host_id of xen02/);
      assert.strictEqual(a.related?.[0].uri, '/ws/xen02/etc/lvm/lvmlocal.conf');
      assert.match(codes(found, 'xen02/etc/lvm/lvmlocal.conf', 'lvm/lockd-host-id')[0].message, /also the host_id of xen01/);
    });
  });

  describe('lvm/thin-autoextend', () => {
    it('reports threshold 100 on a host with thin pools, and lowers it', () => {
      const conf = 'activation {\n\tthin_pool_autoextend_threshold = 100\n}\n';
      const found = cross({ 'xenops.yaml': INVENTORY, 'xen01/lvs.json': THIN, 'xen01/etc/lvm/lvm.conf': conf });
      const [f] = codes(found, 'xen01/etc/lvm/lvm.conf', 'lvm/thin-autoextend');
      assert.match(f.message, /never extends a thin pool, and xen01 has 1 thin pool: vg0\/pool at 70%/);
      assert.strictEqual(apply(conf, f, /80%/), conf.replace('100', '80'));
    });

    it('reports the default (no setting) and inserts one in the activation section', () => {
      const conf = 'activation {\n\tmonitoring = 1\n}\n';
      const [f] = codes(cross({ 'xenops.yaml': INVENTORY, 'xen01/lvs.json': THIN, 'xen01/etc/lvm/lvm.conf': conf }), 'xen01/etc/lvm/lvm.conf', 'lvm/thin-autoextend');
      assert.match(f.message, /not set \(default 100\)/);
      assert.strictEqual(apply(conf, f, /20% at 80%/), 'activation {\n\tthin_pool_autoextend_threshold = 80\n\tthin_pool_autoextend_percent = 20\n\tmonitoring = 1\n}\n');
    });

    it('reports monitoring = 0 and a zero extension percent', () => {
      const conf = 'activation {\n\tthin_pool_autoextend_threshold = 80\n\tthin_pool_autoextend_percent = 0\n\tmonitoring = 0\n}\n';
      const found = codes(cross({ 'xenops.yaml': INVENTORY, 'xen01/lvs.json': THIN, 'xen01/etc/lvm/lvm.conf': conf }), 'xen01/etc/lvm/lvm.conf', 'lvm/thin-autoextend');
      assert.deepStrictEqual(found.map((f) => /percent = 0|monitoring = 0/.exec(f.message)?.[0]), ['percent = 0', 'monitoring = 0']);
    });

    it('stays quiet without thin pools, and without a report', () => {
      const conf = 'activation {\n\tthin_pool_autoextend_threshold = 100\n}\n';
      assert.strictEqual(cross({ 'xenops.yaml': INVENTORY, 'xen01/lvs.json': report([lv('vg0', 'root', '-wi-ao----', 1024)]), 'xen01/etc/lvm/lvm.conf': conf }).get('xen01/etc/lvm/lvm.conf'), undefined);
      assert.strictEqual(cross({ 'xen01/etc/lvm/lvm.conf': conf }).size, 0);
    });

    it('lets the host\'s lvm.conf decide the threshold of the thin pool check on guest disks', () => {
      const guest = 'name = "web"\ntype = "pvh"\nkernel = "/k"\ndisk = [ "/dev/vg0/web-root,raw,xvda,w" ]\n';
      const files = { 'xenops.yaml': INVENTORY, 'xen01/lvs.json': THIN, 'xen01/web.cfg': guest };
      assert.deepStrictEqual(codes(cross(files), 'xen01/web.cfg', 'xl/vbd-overprovisioned'), []);
      const at60 = cross({ ...files, 'xen01/etc/lvm/lvm.conf': 'activation { thin_pool_autoextend_threshold = 60 }' });
      assert.match(codes(at60, 'xen01/web.cfg', 'xl/vbd-overprovisioned')[0].message, /above its autoextend threshold of 60%/);
    });
  });

  describe('lvm/metadata-size', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => lv('vg0', `guest${i}`, '-wi-ao----', 10240));

    it('warns when the LVs of a VG fill most of the metadata area', () => {
      const found = cross({ 'xenops.yaml': INVENTORY, 'xen01/lvs.json': report(many(900)), 'xen01/etc/lvm/lvm.conf': 'metadata {\n\tpvmetadatasize = 2040\n}\n' });
      const [f] = codes(found, 'xen01/etc/lvm/lvm.conf', 'lvm/metadata-size');
      assert.match(f.message, /xen01's VG vg0 carries 900 LVs: its metadata text is about \d+ KiB, and a metadata area of 1020 KiB \(pvmetadatasize = 2040 sectors\)/);
      assert.match(f.message, /exceeds maximum metadata size/);
      assert.ok(f.fixes?.some((x) => x.kind === 'shell' && /pvcreate --metadatasize/.test(x.shell)));
    });

    it('uses the VG\'s real metadata area from the report, and stays quiet when it is big enough', () => {
      const vgs = [{ vg_name: 'vg0', vg_size: '512000.00m', vg_free: '0m', vg_mda_size: '64.00m', lv_count: '900' }];
      assert.strictEqual(cross({ 'xenops.yaml': INVENTORY, 'xen01/lvs.json': report(many(900), vgs), 'xen01/etc/lvm/lvm.conf': '' }).get('xen01/etc/lvm/lvm.conf'), undefined);
      assert.strictEqual(cross({ 'xenops.yaml': INVENTORY, 'xen01/lvs.json': report(many(50)), 'xen01/etc/lvm/lvm.conf': '' }).get('xen01/etc/lvm/lvm.conf'), undefined);
    });
  });

  describe('lock/limits', () => {
    it('reports sanlock_lv_extend = 0 when the lvmlock LV is out of lease space', () => {
      const lvs = [lv('shared', 'lvmlock', '-wi-ao----', 256), ...Array.from({ length: 200 }, (_, i) => lv('shared', `g${i}`, '-wi-a-----', 1024))];
      const conf = 'global {\n\tuse_lvmlockd = 1\n\tsanlock_lv_extend = 0\n}\n';
      const found = cross({ 'xenops.yaml': INVENTORY, 'xen01/lvs.json': report(lvs), 'xen01/etc/lvm/lvm.conf': conf, 'xen01/etc/lvm/lvmlocal.conf': 'local { host_id = 1 }', 'xen01/etc/sanlock/sanlock.conf': '' });
      const [f] = codes(found, 'xen01/etc/lvm/lvm.conf', 'lock/limits');
      assert.match(f.message, /keeps shared\/lvmlock at 256 MiB, room for at most 189 LV leases, and xen01's shared VG shared already has 200 LVs/);
      assert.strictEqual(apply(conf, f, /256 MiB/), conf.replace('= 0', '= 256'));
    });

    it('reports a sanlock_align_size too small for the hosts of the inventory', () => {
      const hosts = Array.from({ length: 260 }, (_, i) => `  h${i}:\n    domains: [ "h${i}/*.cfg" ]\n`).join('');
      const found = cross({ 'xenops.yaml': `hosts:\n${hosts}`, 'etc/lvm/lvm.conf': 'global {\n\tuse_lvmlockd = 1\n\tsanlock_align_size = 1\n}\n', 'etc/lvm/lvmlocal.conf': 'local { host_id = 3 }', 'etc/sanlock/sanlock.conf': '' });
      assert.match(codes(found, 'etc/lvm/lvm.conf', 'lock/limits')[0].message, /the inventory has 260 hosts/);
    });
  });

  it('warns when an inventory etc folder holds none of the configs', () => {
    const found = cross({ 'xenops.yaml': INVENTORY, 'xen01/etc/lvm/lvm.conf': '' });
    assert.match((found.get('xenops.yaml') ?? []).map((f) => f.message).join('\n'), /`xen02\/etc` holds no lvm\/lvm.conf/);
  });
});
