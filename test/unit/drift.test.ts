// Config drift (`xenops diff`, xenops: Compare Domain Configs): what counts as the same
// config to xl, how differences are ranked, and how two hosts' folders are paired.
import * as assert from 'node:assert';
import { diffConfigs, type DomainFile, formatPairs, pairDomains, pairsDiffer, rank } from '../../server/src/workspace/drift';

const HVM = 'name = "g"\ntype = "hvm"\nmemory = 1024\n';
const PV = 'name = "g"\nkernel = "/boot/vmlinuz"\nmemory = 1024\n';

function subjects(a: string, b: string): string[] {
  return diffConfigs(a, b).map((d) => d.subject);
}

describe('config drift: defaults are the same as the key left out', () => {
  it('HVM platform keys at their schema defaults', () => {
    const explicit = HVM + 'hap = 1\npae = 1\napic = 1\nacpi = 1\nnx = 1\nhpet = 1\nboot = "cd"\nvga = "cirrus"\nhdtype = "ide"\n' +
      'bios = "seabios"\nxen_platform_pci = 1\nviridian = 0\nvnc = 1\nserial = "vc"\nacpi_s3 = 1\n';
    assert.deepStrictEqual(diffConfigs(explicit, HVM), []);
    assert.deepStrictEqual(diffConfigs(HVM, explicit), []);
  });

  it('keys of every guest type at their defaults', () => {
    const explicit = PV + 'vcpus = 1\non_poweroff = "destroy"\non_reboot = "restart"\non_crash = "destroy"\ncap = 0\n' +
      'cpu_weight = 256\ndevice_model_version = "qemu-xen"\nnomigrate = 0\nlocaltime = 0\npool = "Pool-0"\ntsc_mode = "default"\n' +
      'passthrough = "default"\nxenstore_feature_mask = 0xffffffff\nmax_event_channels = 1023\ne820_host = 0\n';
    assert.deepStrictEqual(diffConfigs(explicit, PV), []);
  });

  it('libxl\'s boot order "cda" is the documented "cd" and the default', () => {
    assert.deepStrictEqual(diffConfigs(HVM + 'boot = "cda"\n', HVM + 'boot = "cd"\n'), []);
    assert.deepStrictEqual(diffConfigs(HVM + 'boot = "cda"\n', HVM), []);
    assert.deepStrictEqual(subjects(HVM + 'boot = "dc"\n', HVM), ['boot']);
  });

  it('reads values as xl does: any non-zero boolean, enum case, the integer form of an enum', () => {
    assert.deepStrictEqual(diffConfigs(HVM + 'hap = 2\n', HVM), []);
    assert.deepStrictEqual(diffConfigs(HVM + 'hdtype = "IDE"\n', HVM), []);
    assert.deepStrictEqual(diffConfigs(HVM + 'timer_mode = 1\n', HVM + 'timer_mode = "no_delay_for_missed_ticks"\n'), []);
    assert.deepStrictEqual(diffConfigs(HVM + 'viridian = 1\n', HVM + 'viridian = [ "defaults" ]\n'), []);
    assert.deepStrictEqual(diffConfigs(HVM + 'serial = [ "pty" ]\n', HVM + 'serial = "pty"\n'), []);
  });

  it('takes guest-dependent defaults from the guest and the other keys', () => {
    // vnc is on by default for HVM only
    assert.deepStrictEqual(diffConfigs(HVM + 'vnc = 1\n', HVM), []);
    assert.deepStrictEqual(subjects(PV + 'vnc = 1\n', PV), ['vnc']);
    // stdvga = 1 is vga = "stdvga", whose video RAM default is 16 MiB
    assert.deepStrictEqual(diffConfigs(HVM + 'stdvga = 1\nvideoram = 16\n', HVM + 'vga = "stdvga"\n'), []);
    assert.deepStrictEqual(subjects(HVM + 'stdvga = 1\n', HVM), ['vga']);
    assert.deepStrictEqual(subjects(HVM + 'videoram = 16\n', HVM), ['videoram']);
    // nographic moves the default serial port to stdio
    assert.deepStrictEqual(diffConfigs(HVM + 'nographic = 1\nserial = "stdio"\n', HVM + 'nographic = 1\n'), []);
  });

  it('ignores keys the guest type never reads', () => {
    assert.deepStrictEqual(diffConfigs(PV + 'pae = 0\nboot = "n"\nhap = 0\n', PV), []);
  });

  it('still reports a key set away from its default, with the default on the other side', () => {
    assert.deepStrictEqual(diffConfigs(HVM + 'hap = 0\n', HVM), [{ category: 'other', subject: 'hap', a: '0', b: '1 (default)' }]);
    const [d] = diffConfigs(HVM, HVM + 'device_model_version = "qemu-xen"\nvga = "qxl"\n');
    assert.deepStrictEqual(d, { category: 'device model', subject: 'vga', a: 'cirrus (default)', b: 'qxl' });
  });

  it('compares keys whose default is in words (host settings) only with what is written', () => {
    assert.deepStrictEqual(subjects(PV + 'max_grant_frames = 64\n', PV), ['max_grant_frames']);
    assert.deepStrictEqual(diffConfigs(PV + 'max_grant_frames = 64\n', PV + 'max_grant_frames = 0x40\n'), []);
  });
});

