// Keys that may appear inside the spec strings of list-valued xl.cfg options (disk, vif, pci, …),
// for hover and completion inside the quotes.
//
// Sources: tools/libs/util/libxlu_disk_l.l (disk), parse_nic_config in tools/xl/xl_parse.c and
// docs/man/xl-network-configuration.5.pod.in (vif), tools/libs/util/libxlu_pci.c (pci), and the
// other device parsers in tools/xl/xl_parse.c, compared between RELEASE-4.17.5 and RELEASE-4.22.0.
// The `doc` texts are our own summaries.

import type { XenVersion } from './types';

export interface SpecKeyDoc {
  key: string;
  doc: string;
  /** Accepted values, when the parser checks them. */
  values?: string[];
  /** A bare word (no `=value`). */
  flag?: boolean;
  /** First release whose parser accepts the key; absent means 4.17 or earlier. */
  since?: XenVersion;
  deprecated?: string;
}

export type SpecKeyKind = 'disk' | 'vif' | 'pci' | 'vtpm' | 'channel' | 'vfb' | 'usbctrl' | 'usbdev' | 'vkb' | 'p9';

// ------------------------------------------------------------------------------------------- disk

const DISK: SpecKeyDoc[] = [
  {
    key: 'target',
    doc:
      'Host block device or image file backing the disk. Written as `target=`, it takes everything up to the end of the string ' +
      '(commas included), so it must come last; positionally it is the first field. May be empty for an empty CD-ROM drive.',
  },
  {
    key: 'format',
    values: ['raw', 'qcow', 'qcow2', 'vhd', 'qed', 'empty'],
    doc: 'Image format, `raw` by default. The second positional field is the format, so `/dev/vg/lv,xvda` is read as an unknown format `xvda`.',
  },
  {
    key: 'vdev',
    doc:
      'Device name the guest sees, e.g. `xvda`, `hda` (hda–hdd only), `sda` (sda–sdp) or `d0p1`. It is mandatory; ' +
      'the third positional field.',
  },
  {
    key: 'access',
    values: ['r', 'ro', 'w', 'rw'],
    doc: 'Read-only (`r`/`ro`) or read-write (`w`/`rw`, the default; CD-ROMs are always read-only). The xm force-sharing mode `w!` is rejected.',
  },
  {
    key: 'devtype',
    values: ['cdrom', 'disk'],
    doc: 'Set to `cdrom` to present the device as a CD-ROM drive; `disk` is the default.',
  },
  {
    key: 'backend',
    doc: 'Name or ID of the domain running the disk backend, dom0 by default (another domain must be set up as a driver domain).',
  },
  {
    key: 'backendtype',
    values: ['phy', 'qdisk', 'tap', 'standalone'],
    doc:
      'Backend implementation. Normally left out so libxl picks one; `phy` and `standalone` only handle raw images and `tap` needs tapback running.',
  },
  {
    key: 'specification',
    values: ['xen', 'virtio'],
    doc: 'Protocol the guest uses: Xen PV block (`xen`, default) or `virtio` (virtio-blk in the guest; needs `backendtype=standalone`).',
  },
  {
    key: 'script',
    doc: 'Block hotplug script that interprets `target` (looked up in the Xen script directory when it has no slash), usually named `block-SOMETHING`.',
  },
  {
    key: 'direct-io-safe',
    flag: true,
    doc:
      'Tell the backend it may use O_DIRECT despite the old network-storage lifetime bug. Safe for local storage; avoid it when the image lives on NFS or iSCSI.',
  },
  {
    key: 'discard',
    flag: true,
    doc: 'Advertise discard (TRIM/UNMAP) to the guest. This is the default.',
  },
  {
    key: 'no-discard',
    flag: true,
    doc: 'Do not advertise discard, e.g. to keep a deliberately non-sparse image file from getting holes punched into it.',
  },
  {
    key: 'colo',
    flag: true,
    doc: 'Enable COLO replication for this disk (unstable interface).',
  },
  {
    key: 'no-colo',
    flag: true,
    doc: 'Disable COLO replication for this disk (the default).',
  },
  {
    key: 'colo-host',
    doc: 'COLO: host of the secondary side\'s NBD server.',
  },
  {
    key: 'colo-port',
    doc: 'COLO: TCP port of the secondary side\'s NBD server; must be a non-zero number.',
  },
  {
    key: 'colo-export',
    doc: 'COLO: NBD export name on the secondary side.',
  },
  {
    key: 'active-disk',
    doc: 'COLO: path of the active disk image on the secondary side.',
  },
  {
    key: 'hidden-disk',
    doc: 'COLO: path of the hidden disk image on the secondary side.',
  },
  {
    key: 'trusted',
    flag: true,
    doc: 'Tell the guest its disk backend is trusted (the default).',
  },
  {
    key: 'untrusted',
    flag: true,
    doc: 'Tell the guest not to trust the disk backend, so a hardened frontend can protect itself from it.',
  },
  {
    key: 'cdrom',
    flag: true,
    doc: 'Short form of `devtype=cdrom`.',
  },
  {
    key: 'grant_usage',
    values: ['0', '1'],
    since: '4.19',
    doc: 'Virtio disks only: whether the backend accesses guest memory through Xen grants. Defaults to 1 when the backend is not dom0, else 0.',
  },
];

