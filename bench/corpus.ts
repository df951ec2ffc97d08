// Deterministic, realistic domU configs for the benchmarks: the mix of guest
// types, disk and vif forms, comments and mistakes a real /etc/xen holds.
import { Random } from '../test/reference/generate';

const LETTERS = 'abcdefghijklmnop';

export function realisticConfig(r: Random, i: number): string {
  const name = `guest${String(i).padStart(5, '0')}`;
  const type = r.pick(['pv', 'pvh', 'hvm'] as const);
  const lines = [`# ${name}: generated for benchmarks`, `name = "${name}"`, `type = "${type}"`];
  if (type === 'hvm') lines.push(`firmware = "${r.pick(['bios', 'uefi'])}"`, 'boot = "c"', 'vnc = 1', 'vnclisten = "127.0.0.1"');
  else if (r.chance(0.5)) lines.push('bootloader = "pygrub"');
  else lines.push('kernel = "/var/lib/xen/boot/vmlinuz"', 'ramdisk = "/var/lib/xen/boot/initrd.img"', 'cmdline = "root=/dev/xvda1 ro console=hvc0"');
  const memory = r.pick([512, 1024, 2048, 4096, 8192]);
  lines.push(`memory = ${memory}`, `maxmem = ${r.chance(0.9) ? memory : memory / 2}`, `vcpus = ${1 + r.int(8)}`);
  if (r.chance(0.3)) lines.push(`cpus = "${r.int(4)}-${4 + r.int(4)}"`);
  const disks: string[] = [];
  for (let d = 0, n = 1 + r.int(4); d < n; d++) {
    const vdev = `xvd${LETTERS[d]}`;
    const lv = `/dev/vg_${r.int(3)}/${name}-${vdev}`;
    disks.push(r.chance(0.5) ? `'phy:${lv},${vdev},w'` : `'format=raw, vdev=${vdev}, access=rw, target=${lv}'`);
  }
  lines.push(`disk = [ ${disks.join(',\n         ')} ]`);
  const mac = () => `00:16:3e:${[r.int(128), r.int(256), r.int(256)].map((x) => x.toString(16).padStart(2, '0')).join(':')}`;
  lines.push(`vif = [ 'mac=${mac()}, bridge=xenbr${r.int(2)}'${r.chance(0.3) ? `, 'bridge=xenbr1, rate=${1 + r.int(100)}Mb/s'` : ''} ]`);
  lines.push('on_poweroff = "destroy"', 'on_reboot = "restart"', `on_crash = "${r.pick(['restart', 'destroy', 'coredump-restart'])}"`);
  if (r.chance(0.1)) lines.push(r.pick(['memroy = 512', 'on_crash = "reboot"', 'acpi = "yes"', 'type = hvm', "disk2 = 'x'"]));
  return lines.join('\n') + '\n';
}

/** A config of about `lines` lines: settings, comments and a long disk list, as large hosts write them. */
export function largeConfig(lines: number): string {
  const out = ['# a large domU config: one disk per LUN', 'name = "bigguest"', 'type = "hvm"', 'memory = 65536', 'maxmem = 65536', 'vcpus = 32'];
  out.push('disk = [');
  let i = 0;
  while (out.length < lines - 2) {
    if (i % 10 === 0) out.push(`    # shelf ${i / 10}`);
    out.push(`    'format=raw, vdev=xvd${vdevLetters(i)}, access=rw, target=/dev/mapper/lun${i}',`);
    i++;
  }
  out.push(']', 'on_crash = "restart"');
  return out.join('\n') + '\n';
}

function vdevLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(97 + ((n - 1) % 26)) + s;
  return s;
}