describe('config drift: formatting and order', () => {
  it('ignores key order, quoting, number spelling, comments, separators and list layout', () => {
    const a = 'name = "web"\nmemory = 1024\nvcpus = 2\ntype = "hvm"\ndisk = [ \'/dev/vg/web,raw,xvda,rw\' ]\nvif = [ \'mac=00:16:3e:00:00:01,bridge=br0\' ]\n';
    const b = [
      '# web, moved from the old host',
      "vif=['bridge=br0,mac=00:16:3E:00:00:01']; vcpus = 0x2",
      'disk = [',
      "  'format=raw, vdev=xvda, access=w, target=/dev/vg/web',  # the root disk",
      ']',
      "type='hvm'",
      'memory = "02000"',
      "name='web'",
      '',
    ].join('\n');
    assert.deepStrictEqual(diffConfigs(a, b), []);
  });

  it('compares keys xl does not know as written, even one named like an Object property', () => {
    assert.deepStrictEqual(diffConfigs(PV + 'constructor = 1\nmy_note = "x"\n', PV + 'my_note = "x"\n'), [
      { category: 'other', subject: 'constructor', a: '1', b: undefined },
    ]);
  });

  it('uses the last of two assignments of a key, as xl does', () => {
    assert.deepStrictEqual(diffConfigs(PV + 'memory = 512\nmemory = 1024\n', PV), []);
  });
});

