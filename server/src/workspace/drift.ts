// Config drift: what differs between two domU configs (or two hosts' folders of
// them) once formatting, order, spelling of numbers and defaults are set aside,
// ranked by how likely the difference is to explain "works here, fails there".
import { numberRanges } from '../core/text';
import { XlConfig } from '../xl/config';
import { lintXl, type XlAnalysis } from '../xl/lint';
import { parseXl } from '../xl/parser';
import { keySpec } from '../xl/schema';
import type { GuestType, KeySpec, XenVersion } from '../xl/schema/types';
import { parseCpus } from '../xl/specs/cpus';
import { type Disk, parseDisk, vdevNumber } from '../xl/specs/disk';
import type { Rate } from '../xl/specs/rate';
import { parseVif, type Vif } from '../xl/specs/vif';
import { backingOf, describeBacking } from './backing';

export type DriftCategory =
  | 'guest type' | 'memory' | 'disks' | 'network' | 'boot' | 'cpu' | 'device model' | 'passthrough' | 'other' | 'identity';

export interface DriftItem {
  category: DriftCategory;
  /** The setting (or device) that differs, e.g. `memory` or `disk xvdb`. */
  subject: string;
  a?: string;
  b?: string;
}

/**
 * Most likely to matter first, in the order the feature promises: type, memory, disks, vif,
 * kernel (boot), cpu pinning, device model; then PCI and other passthrough, everything else,
 * and the name and UUID (which differ on purpose).
 */
const ORDER: DriftCategory[] = ['guest type', 'memory', 'disks', 'network', 'boot', 'cpu', 'device model', 'passthrough', 'other', 'identity'];

/** Within their category these lead: the issue names the kernel and CPU pinning. */
const LEADS = ['kernel', 'cpus', 'cpus_soft'];

const CATEGORY_KEYS: Partial<Record<DriftCategory, string[]>> = {
  'guest type': ['type', 'builder'],
  memory: ['memory', 'maxmem', 'vnuma', 'shadow_memory'],
  network: ['vif'],
  boot: [
    'kernel', 'ramdisk', 'cmdline', 'extra', 'root', 'bootloader', 'bootloader_args', 'firmware', 'firmware_override',
    'bios', 'bios_path_override', 'boot', 'pvshim', 'pvshim_path', 'pvshim_cmdline', 'pvshim_extra',
  ],
  cpu: ['vcpus', 'maxvcpus', 'cpus', 'cpus_soft', 'cpu_weight', 'cap', 'pool'],
  'device model': [
    'device_model_version', 'device_model_override', 'device_model_args', 'device_model_args_pv', 'device_model_args_hvm',
    'device_model_stubdomain_override', 'device_model_user', 'dm_restrict', 'stubdomain_kernel', 'stubdomain_ramdisk',
    'stubdomain_cmdline', 'stubdomain_memory', 'vga', 'videoram', 'hdtype',
  ],
  passthrough: [
    'pci', 'pci_permissive', 'pci_msitranslate', 'pci_seize', 'pci_power_mgmt', 'gfx_passthru', 'rdm', 'rdm_mem_boundary',
    'dtdev', 'iomem', 'ioports', 'irqs', 'e820_host', 'passthrough',
  ],
  identity: ['name', 'uuid'],
};

const CATEGORY = new Map(Object.entries(CATEGORY_KEYS).flatMap(([c, keys]) => keys.map((k) => [k, c as DriftCategory])));

/** Keys compared through their own logic below, not as plain settings. */
const OWN_LOGIC = new Set(['disk', 'vif', 'cpus', 'cpus_soft', 'type', 'builder', 'memory', 'maxmem', 'maxvcpus', 'stdvga']);

/**
 * Defaults the schema states in words that depend on the guest, the host or other keys; every
 * other key takes the plain value its schema `default` starts with (see plainDefault).
 */
