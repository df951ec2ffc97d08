// Deterministic generators of xl configs and disk specs for differential and fuzz tests.

/** A small seeded PRNG (mulberry32) so every run tests the same inputs. */
export class Random {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const KEYS = ['name', 'memory', 'maxmem', 'vcpus', 'type', 'disk', 'vif', 'kernel', 'cpus', 'on_crash', 'a', 'b.c', 'x_1', 'vif.default.bridge'];
const BAD_KEYS = ['Memory', '1a', 'on-crash', 'a-b', 'ÄB', '_x'];
const NUMBERS = ['0', '1', '512', '0400', '08', '0x1f', '0xFF', '1_000', '9223372036854775807', '9223372036854775808', '0x', '00', '1e5', '12abc'];
const STRINGS = [
  '"hvm"', "'pv'", '"2048"', '" 42"', '"-3600"', '"+7"', '""', "''", '"a\\"b"', '"q\\101z"', '"\\12z"', '"\\x41"', '"\\q"',
  '"tab\\there"', '"a\\\\b"', '"phy:/dev/vg/lv,xvda,w"', '"0x10"', '"  "', '"é"', '"a\'b"', "'a\"b'", '"\\n"', '"\\1  5"',
];
const JUNK = ['+', '-', '.', '(', ')', ':', '#', '\\', '{', '$', 'M', 'True', '\r', '\t', '  ', '@', '"', "'", '%'];

function atom(r: Random): string {
  return r.chance(0.5) ? r.pick(NUMBERS) : r.pick(STRINGS);
}

function value(r: Random, depth = 0): string {
  if (depth < 3 && r.chance(0.35)) {
    const n = r.int(4);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(value(r, depth + 1) + (r.chance(0.2) ? '\n' : '') + (r.chance(0.1) ? ' # c\n' : ''));
    return `[${r.chance(0.3) ? '\n' : ' '}${parts.join(r.chance(0.9) ? ', ' : ',\n')}${r.chance(0.3) ? ',' : ''} ]`;
  }
  return atom(r);
}

function statement(r: Random): string {
  const roll = r.next();
  if (roll < 0.06) return `# ${r.pick(KEYS)} comment`;
  if (roll < 0.1) return '';
  const key = r.chance(0.08) ? r.pick(BAD_KEYS) : r.pick(KEYS);
  const op = r.chance(0.15) ? '+=' : r.chance(0.05) ? '==' : '=';
  const sp = () => r.pick(['', ' ', '  ', '\t']);
  let v = r.chance(0.03) ? '' : value(r);
  if (r.chance(0.08)) v += r.pick(JUNK);
  if (r.chance(0.05)) v += ' ' + atom(r);
  return `${key}${sp()}${op}${sp()}${v}${r.chance(0.1) ? ' # trailing' : ''}`;
}

/** A random config built from plausible and implausible statements. */
export function randomConfig(r: Random): string {
  const n = 1 + r.int(8);
  let out = '';
  for (let i = 0; i < n; i++) {
    out += statement(r);
    out += r.chance(0.1) ? ';' : r.chance(0.03) ? '\r\n' : '\n';
  }
  if (r.chance(0.2)) out = out.replace(/\n$/, '');
  return out;
}

/** A random small edit of `text`: the mutations people and tools make to configs. */
export function mutate(r: Random, text: string): string {
  const pos = r.int(text.length + 1);
  switch (r.int(7)) {
    case 0:
      return text.slice(0, pos) + text.slice(pos + 1);
    case 1:
      return text.slice(0, pos) + r.pick(JUNK) + text.slice(pos);
    case 2:
      return text.slice(0, pos) + r.pick(['"', "'", '[', ']', ',', '=', ';', '\n', ' ', '+=']) + text.slice(pos);
    case 3:
      return text.slice(0, pos);
    case 4: {
      const lines = text.split('\n');
      const i = r.int(lines.length);
      lines.splice(i, 0, lines[r.int(lines.length)]);
      return lines.join('\n');
    }
    case 5:
      return text.replace(/\n/g, r.chance(0.5) ? '\r\n' : '\n');
    default:
      return text.slice(0, pos) + atom(r) + text.slice(pos);
  }
}

const TARGETS = ['/dev/vg/lv', 'phy:/dev/vg0/web', 'file:/var/img/x.img', '/img.qcow2', '', 'vg/lv', '/dev/disk/by-id/a b', 'nbd:host:1234', 'iscsi:iqn.x', 'tap:aio:/img', 'tap:qcow2:/i.q2', 'raw:/x', 'foo:/dev/x', 'drbd:res0', 'ioemu:hda'];
const FORMATS = ['', 'raw', 'qcow', 'qcow2', 'vhd', 'qed', 'empty', 'qcow3', 'RAW'];
const VDEVS = ['xvda', 'hda', 'hdc:cdrom', 'sdb', 'xvda1', 'hdd:disk', 'xvdz:floppy', '', 'ioemu:hda', 'd0p1', '51712'];
const ACCESS = ['', 'r', 'ro', 'w', 'rw', 'w!', 'x'];
const FLAGS = ['cdrom', 'devtype=cdrom', 'devtype=disk', 'devtype=floppy', 'direct-io-safe', 'discard', 'no-discard', 'colo', 'no-colo',
  'trusted', 'untrusted', 'backendtype=phy', 'backendtype=qdisk', 'backendtype=tap', 'backendtype=blah', 'backend=dd0',
  'specification=xen', 'specification=virtio', 'script=block-x', 'colo-port=9000', 'colo-port=abc', 'colo-host=h', 'bogus=1', 'bogus=',
  'grant_usage=1', 'access=ro', 'access=w', 'format=qcow2', 'format=raw', 'vdev=xvdb', 'Vdev=x', '=x', ' '];

/** A random disk spec mixing positional, key=value and legacy prefix forms. */
export function randomDiskSpec(r: Random): string {
  const parts: string[] = [];
  if (r.chance(0.7)) {
    parts.push(r.pick(TARGETS));
    if (r.chance(0.8)) parts.push(r.pick(FORMATS));
    if (r.chance(0.9)) parts.push(r.pick(VDEVS));
    if (r.chance(0.7)) parts.push(r.pick(ACCESS));
    if (r.chance(0.1)) parts.push('extra');
  }
  const flags = r.int(3);
  for (let i = 0; i < flags; i++) parts.splice(r.int(parts.length + 1), 0, r.pick(FLAGS));
  if (r.chance(0.25)) parts.push('target=' + r.pick(TARGETS));
  const sep = () => r.pick([',', ',', ', ', ' ,']);
  let s = parts.reduce((acc, p, i) => (i === 0 ? p : acc + sep() + p), '');
  if (r.chance(0.1)) s += ',';
  return s;
}

const RATE_NUMBERS = ['1', '10', '250', '0', '00', '08', '010', '0189', '017', '4294967295', '4294967296', '5000000000', '99999999999999999999', '18446744073709551615', ' 1', '+1', '-1', '0x10', '1.5', ''];
const RATE_UNITS = ['', '', 'K', 'M', 'G', 'k', 'm', 'T', 'KK'];
const RATE_SIZES = ['B', 'b', 'B', 'b', 'bit', ''];
const RATE_PER = ['/s', '/s', '/s', '/S', '/', 's', '/sec', '', '/s '];
const INTERVAL_UNITS = ['', 's', 'ms', 'us', 'm', 'u', 'ms', 'us', 'mss', 'sec', 'h', 'µs', ' ms'];

function rateNumber(r: Random): string {
  if (r.chance(0.5)) return r.pick(RATE_NUMBERS);
  let n = r.chance(0.15) ? '0' : '';
  const len = 1 + r.int(r.chance(0.1) ? 14 : 6);
  for (let i = 0; i < len; i++) n += String(r.int(10));
  return n;
}

/** A random vif `rate=` value: RATE/s[@INTERVAL] with plausible and implausible parts. */
export function randomRate(r: Random): string {
  let s = r.chance(0.05) ? '' : rateNumber(r) + r.pick(RATE_UNITS) + r.pick(RATE_SIZES) + r.pick(RATE_PER);
  if (r.chance(0.5)) s += '@' + rateNumber(r) + r.pick(INTERVAL_UNITS);
  if (r.chance(0.05)) s += '@' + rateNumber(r);
  return r.chance(0.15) ? mutate(r, s) : s;
}

const PCI_DOMAINS = ['', '', '0000:', '0:', 'ffff:', '10000:', ' 0:', '0x1:', '-0:', 'g:', '00000000000000000001:'];
const PCI_BUSES = ['00', '01', 'ff', '100', '0x1', ' 1', '+1', '-0', '-1', 'zz', '', '0X'];
const PCI_DEVS = ['00', '1f', '02', '20', '0x1f', ' 2', '-1', '', '0x'];
const PCI_FUNCS = ['0', '7', '1', '8', '*', '0x7', '-0', ' 1', '*x', '', 'a', '0x', '0xg', '100000000'];
const PCI_SLOTS = ['0', '1f', '3', '20', '0x3', '-0', ' 4', '', 'g', '3x'];
const PCI_OPTIONS = [
  'permissive=1', 'permissive=0', 'permissive=yes', 'permissive=4294967296', 'permissive= -2', 'msitranslate=0', 'msitranslate=1',
  'seize=1', 'power_mgmt=1', 'power_mgmt=99999999999999999999', 'rdm_policy=strict', 'rdm_policy=RELAXED', 'rdm_policy=invalid',
  'rdm_policy=', 'rdm_policy=bad', 'name=gpu0', 'name=', 'vslot=3', 'vslot=20', 'vslot=3x', 'vslot=', 'bdf=01:00.0',
  'bdf=0000:02:00.1zz', 'bdf=1:2', 'bdf=1:2.*', 'bdf=', 'foo=1', '=x', 'bogus', 'Permissive=1', 'seize',
];

/** A random PCI_SPEC_STRING: an optional positional BDF[@VSLOT], then options. */
export function randomPciSpec(r: Random): string {
  const parts: string[] = [];
  if (r.chance(0.75)) {
    const sep = r.chance(0.9) ? '.' : r.pick([':', '', ',']);
    let bdf = r.pick(PCI_DOMAINS) + r.pick(PCI_BUSES) + ':' + r.pick(PCI_DEVS) + sep + r.pick(PCI_FUNCS);
    if (r.chance(0.25)) bdf += '@' + r.pick(PCI_SLOTS);
    parts.push(bdf);
  }
  const n = r.int(4);
  for (let i = 0; i < n; i++) parts.push(r.pick(PCI_OPTIONS));
  let s = parts.join(r.chance(0.9) ? ',' : r.pick([', ', ',,', ' ,']));
  if (r.chance(0.05)) s += ',';
  return r.chance(0.15) ? mutate(r, s) : s;
}