describe('config drift: disks and vifs', () => {
  it('compares parsed disk specs: format raw, access rw, devtype disk and stripped prefixes are defaults', () => {
    const a = PV + "disk = [ 'phy:/dev/vg/a,xvda,w', '/img/b.qcow2,qcow2,xvdb,rw,devtype=disk,discard,trusted' ]\n";
    const b = PV + "disk = [ '/dev/mapper/vg-a,,xvda', 'format=qcow2,vdev=xvdb,target=/img/b.qcow2' ]\n";
    assert.deepStrictEqual(diffConfigs(a, b), []);
  });

  it('reports what differs in a disk: target, format, access, backend type, options', () => {
    const a = PV + "disk = [ '/dev/vg/a,raw,xvda,rw', '/dev/vg/b,raw,xvdb,rw', '/dev/vg/c,raw,xvdc,rw' ]\n";
    const b = PV + "disk = [ '/dev/vg/a,raw,xvda,ro', '/dev/vg/b,raw,xvdb,rw,backendtype=qdisk', '/dev/vg/c,raw,xvdc,rw,no-discard' ]\n";
    assert.deepStrictEqual(diffConfigs(a, b).map((d) => [d.subject, d.b]), [
      ['disk xvda', '/dev/vg/a, raw, ro'],
      ['disk xvdb', '/dev/vg/b, raw, rw, backendtype=qdisk'],
      ['disk xvdc', '/dev/vg/c, raw, rw, no-discard'],
    ]);
  });

  it('matches disks by device number: xvda is 51712 and d0p0, hda is another device', () => {
    const xvda = PV + "disk = [ '/dev/vg/a,raw,xvda,rw' ]\n";
    assert.deepStrictEqual(diffConfigs(xvda, PV + "disk = [ '/dev/vg/a,raw,51712,rw' ]\n"), []);
    assert.deepStrictEqual(diffConfigs(xvda, PV + "disk = [ '/dev/vg/a,raw,d0p0,rw' ]\n"), []);
    assert.deepStrictEqual(diffConfigs(xvda, PV + "disk = [ '/dev/vg/a,raw,0xca00,rw' ]\n"), []);
    assert.deepStrictEqual(subjects(xvda, PV + "disk = [ '/dev/vg/a,raw,hda,rw' ]\n"), ['disk hda', 'disk xvda']);
  });

  it('reports one difference, named both ways, for one device spelt two ways', () => {
    const items = diffConfigs(PV + "disk = [ '/dev/vg/a,raw,xvda,rw' ]\n", PV + "disk = [ '/dev/vg/b,raw,51712,rw' ]\n");
    assert.deepStrictEqual(items, [{ category: 'disks', subject: 'disk xvda / 51712', a: '/dev/vg/a, raw, rw', b: '/dev/vg/b, raw, rw' }]);
  });

  it('compares parsed vifs with xl\'s defaults: bridge xenbr0, script vif-bridge, HVM type ioemu with rtl8139', () => {
    const defaults = "vif = [ 'bridge=xenbr0,type=ioemu,model=rtl8139,script=/etc/xen/scripts/vif-bridge,backend=0,trusted' ]\n";
    assert.deepStrictEqual(diffConfigs(HVM + defaults, HVM + "vif = [ '' ]\n"), []);
    assert.deepStrictEqual(diffConfigs(HVM + "vif = [ 'bridge=xenbr0' ]\n", HVM + "vif = [ '' ]\n"), []);
    assert.deepStrictEqual(subjects(HVM + "vif = [ 'model=e1000' ]\n", HVM + "vif = [ '' ]\n"), ['vif 0']);
    assert.deepStrictEqual(subjects(HVM + "vif = [ 'type=vif' ]\n", HVM + "vif = [ '' ]\n"), ['vif 0']);
  });

  it('knows PV NICs: always type vif, no emulated model, but type=ioemu fails there', () => {
    assert.deepStrictEqual(diffConfigs(PV + "vif = [ 'type=vif,model=e1000' ]\n", PV + "vif = [ '' ]\n"), []);
    assert.deepStrictEqual(subjects(PV + "vif = [ 'type=ioemu' ]\n", PV + "vif = [ '' ]\n"), ['vif 0']);
  });

  it('reads vif rates in bytes per second, and an empty vif list is no vif', () => {
    assert.deepStrictEqual(diffConfigs(PV + "vif = [ 'rate=10Mb/s' ]\n", PV + "vif = [ 'rate=1250KB/s@50ms' ]\n"), []);
    assert.deepStrictEqual(subjects(PV + "vif = [ 'rate=10Mb/s' ]\n", PV + "vif = [ 'rate=10MB/s' ]\n"), ['vif 0']);
    assert.deepStrictEqual(diffConfigs(PV + 'vif = [ ]\npci = [ ]\n', PV), []);
    assert.deepStrictEqual(subjects(PV + "vif = [ '' ]\n", PV), ['vif 0']);
  });

  it('keeps both of two vifs on one devid visible', () => {
    const diff = diffConfigs(PV + "vif = [ 'devid=1,bridge=zz', 'bridge=b' ]\n", PV + "vif = [ 'bridge=q', 'bridge=b' ]\n");
    assert.ok(diff.some((d) => /bridge=zz/.test(`${d.a} ${d.b}`)), JSON.stringify(diff));
  });
});

describe('config drift: ranking', () => {
  it('ranks type, memory, disks, vif, kernel, cpu pinning, device model, then the rest', () => {
    const a = 'name = "a"\ntype = "hvm"\nmemory = 1024\ndisk = [ \'/dev/vg/a,raw,xvda,rw\' ]\nvif = [ \'bridge=br0\' ]\n' +
      'kernel = "/boot/a"\ncpus = "0-3"\nvcpus = 2\nvga = "stdvga"\non_crash = "preserve"\npci = [ \'01:00.0\' ]\n';
    const b = 'name = "b"\ntype = "pvh"\nmemory = 2048\ndisk = [ \'/dev/vg/b,raw,xvda,rw\' ]\nvif = [ \'bridge=br1\' ]\n' +
      'kernel = "/boot/b"\ncpus = "4-7"\nvcpus = 4\nvga = "qxl"\n';
    const items = diffConfigs(a, b);
    assert.deepStrictEqual(items.map((d) => d.subject), [
      'type', 'maxmem', 'memory', 'disk xvda', 'vif 0', 'kernel', 'cpus', 'vcpus', 'vga', 'pci', 'on_crash', 'name',
    ]);
    assert.deepStrictEqual([...new Set(items.map((d) => d.category))], [
      'guest type', 'memory', 'disks', 'network', 'boot', 'cpu', 'device model', 'passthrough', 'other', 'identity',
    ]);
    // vga is HVM-only: the PVH side does not read it
    assert.strictEqual(items.find((d) => d.subject === 'vga')?.b, 'qxl (not read for PVH guests)');
  });

  it('puts the kernel first among the boot settings and pinning first among the CPU ones', () => {
    const items = rank([
      { category: 'cpu', subject: 'cap' },
      { category: 'boot', subject: 'bootloader' },
      { category: 'cpu', subject: 'cpus_soft' },
      { category: 'boot', subject: 'kernel' },
      { category: 'cpu', subject: 'cpus' },
    ]);
    assert.deepStrictEqual(items.map((d) => d.subject), ['kernel', 'bootloader', 'cpus', 'cpus_soft', 'cap']);
  });

  it('orders devices by number: vif 2 before vif 10', () => {
    const items = rank([{ category: 'network', subject: 'vif 10' }, { category: 'network', subject: 'vif 2' }]);
    assert.deepStrictEqual(items.map((d) => d.subject), ['vif 2', 'vif 10']);
  });
});