const DEFAULT_OF: Record<string, (an: XlAnalysis) => string | undefined> = {
  // "1 when the hardware supports it": every host that runs HVM/PVH guests today has HAP
  hap: () => '1',
  // "1 on x86, 0 on Arm": xenops checks x86 configs
  acpi: () => '1',
  // libxl's unset value is "cda" and the man page says "cd": the same, as xl attaches no floppy (a)
  boot: () => 'cd',
  pool: () => 'Pool-0',
  pvshim_extra: () => '',
  altp2m_count: () => '10',
  vnc: (an) => (an.ctx.guest.type === 'hvm' ? '1' : '0'),
  vga: (an) => vgaOf(an),
  videoram: (an) => ({ cirrus: '8', stdvga: '16', qxl: '128' } as Record<string, string>)[vgaOf(an)],
  serial: (an) => (booleanOf(an, 'nographic') === '1' ? 'stdio' : 'vc'),
  e820_host: (an) => (an.ctx.cfg.list('pci')?.length ? '1' : '0'),
};

/** Spellings xl treats alike. */
const SAME_AS: Record<string, (value: string) => string> = {
  boot: (v) => (v === 'cda' ? 'cd' : v),
  uuid: (v) => v.toLowerCase(),
};

/** Keys compared as part of another (`stdvga = 1` is `vga = "stdvga"`). */
const ALSO_SETS: Record<string, string> = { stdvga: 'vga' };

/** A table entry for a config key; keys such as `constructor` must not find Object's. */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Keys whose one-item list is the same as the single string (xl accepts both). */
const ONE_ITEM_LISTS = new Set(['serial', 'usbdevice']);

export function diffConfigs(aText: string, bText: string, version?: XenVersion): DriftItem[] {
  const a = lintXl(aText, { version });
  const b = lintXl(bText, { version });
  const items: DriftItem[] = [];
  const push = (category: DriftCategory, subject: string, x?: string, y?: string) => {
    if (x !== y) items.push({ category, subject, a: x, b: y });
  };
  push('guest type', 'type', a.ctx.guest.type ?? a.ctx.cfg.string('type'), b.ctx.guest.type ?? b.ctx.cfg.string('type'));
  push('memory', 'memory', memory(a).memory, memory(b).memory);
  push('memory', 'maxmem', memory(a).maxmem, memory(b).maxmem);
  // maxvcpus defaults to vcpus: only worth a line when one side sets it
  if (a.ctx.cfg.has('maxvcpus') || b.ctx.cfg.has('maxvcpus')) {
    push('cpu', 'maxvcpus', scalar(a, 'maxvcpus') ?? scalar(a, 'vcpus') ?? '1', scalar(b, 'maxvcpus') ?? scalar(b, 'vcpus') ?? '1');
  }
  for (const key of settingKeys(a, b)) items.push(...compareSetting(a, b, key));
  for (const key of ['cpus', 'cpus_soft']) push('cpu', key, cpuSet(a, key), cpuSet(b, key));
  compareDevices(items, 'disk', disks(a), disks(b));
  compareDevices(items, 'vif', vifs(a), vifs(b));
  return rank(items);
}

export function rank(items: DriftItem[]): DriftItem[] {
  return items.sort((x, y) =>
    ORDER.indexOf(x.category) - ORDER.indexOf(y.category) ||
    lead(x.subject) - lead(y.subject) ||
    x.subject.localeCompare(y.subject, 'en', { numeric: true }));
}

function lead(subject: string): number {
  const i = LEADS.indexOf(subject);
  return i < 0 ? LEADS.length : i;
}

/** The keys set in either config (and the keys they decide), in a stable order. */
function settingKeys(a: XlAnalysis, b: XlAnalysis): string[] {
  const keys = new Set<string>();
  for (const key of [...a.ctx.cfg.settings.keys(), ...b.ctx.cfg.settings.keys()]) {
    keys.add(key);
    const also = own(ALSO_SETS, key);
    if (also) keys.add(also);
  }
  return [...keys].filter((k) => !OWN_LOGIC.has(k)).sort();
}

