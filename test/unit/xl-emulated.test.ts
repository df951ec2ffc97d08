// An HVM guest's first disks are also emulated by QEMU, whose IDE and AHCI disks cannot be
// read-only: libxl refuses to build the domain (libxl_dm.c), so xenops says so while editing.
import * as assert from 'node:assert';
import { lintXl } from '../../server/src/xl/lint';
import { vdevDiskIndex } from '../../server/src/xl/specs/disk';

function refusals(text: string): string[] {
  return lintXl(text, { version: '4.22', filename: 'guest.cfg' }).findings
    .filter((f) => f.code === 'xl/disk-spec')
    .map((f) => `${text.slice(f.start, f.end)}: ${f.message}`);
}

const hvm = (disk: string, extra = '') => `name = "w"\ntype = "hvm"\n${extra}disk = [ '${disk}' ]\n`;

describe('read-only disks of HVM guests', () => {
  it('knows the disk index libxl works out for each vdev spelling', () => {
    assert.deepStrictEqual(['xvda', 'hdc', 'sdb', 'xvdaa', 'd5p1', 'xvdb3', '51712', 'bogus'].map(vdevDiskIndex), [0, 2, 1, 26, 5, 1, undefined, undefined]);
  });

  it('refuses a read-only IDE disk (the first four), pointing at the access', () => {
    assert.deepStrictEqual(refusals(hvm('phy:/dev/vg/a,hda,r')), [
      "r: qemu-xen doesn't support read-only IDE disk drivers: hda is emulated for this HVM guest, so it must be writable (or use an sdX name, emulated as SCSI)",
    ]);
    assert.strictEqual(refusals(hvm('vdev=xvdd, access=ro, target=/dev/vg/a')).length, 1);
  });

  it('refuses read-only AHCI disks up to the sixth with hdtype = "ahci"', () => {
    assert.match(refusals(hvm('/dev/vg/a,raw,xvdf,r', 'hdtype = "AHCI"\n'))[0], /read-only AHCI disk drivers/);
    assert.deepStrictEqual(refusals(hvm('/dev/vg/a,raw,xvdg,r', 'hdtype = "ahci"\n')), []);
  });

  it('leaves alone what libxl accepts: SCSI names, later disks, CD-ROMs, numbers, PV and PVH guests', () => {
    for (const disk of ['/dev/vg/a,raw,sda,r', '/dev/vg/a,raw,xvde,r', '/srv/x.iso,raw,hdc,r,devtype=cdrom', '/dev/vg/a,raw,768,r', '/dev/vg/a,raw,hda,w']) {
      assert.deepStrictEqual(refusals(hvm(disk)), [], disk);
    }
    assert.deepStrictEqual(refusals(`name = "p"\ntype = "pvh"\nkernel = "/k"\ndisk = [ '/dev/vg/a,raw,xvda,r' ]\n`), []);
    // qemu-xen-traditional (Xen ≤ 4.20) builds its own arguments and takes read-only disks
    assert.deepStrictEqual(refusals(hvm('/dev/vg/a,raw,hda,r', 'device_model_version = "qemu-xen-traditional"\n')), []);
  });
});