// -------------------------------------------------------------------------------------------- vif

const COLO_VIF_KEYS: [string, string][] = [];
{
  const sock = (prefix: string, what: string): void => {
    COLO_VIF_KEYS.push([`${prefix}_id`, `COLO: identifier of the ${what} socket.`]);
    COLO_VIF_KEYS.push([`${prefix}_ip`, `COLO: IP address of the ${what} socket.`]);
    COLO_VIF_KEYS.push([`${prefix}_port`, `COLO: TCP port of the ${what} socket.`]);
  };
  const filter = (prefix: string, what: string, dirs: string[]): void => {
    for (const d of dirs) {
      const label = d === 'queue' ? 'queue it attaches to' : d === 'indev' ? 'input chardev' : 'output chardev';
      COLO_VIF_KEYS.push([`${prefix}_${d}`, `COLO: ${label} of the ${what} filter.`]);
    }
  };
  sock('colo_sock_mirror', 'traffic-mirror');
  sock('colo_sock_compare_sec_in', 'compare (secondary input)');
  sock('colo_sock_redirector0', 'redirector 0');
  sock('colo_sock_redirector1', 'redirector 1');
  sock('colo_sock_redirector2', 'redirector 2');
  sock('colo_sock_compare_pri_in', 'compare (primary input)');
  sock('colo_sock_compare_notify', 'compare notification');
  filter('colo_filter_mirror', 'mirror', ['queue', 'outdev']);
  filter('colo_filter_redirector0', 'redirector 0', ['queue', 'indev', 'outdev']);
  filter('colo_filter_redirector1', 'redirector 1', ['queue', 'indev', 'outdev']);
  COLO_VIF_KEYS.push(['colo_compare_pri_in', 'COLO: primary input chardev of the packet comparer.']);
  COLO_VIF_KEYS.push(['colo_compare_sec_in', 'COLO: secondary input chardev of the packet comparer.']);
  COLO_VIF_KEYS.push(['colo_compare_out', 'COLO: output chardev of the packet comparer.']);
  COLO_VIF_KEYS.push(['colo_compare_notify_dev', 'COLO: notification chardev of the packet comparer.']);
  sock('colo_sock_sec_redirector0', 'secondary-side redirector 0');
  sock('colo_sock_sec_redirector1', 'secondary-side redirector 1');
  filter('colo_filter_sec_redirector0', 'secondary-side redirector 0', ['queue', 'indev', 'outdev']);
  filter('colo_filter_sec_redirector1', 'secondary-side redirector 1', ['queue', 'indev', 'outdev']);
  COLO_VIF_KEYS.push(['colo_filter_sec_rewriter0_queue', 'COLO: queue the secondary-side rewriter filter attaches to.']);
  COLO_VIF_KEYS.push(['colo_checkpoint_host', 'COLO: host that receives checkpoint traffic.']);
  COLO_VIF_KEYS.push(['colo_checkpoint_port', 'COLO: port that receives checkpoint traffic.']);
}