function compareSetting(a: XlAnalysis, b: XlAnalysis, key: string): DriftItem[] {
  const x = effective(a, key);
  const y = effective(b, key);
  if (x.value === y.value) return [];
  return [{ category: CATEGORY.get(key) ?? 'other', subject: key, a: x.shown, b: y.shown }];
}

/**
 * What a key amounts to for xl: the value as xl reads it, or the default when the key is
 * absent (so `hap = 1` equals no `hap`), or nothing when xl does not read the key for
 * this guest type. `shown` is what the report prints.
 */
function effective(an: XlAnalysis, key: string): { value?: string; shown?: string } {
  const spec = keySpec(key);
  const guest = an.ctx.guest.type;
  const value = canonical(an, key, spec);
  if (spec?.guests && guest && !spec.guests.includes(guest)) {
    // set or not, the build of this guest type never looks at it
    return { shown: value === undefined ? undefined : `${value} (not read for ${guest.toUpperCase()} guests)` };
  }
  if (value !== undefined) return { value, shown: value };
  const compute = own(DEFAULT_OF, key);
  const dflt = compute ? compute(an) : plainDefault(spec);
  return dflt === undefined ? {} : { value: dflt, shown: `${dflt} (default)` };
}

/** The value as xl reads it for the key's type: numbers in decimal, booleans 0/1, enums by name. */
function canonical(an: XlAnalysis, key: string, spec: KeySpec | undefined): string | undefined {
  const s = an.ctx.cfg.get(key);
  if (!s) return undefined;
  if (Array.isArray(s.value)) return listValue(key, s.value, spec);
  const n = an.ctx.cfg.long(key);
  const num = n.ok ? n.value : undefined;
  const text = spec?.caseInsensitive ? s.value.toLowerCase() : s.value;
  switch (spec?.type) {
    case 'string':
    case 'string-or-list':
    case 'enum':
      return own(SAME_AS, key)?.(text) ?? text;
    case 'boolean':
    case 'boolean-or-enum':
      return num === undefined ? text : num ? '1' : '0';
    case 'boolean-or-list':
      // viridian = 1 is the list ["defaults"]
      return num === undefined ? text : num ? (key === 'viridian' ? '["defaults"]' : '1') : '0';
    case 'integer-or-enum':
      // the deprecated integer form counts the enum's values in order
      return num === undefined ? text : (spec.values?.[Number(num)] ?? String(num));
    default:
      return num === undefined ? text : String(num);
  }
}

function listValue(key: string, items: unknown[], spec: KeySpec | undefined): string | undefined {
  if (!items.length && spec?.type === 'list') return undefined; // an empty device list adds nothing
  if (ONE_ITEM_LISTS.has(key) && items.length === 1 && typeof items[0] === 'string') return items[0];
  return JSON.stringify(items);
}

/**
 * A schema default that is a plain value: a number or a quoted string, possibly followed by
 * an explanation in brackets (`0 (no cap)`, `"ide"`), or a bare enum value (`destroy`).
 * Defaults in words ("xl.conf setting, …") give undefined: the key only equals itself.
 */
function plainDefault(spec: KeySpec | undefined): string | undefined {
  const d = spec?.default;
  if (d === undefined) return undefined;
  const m = /^(?:"([^"]*)"|(0x[0-9a-f]+|\d+))(?: \([^)]*\))?$/.exec(d);
  if (m) return m[1] ?? String(BigInt(m[2]));
  return spec?.type === 'enum' && spec.values?.includes(d) ? d : undefined;
}

/** The VGA card: `vga`, else `stdvga = 1`, else cirrus. */
function vgaOf(an: XlAnalysis): string {
  return an.ctx.cfg.string('vga') ?? (booleanOf(an, 'stdvga') === '1' ? 'stdvga' : 'cirrus');
}