describe('config drift: two hosts\' folders', () => {
  const file = (f: string, text: string): DomainFile => ({ file: f, text });
  const left = [
    file('/h1/web.cfg', 'name = "web"\nmemory = 1024\n'),
    file('/h1/db.cfg', 'name = "db"\nmemory = 4096\n'),
    file('/h1/old.cfg', 'name = "old"\n'),
  ];
  const right = [
    file('/h2/web01.cfg', 'name = "web"\nmemory = 2048\n'),
    file('/h2/db.cfg', 'memory = 0x1000\nname = "db"\n'),
    file('/h2/new.cfg', 'memory = 512\n'),
  ];

  it('pairs configs by domain name (else file name) and lists domains on one side only', () => {
    const pairs = pairDomains(left, right);
    assert.deepStrictEqual(pairs.map((p) => [p.domain, p.a, p.b, p.items.map((d) => d.subject)]), [
      ['db', '/h1/db.cfg', '/h2/db.cfg', []],
      ['new', undefined, '/h2/new.cfg', []],
      ['old', '/h1/old.cfg', undefined, []],
      ['web', '/h1/web.cfg', '/h2/web01.cfg', ['maxmem', 'memory']],
    ]);
    assert.strictEqual(pairsDiffer(pairs), true);
  });

  it('finds no drift between equal folders', () => {
    const pairs = pairDomains(left.slice(0, 2), [right[1], file('/h2/web.cfg', 'memory = 1024\nname = "web"\n')]);
    assert.deepStrictEqual(pairs.map((p) => p.domain), ['db', 'web']);
    assert.strictEqual(pairsDiffer(pairs), false);
  });

  it('pairs the config named after the domain, and names the other a second config', () => {
    const pairs = pairDomains([file('/h1/web-old.cfg', 'name = "web"\nmemory = 512\n'), left[0]], [file('/h2/web.cfg', 'name = "web"\nmemory = 1024\n')]);
    assert.deepStrictEqual(pairs.map((p) => [p.a, p.b, p.items.length]), [['/h1/web.cfg', '/h2/web.cfg', 0], ['/h1/web-old.cfg', undefined, 0]]);
    assert.strictEqual(formatPairs(pairs, 'h1', 'h2').split('\n').filter(Boolean).pop(), 'web: a second config on h1 (/h1/web-old.cfg), not compared');
  });

  it('keeps a second config of the same domain on a host visible', () => {
    const pairs = pairDomains([left[0], file('/h1/web-copy.cfg', 'name = "web"\n')], [right[0]]);
    assert.deepStrictEqual(pairs.map((p) => [p.domain, p.a, p.b]), [
      ['web', '/h1/web.cfg', '/h2/web01.cfg'],
      ['web (/h1/web-copy.cfg)', '/h1/web-copy.cfg', undefined],
    ]);
  });

  it('reports each pair: drift, no drift, or the side a domain is on', () => {
    const text = formatPairs(pairDomains(left, right), 'h1', 'h2');
    assert.match(text, /^No differences that matter between \/h1\/db\.cfg and \/h2\/db\.cfg\.$/m);
    assert.match(text, /^new: only in h2 \(\/h2\/new\.cfg\)$/m);
    assert.match(text, /^old: only in h1 \(\/h1\/old\.cfg\)$/m);
    assert.match(text, /^Differences between \/h1\/web\.cfg \(A\) and \/h2\/web01\.cfg \(B\), most likely to matter first:$/m);
    assert.match(text, / {2}1\. \[memory\] maxmem\n {7}A: 1024\n {7}B: 2048\n/);
  });
});