const VIF: SpecKeyDoc[] = [
  {
    key: 'mac',
    doc:
      'Guest MAC address as six colon-separated hex octets. By default a random address in the Xen range 00:16:3e is generated; ' +
      'a malformed value only produces a warning and may leave a half-parsed address.',
  },
  {
    key: 'bridge',
    doc: 'Host bridge the interface is added to; defaults to `vif.default.bridge` from xl.conf (normally `xenbr0`). The bridge must already exist.',
  },
  {
    key: 'gatewaydev',
    doc: 'Host interface the vif-route script uses as gateway.',
  },
  {
    key: 'netdev',
    deprecated: 'use gatewaydev',
    doc: 'Old name of `gatewaydev`; xl accepts it with a warning.',
  },
  {
    key: 'type',
    values: ['ioemu', 'vif'],
    doc: 'HVM only: `ioemu` (default) gives an emulated NIC plus a PV interface, `vif` gives only the PV interface. PV/PVH guests cannot use `ioemu`.',
  },
  {
    key: 'model',
    doc: 'Emulated NIC model for HVM guests with `type=ioemu`, e.g. `rtl8139` (default) or `e1000`; any model QEMU knows is accepted.',
  },
  {
    key: 'vifname',
    doc: 'Name of the backend interface in dom0 instead of `vifDOMID.DEVID`; the emulated twin gets `-emu` appended.',
  },
  {
    key: 'script',
    doc: 'Hotplug script that connects the interface, default `vif-bridge` (or `vif.default.script` from xl.conf).',
  },
  {
    key: 'ip',
    doc: 'IP address(es) handed to the hotplug script, e.g. for anti-spoofing rules; it does not configure the guest.',
  },
  {
    key: 'backend',
    doc: 'Name or ID of the domain running the network backend, dom0 by default.',
  },
  {
    key: 'rate',
    doc:
      'Outgoing bandwidth limit `RATE/s[@INTERVAL]`, e.g. `10Mb/s` or `1MB/s@20ms`. Units B/KB/MB/GB are bytes and b/Kb/Mb/Gb bits (upper-case K, M, G); ' +
      'a bare interval number means seconds and the default interval is 50 ms.',
  },
  {
    key: 'devid',
    doc: 'Explicit device number instead of the next free one. Rarely needed; a non-number aborts `xl create`.',
  },
  {
    key: 'mtu',
    doc: 'MTU of the interface; by default 1500, or the bridge MTU when bridged.',
  },
  {
    key: 'vlan',
    since: '4.19',
    doc:
      'VLAN setup: IDs 1–4094 or ranges joined by `/`; suffix `p` marks the PVID (implies untagged) and `u` untagged, ' +
      'and `A+OxC` describes C extra IDs in steps of O. One ID must be the PVID.',
  },
  {
    key: 'trusted',
    flag: true,
    doc: 'Tell the guest its network backend is trusted (the default).',
  },
  {
    key: 'untrusted',
    flag: true,
    doc: 'Tell the guest not to trust the network backend.',
  },
  {
    key: 'accel',
    deprecated: 'not supported; xl ignores it with a message',
    doc: 'Network acceleration plug-in from xm times. xl prints that it is unsupported and ignores it.',
  },
  {
    key: 'forwarddev',
    doc: 'COLO: host interface used to forward traffic between primary and secondary.',
  },
  ...COLO_VIF_KEYS.map(([key, doc]) => ({ key, doc })),
];

// -------------------------------------------------------------------------------------------- pci