function booleanOf(an: XlAnalysis, key: string): string | undefined {
  const n = an.ctx.cfg.long(key);
  return n.ok ? (n.value ? '1' : '0') : undefined;
}

/** A value as xl reads it: numbers in decimal, lists as their items. */
function scalar(an: XlAnalysis, key: string): string | undefined {
  const s = an.ctx.cfg.get(key);
  if (!s) return undefined;
  if (typeof s.value !== 'string') return JSON.stringify(s.value);
  const n = an.ctx.cfg.long(key);
  return n.ok ? String(n.value) : s.value;
}

function memory(an: XlAnalysis): { memory: string; maxmem: string } {
  const m = scalar(an, 'memory');
  const x = scalar(an, 'maxmem');
  const memory = m ?? x ?? '32';
  return { memory, maxmem: x ?? memory };
}

function cpuSet(an: XlAnalysis, key: string): string | undefined {
  const s = an.ctx.cfg.get(key);
  if (!s) return undefined;
  const items = typeof s.value === 'string' ? [s.value] : s.value.filter((v): v is string => typeof v === 'string');
  return items.map((item) => {
    const r = parseCpus(item).value;
    if (!r) return item;
    const parts = [r.all ? 'all' : numberRanges([...new Set(r.include)])];
    if (r.exclude.length) parts.push(`^${numberRanges([...new Set(r.exclude)])}`);
    if (r.nodes.length) parts.push(`nodes:${numberRanges([...new Set(r.nodes)])}`);
    return parts.filter(Boolean).join(',');
  }).join(' | ');
}

function stringsOf(an: XlAnalysis, key: string): string[] {
  const v = an.ctx.cfg.list(key) ?? [];
  return v.filter((x): x is string => typeof x === 'string');
}

/** A device as the report names it (`vdev`) and what it amounts to, fields at their defaults left out. */
interface Device {
  name: string;
  text: string;
}

/**
 * Disks by the device number libxl gives their vdev (libxl__device_disk_dev_number), so
 * `xvda` and `51712` are one disk; `hda` is another device (IDE), as it is to libxl.
 */
function disks(an: XlAnalysis): Map<string, Device> {
  const out = new Map<string, Device>();
  for (const spec of stringsOf(an, 'disk')) {
    const d = parseDisk(spec, an.ctx.version).value;
    if (!d) {
      out.set(`(unparsable) ${spec}`, { name: `(unparsable) ${spec}`, text: `${spec} (xl rejects it)` });
      continue;
    }
    const id = String(vdevNumber(d.vdev) ?? d.vdev);
    // a second disk on the same device is an xl error of its own: keep both visible
    out.set(out.has(id) ? `${id}#${out.size}` : id, { name: d.vdev, text: describeDisk(d) });
  }
  return out;
}

/** What matters about a disk: its backing (`/dev/mapper/vg-lv` is `/dev/vg/lv`), format, access, and options not at their defaults. */
function describeDisk(d: Disk): string {
  const b = d.target ? backingOf(d.target, d.script) : undefined;
  const bits = [b ? describeBacking(b) : d.target || '(empty)', d.format, d.readwrite ? 'rw' : 'ro'];
  const backend = driverDomain(d.backend);
  if (d.cdrom) bits.push('cdrom');
  // no backendtype means auto (phy, qdisk, tap, standalone — the first that fits)
  if (d.backendtype) bits.push(`backendtype=${d.backendtype}`);
  if (backend) bits.push(`backend=${backend}`);
  if (d.script) bits.push(`script=${scriptName(d.script)}`);
  if (d.specification === 'virtio') bits.push('specification=virtio');
  if (d.directIoSafe) bits.push('direct-io-safe');
  if (d.discard === false) bits.push('no-discard');
  if (d.trusted === false) bits.push('untrusted');
  if (d.grantUsage !== undefined && d.grantUsage !== !!backend) bits.push(`grant_usage=${d.grantUsage ? 1 : 0}`);
  if (d.colo) bits.push(...coloBits(d));
  return bits.join(', ');
}

