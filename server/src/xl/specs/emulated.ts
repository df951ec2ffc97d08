// An HVM guest also sees its first disks through qemu-xen (libxl_dm.c): IDE for the first
// four, AHCI for the first six with hdtype = "ahci", SCSI for sdX names. QEMU's IDE and
// AHCI disks cannot be read-only, so libxl refuses such a disk and the domain is not built.
import { type Disk, vdevDiskIndex } from './disk';

/** libxl's error for a read-only disk this guest would get emulated, or undefined when it is fine. */
export function readOnlyRefusal(disk: Disk, guest: string | undefined, hdtype: string | undefined, deviceModel?: string): string | undefined {
  if (guest !== 'hvm' || disk.readwrite || disk.cdrom || disk.vdev.startsWith('sd')) return undefined;
  // only the qemu-xen argument builder refuses them (Xen ≤ 4.20 also had qemu-xen-traditional)
  if (deviceModel === 'qemu-xen-traditional') return undefined;
  const index = vdevDiskIndex(disk.vdev);
  if (index === undefined) return undefined;
  if (hdtype?.toLowerCase() === 'ahci' && index < 6) return "qemu-xen doesn't support read-only AHCI disk drivers";
  if (index < 4) return "qemu-xen doesn't support read-only IDE disk drivers";
  return undefined;
}