const PCI: SpecKeyDoc[] = [
  {
    key: 'bdf',
    doc:
      'Host address `[DDDD:]BB:SS.F` of the device (function `*` means all functions). Usually written positionally at the start; ' +
      'either `bdf` or `name` must be given, not both.',
  },
  {
    key: 'vslot',
    doc: 'Virtual slot number the guest sees the device at (always hexadecimal). Positionally written as `@VSLOT` after the BDF.',
  },
  {
    key: 'permissive',
    values: ['0', '1'],
    doc: 'Allow all writes to the device configuration space. Gives the guest much more control, so only for trusted guests.',
  },
  {
    key: 'msitranslate',
    values: ['0', '1'],
    doc: 'Translate MSI to INTx, always enabling MSI on the device. Off by default because some drivers (e.g. NVIDIA) break.',
  },
  {
    key: 'seize',
    values: ['0', '1'],
    doc: 'Make the device assignable automatically if it is not yet. xl will take it from dom0 without asking, even a disk or network controller.',
  },
  {
    key: 'power_mgmt',
    values: ['0', '1'],
    doc: 'HVM only: let the guest switch the device between D0 and D3hot power states.',
  },
  {
    key: 'rdm_policy',
    values: ['strict', 'relaxed'],
    doc: 'HVM/x86: how to treat a conflict between this device\'s reserved memory and guest RAM; overrides the policy of the global `rdm` option.',
  },
  {
    key: 'name',
    doc: 'Name given to the device with `xl pci-assignable-add -n`; used instead of `bdf`.',
  },
];

// ------------------------------------------------------------------------------------------- vtpm

const VTPM: SpecKeyDoc[] = [
  {
    key: 'backend',
    doc: 'Domain providing the vTPM (the vTPM stub domain for a guest, the vTPM manager for a vTPM domain). Required.',
  },
  {
    key: 'uuid',
    doc: 'UUID identifying this vTPM. Without it a new one is generated at every boot, so set it for vTPM domains.',
  },
];

// ---------------------------------------------------------------------------------------- channel

const CHANNEL: SpecKeyDoc[] = [
  {
    key: 'backend',
    doc: 'Domain providing the channel backend; the toolstack domain when omitted.',
  },
  {
    key: 'name',
    doc: 'Well-known name the guest uses to find the channel, e.g. `org.example.agent.1`. Documented as mandatory.',
  },
  {
    key: 'connection',
    values: ['pty', 'socket'],
    doc: 'Backend kind: `pty` or `socket` (needs `path=`). Must be lower case — the man page shows PTY/SOCKET, but xl rejects those.',
  },
  {
    key: 'path',
    doc: 'Unix socket path in the backend domain for `connection=socket`.',
  },
];

// -------------------------------------------------------------------------------------------- vfb

const VFB: SpecKeyDoc[] = [
  { key: 'vnc', values: ['0', '1'], doc: 'Serve the framebuffer over VNC (on by default).' },
  { key: 'vnclisten', doc: 'Address for the VNC server, optionally `ADDRESS:DISPLAY`; then do not also set `vncdisplay`.' },
  { key: 'vncdisplay', doc: 'VNC display number; the TCP port is 5900 plus this number.' },
  { key: 'vncunused', values: ['0', '1'], doc: 'Pick a free VNC port automatically.' },
  { key: 'vncpasswd', doc: 'VNC password; an empty value disables authentication.' },
  { key: 'sdl', values: ['0', '1'], doc: 'Show the framebuffer in a local SDL window (off by default).' },
  { key: 'opengl', values: ['0', '1'], doc: 'OpenGL for the SDL window; current device models ignore it.' },
  { key: 'display', doc: 'X display used by the SDL window.' },
  { key: 'xauthority', doc: 'X authority file used by the SDL window.' },
  { key: 'keymap', doc: 'Keyboard layout for VNC/SDL input, e.g. `en-us` (default) or `de`.' },
];

// ---------------------------------------------------------------------------------------- usbctrl

const USBCTRL: SpecKeyDoc[] = [
  {
    key: 'type',
    values: ['auto', 'pv', 'qusb', 'devicemodel'],
    doc: 'Controller implementation: kernel PVUSB backend (`pv`), QEMU PVUSB backend (`qusb`), emulated by QEMU (`devicemodel`), or `auto` (default).',
  },
  {
    key: 'version',
    values: ['1', '2', '3'],
    doc: 'USB version 1 (1.1), 2 (2.0, default) or 3 (3.0, `devicemodel` only).',
  },
  {
    key: 'ports',
    doc: 'Number of ports, 1–31 (default 8). Emulated controllers are fixed at 2 (USB 1.1) or 6 (USB 2.0) ports and allow at most 15 for USB 3.0.',
  },
];

// ----------------------------------------------------------------------------------------- usbdev