function coloBits(d: Disk): string[] {
  const fields: Array<[string, unknown]> = [
    ['colo-host', d.coloHost], ['colo-port', d.coloPort], ['colo-export', d.coloExport],
    ['active-disk', d.activeDisk], ['hidden-disk', d.hiddenDisk],
  ];
  return ['colo', ...fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`)];
}

/** vifs by devid (their position unless `devid=` says otherwise). */
function vifs(an: XlAnalysis): Map<string, Device> {
  const out = new Map<string, Device>();
  const guest = an.ctx.guest.type;
  stringsOf(an, 'vif').forEach((spec, i) => {
    const v = parseVif(spec, guest, an.ctx.version).value;
    const id = String(v?.devid ?? i);
    // a vif xl exits on (a bad rate, devid or mtu) still stands in its place; two vifs on one
    // devid are an error of their own: keep both visible, as for disks
    out.set(out.has(id) ? `${id}#${out.size}` : id, { name: id, text: v ? describeVif(v, guest) : `${spec} (xl rejects it)` });
  });
  return out;
}

/** What matters about a vif, with xl's and libxl's defaults filled in or left out. */
function describeVif(v: Vif, guest: GuestType | undefined): string {
  const bits = [`mac=${v.mac ?? 'random'}`, `bridge=${v.bridge ?? 'xenbr0'}`];
  bits.push(...nicModel(v, guest));
  if (scriptName(v.script ?? 'vif-bridge') !== 'vif-bridge') bits.push(`script=${scriptName(v.script!)}`);
  const backend = driverDomain(v.backend);
  if (backend) bits.push(`backend=${backend}`);
  for (const key of ['gatewaydev', 'vifname', 'ip', 'mtu', 'vlan'] as const) {
    if (v[key] !== undefined) bits.push(`${key}=${v[key]}`);
  }
  if (v.rate) bits.push(`rate=${rateText(v.rate)}`);
  if (v.trusted === false) bits.push('untrusted');
  for (const key of Object.keys(v.colo).sort()) bits.push(`${key}=${v.colo[key]}`);
  return bits.join(', ');
}

/**
 * The NIC the guest sees. HVM: an emulated `ioemu` NIC (model rtl8139) unless type=vif.
 * PV/PVH: always a PV vif; `type=ioemu` there makes libxl refuse the domain, so it shows.
 */
function nicModel(v: Vif, guest: GuestType | undefined): string[] {
  if (guest !== 'hvm') return v.type === 'ioemu' ? ['type=ioemu'] : [];
  if (v.type === 'vif') return ['type=vif'];
  const model = v.model ?? 'rtl8139';
  return model === 'rtl8139' ? [] : [`model=${model}`];
}

/** The rate as bytes per second, with the interval when it is not libxl's 50 ms. */
function rateText(r: Rate): string {
  const perSecond = (r.bytesPerInterval * 1000000n) / BigInt(Math.max(r.intervalUsecs, 1));
  return r.intervalUsecs === 50000 ? `${perSecond}B/s` : `${perSecond}B/s@${r.intervalUsecs}us`;
}

/** A relative hotplug script is looked up in the Xen script directory (/etc/xen/scripts). */
function scriptName(script: string): string {
  return script.replace(/^\/etc\/xen\/scripts\//, '');
}

/** The driver domain of a device; dom0 (the default) as undefined. */
function driverDomain(backend: string | undefined): string | undefined {
  return backend === undefined || backend === '0' || backend === 'Domain-0' ? undefined : backend;
}

function compareDevices(items: DriftItem[], kind: 'disk' | 'vif', a: Map<string, Device>, b: Map<string, Device>): void {
  const category: DriftCategory = kind === 'disk' ? 'disks' : 'network';
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id);
    const y = b.get(id);
    if (x?.text === y?.text) continue;
    // the same device may be spelt differently on each side (xvda / 51712)
    const name = x && y && x.name !== y.name ? `${x.name} / ${y.name}` : (x ?? y)!.name;
    items.push({ category, subject: `${kind} ${name}`, a: x?.text, b: y?.text });
  }
}

/** Human-readable report, most likely culprits first. */
export function formatDrift(items: DriftItem[], aName: string, bName: string): string {
  if (!items.length) return `No differences that matter between ${aName} and ${bName}.\n`;
  const lines = [`Differences between ${aName} (A) and ${bName} (B), most likely to matter first:`, ''];
  items.forEach((d, i) => {
    lines.push(`${String(i + 1).padStart(3)}. [${d.category}] ${d.subject}`);
    lines.push(`       A: ${d.a ?? '(not set)'}`);
    lines.push(`       B: ${d.b ?? '(not set)'}`);
  });
  return lines.join('\n') + '\n';
}

// ------------------------------------------------------------------ two hosts' folders

/** One domU config of a host folder. */
export interface DomainFile {
  file: string;
  text: string;
}

/** A domain of either folder: its config on each side (a file path), and their drift. */
export interface DomainPair {
  domain: string;
  a?: string;
  b?: string;
  items: DriftItem[];
  /** A second config of this domain on one host (the domain's own is paired): not compared. */
  second?: string;
}

/** The domain a config defines: its `name`, else the file name without extension. */
export function domainName(file: string, text: string): string {
  const name = new XlConfig(parseXl(text)).string('name');
  return name || baseName(file);
}

/** Pairs two hosts' configs by domain name; a domain on one side only gets a pair with no items. */
export function pairDomains(left: DomainFile[], right: DomainFile[], version?: XenVersion): DomainPair[] {
  const l = byDomain(left);
  const r = byDomain(right);
  const names = [...new Set([...l.keys(), ...r.keys()])].sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  return names.map((domain) => {
    const x = l.get(domain);
    const y = r.get(domain);
    const second = x?.second ?? y?.second;
    return { domain, a: x?.file, b: y?.file, items: x && y ? diffConfigs(x.text, y.text, version) : [], ...(second ? { second } : {}) };
  });
}

function byDomain(files: DomainFile[]): Map<string, DomainFile & { second?: string }> {
  const out = new Map<string, DomainFile & { second?: string }>();
  const named = files.map((f) => ({ f, name: domainName(f.file, f.text) }));
  // two configs of one domain on a host: pair the one named after it (web01.cfg, not
  // web01-old.cfg), else the first, and list the other on its own
  const own = ({ f, name }: { f: DomainFile; name: string }) => baseName(f.file) === name;
  for (const { f, name } of [...named.filter(own), ...named.filter((n) => !own(n))]) {
    out.set(out.has(name) ? `${name} (${f.file})` : name, out.has(name) ? { ...f, second: name } : f);
  }
  return out;
}

function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '');
}

/** Whether anything differs: drift in a pair, or a domain on one side only. */
export function pairsDiffer(pairs: DomainPair[]): boolean {
  return pairs.some((p) => p.items.length || !p.a || !p.b);
}

/** The report of every pair; `label` names a config file, `aName`/`bName` the two sides. */
export function formatPairs(pairs: DomainPair[], aName: string, bName: string, label: (file: string) => string = (f) => f): string {
  return pairs.map((p) => {
    if (p.second) return `${p.second}: a second config on ${p.a ? aName : bName} (${label((p.a ?? p.b)!)}), not compared\n`;
    if (!p.a) return `${p.domain}: only in ${bName} (${label(p.b!)})\n`;
    if (!p.b) return `${p.domain}: only in ${aName} (${label(p.a)})\n`;
    return formatDrift(p.items, label(p.a), label(p.b));
  }).join('\n');
}