const USBDEV: SpecKeyDoc[] = [
  { key: 'type', values: ['hostdev'], doc: 'Device kind; only `hostdev` (a host USB device) exists.' },
  { key: 'hostbus', doc: 'Host USB bus number of the device (as shown by `lsusb`).' },
  { key: 'hostaddr', doc: 'Host USB device number on that bus.' },
  { key: 'controller', doc: 'Index of the guest USB controller to attach to; a free controller/port is chosen (or created) when omitted.' },
  { key: 'port', doc: 'Port on that controller, counted from 1. Only valid together with `controller`.' },
];

// -------------------------------------------------------------------------------------------- vkb

const VKB: SpecKeyDoc[] = [
  { key: 'backend', doc: 'Domain providing the virtual keyboard backend.' },
  {
    key: 'backend-type',
    values: ['qemu', 'linux'],
    doc: 'Backend implementation: QEMU or a Linux PV backend. Required — an entry without it makes `xl create` fail.',
  },
  { key: 'unique-id', doc: 'Unique identifier of the input device.' },
  { key: 'feature-disable-keyboard', values: ['0', '1'], doc: 'Turn off the keyboard part of the device.' },
  { key: 'feature-disable-pointer', values: ['0', '1'], doc: 'Turn off the pointer part of the device.' },
  { key: 'feature-abs-pointer', values: ['0', '1'], doc: 'The pointer reports absolute coordinates.' },
  { key: 'feature-raw-pointer', values: ['0', '1'], doc: 'The pointer reports raw, unscaled absolute coordinates.' },
  {
    key: 'feature-multi-touch',
    values: ['0', '1'],
    doc: 'The device supports multi-touch; then the multi-touch width, height and contact count must be set too.',
  },
  { key: 'multi-touch-width', doc: 'Maximum width of the multi-touch surface.' },
  { key: 'multi-touch-height', doc: 'Maximum height of the multi-touch surface.' },
  { key: 'multi-touch-num-contacts', doc: 'Maximum number of simultaneous touch contacts.' },
  { key: 'width', doc: 'Maximum width for the pointer.' },
  { key: 'height', doc: 'Maximum height for the pointer.' },
];

// --------------------------------------------------------------------------------------------- p9

const P9: SpecKeyDoc[] = [
  {
    key: 'tag',
    doc: 'Tag the guest uses to mount the share. Required before 4.19; with `type=xen_9pfsd` it defaults to `Xen`.',
  },
  {
    key: 'security_model',
    values: ['none'],
    doc: 'Only `none` exists: files keep the guest\'s credentials, without squashing or remapping. Required before 4.19.',
  },
  {
    key: 'path',
    doc: 'Directory in the backend domain to export. Required before 4.19; `xen_9pfsd` defaults to the guest\'s directory under the Xen log directory.',
  },
  { key: 'backend', doc: 'Domain providing the 9pfs backend, dom0 by default.' },
  {
    key: 'type',
    values: ['qemu', 'xen_9pfsd'],
    since: '4.19',
    doc: 'Backend implementation: QEMU (default) or the Xen 9pfs daemon.',
  },
  {
    key: 'max-files',
    since: '4.19',
    doc: '`xen_9pfsd` only: maximum number of files below `path`; 0 (default) means unlimited.',
  },
  {
    key: 'max-open-files',
    since: '4.19',
    doc: '`xen_9pfsd` only: maximum number of files open at once (default 5); each open counts separately.',
  },
  {
    key: 'max-space',
    since: '4.19',
    doc: '`xen_9pfsd` only: disk space limit below `path` in MiB; 0 (default) means unlimited.',
  },
  {
    key: 'auto-delete',
    values: ['0', '1'],
    since: '4.19',
    doc: '`xen_9pfsd` only: when a file or space limit is hit, delete the oldest file the guest does not have open.',
  },
];

export const SPEC_KEYS: Record<SpecKeyKind, SpecKeyDoc[]> = {
  disk: DISK,
  vif: VIF,
  pci: PCI,
  vtpm: VTPM,
  channel: CHANNEL,
  vfb: VFB,
  usbctrl: USBCTRL,
  usbdev: USBDEV,
  vkb: VKB,
  p9: P9,
};
