// Config drift: what differs between two domU configs (or two hosts' folders of
// them) once formatting, order, spelling of numbers and defaults are set aside,
// ranked by how likely the difference is to explain "works here, fails there".
import { lintXl, type XlAnalysis } from '../xl/lint';
import type { XenVersion } from '../xl/schema/types';
import { parseCpus } from '../xl/specs/cpus';
import { parseDisk } from '../xl/specs/disk';
import { parseVif } from '../xl/specs/vif';
import { numberRanges } from '../core/text';
import { backingOf, describeBacking } from './backing';

export type DriftCategory = 'guest type' | 'memory' | 'boot' | 'disks' | 'device model' | 'network' | 'cpu' | 'other' | 'identity';

export interface DriftItem {
  category: DriftCategory;
  /** The setting (or device) that differs, e.g. `memory` or `disk xvdb`. */
  subject: string;
  a?: string;
  b?: string;
}

const WEIGHT: Record<DriftCategory, number> = {
  'guest type': 100, memory: 80, boot: 70, disks: 70, 'device model': 60, network: 50, cpu: 40, other: 10, identity: 1,
};

const CATEGORY: Record<string, DriftCategory> = {
  type: 'guest type', builder: 'guest type',
  memory: 'memory', maxmem: 'memory', vnuma: 'memory', shadow_memory: 'memory',
  kernel: 'boot', ramdisk: 'boot', cmdline: 'boot', extra: 'boot', root: 'boot', bootloader: 'boot', bootloader_args: 'boot',
  firmware: 'boot', bios: 'boot', boot: 'boot', pvshim: 'boot',
  device_model_version: 'device model', device_model_override: 'device model', device_model_args: 'device model',
  device_model_stubdomain_override: 'device model', vga: 'device model', videoram: 'device model', hdtype: 'device model',
  vcpus: 'cpu', maxvcpus: 'cpu', cpus: 'cpu', cpus_soft: 'cpu', cpu_weight: 'cpu', cap: 'cpu', pool: 'cpu',
  vif: 'network', pci: 'network',
  name: 'identity', uuid: 'identity',
};

/** Values xl uses when a key is absent, so that absent and explicit default compare equal. */
const DEFAULTS: Record<string, string> = {
  on_poweroff: 'destroy', on_reboot: 'restart', on_crash: 'destroy', on_watchdog: 'destroy', on_soft_reset: 'soft-reset',
  vcpus: '1', device_model_version: 'qemu-xen', cap: '0', cpu_weight: '256', localtime: '0', nomigrate: '0', acpi: '1',
};

/** Keys compared through their own logic below. */
const DEVICE_KEYS = new Set(['disk', 'vif', 'cpus', 'cpus_soft', 'type', 'builder', 'memory', 'maxmem', 'maxvcpus']);

export function diffConfigs(aText: string, bText: string, version?: XenVersion): DriftItem[] {
  const a = lintXl(aText, { version });
  const b = lintXl(bText, { version });
  const items: DriftItem[] = [];
  const push = (category: DriftCategory, subject: string, x?: string, y?: string) => {
    if (x !== y) items.push({ category, subject, a: x, b: y });
  };
  push('guest type', 'type', a.ctx.guest.type, b.ctx.guest.type);
  push('memory', 'memory', memory(a).memory, memory(b).memory);
  push('memory', 'maxmem', memory(a).maxmem, memory(b).maxmem);
  // maxvcpus defaults to vcpus: only worth a line when one side sets it
  if (a.ctx.cfg.has('maxvcpus') || b.ctx.cfg.has('maxvcpus')) {
    push('cpu', 'maxvcpus', scalar(a, 'maxvcpus') ?? scalar(a, 'vcpus') ?? '1', scalar(b, 'maxvcpus') ?? scalar(b, 'vcpus') ?? '1');
  }
  for (const key of new Set([...a.ctx.cfg.settings.keys(), ...b.ctx.cfg.settings.keys()])) {
    if (DEVICE_KEYS.has(key)) continue;
    push(CATEGORY[key] ?? 'other', key, scalar(a, key) ?? DEFAULTS[key], scalar(b, key) ?? DEFAULTS[key]);
  }
  for (const key of ['cpus', 'cpus_soft']) push('cpu', key, cpuSet(a, key), cpuSet(b, key));
  compareDevices(items, 'disk', disks(a), disks(b));
  compareDevices(items, 'vif', vifs(a), vifs(b));
  return rank(items);
}

export function rank(items: DriftItem[]): DriftItem[] {
  return items.sort((x, y) => WEIGHT[y.category] - WEIGHT[x.category] || x.subject.localeCompare(y.subject));
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

/** Disks by virtual device, each described by what matters (backing device, format, access, type, backend). */
function disks(an: XlAnalysis): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of stringsOf(an, 'disk')) {
    const d = parseDisk(spec, an.ctx.version).value;
    if (!d) {
      out.set(`(unparsable) ${spec}`, spec);
      continue;
    }
    const b = d.target ? backingOf(d.target, d.script) : undefined;
    const bits = [b ? describeBacking(b) : d.target || '(empty)', d.format, d.readwrite ? 'rw' : 'ro'];
    if (d.cdrom) bits.push('cdrom');
    if (d.backendtype) bits.push(`backendtype=${d.backendtype}`);
    if (d.script) bits.push(`script=${d.script}`);
    out.set(d.vdev, bits.join(', '));
  }
  return out;
}

/** vifs by position (devid), described by MAC, bridge, model, type, rate and script. */
function vifs(an: XlAnalysis): Map<string, string> {
  const out = new Map<string, string>();
  stringsOf(an, 'vif').forEach((spec, i) => {
    const v = parseVif(spec, an.ctx.guest.type, an.ctx.version).value;
    if (!v) return;
    const bits = [`mac=${v.mac ?? 'random'}`, `bridge=${v.bridge ?? 'xenbr0'}`];
    if (v.model) bits.push(`model=${v.model}`);
    if (v.type) bits.push(`type=${v.type}`);
    if (v.rate) bits.push(`rate=${spec.match(/rate=([^,]*)/)?.[1] ?? ''}`);
    if (v.script) bits.push(`script=${v.script}`);
    out.set(String(v.devid ?? i), bits.join(', '));
  });
  return out;
}

function compareDevices(items: DriftItem[], kind: 'disk' | 'vif', a: Map<string, string>, b: Map<string, string>): void {
  const category: DriftCategory = kind === 'disk' ? 'disks' : 'network';
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(id) !== b.get(id)) items.push({ category, subject: `${kind} ${id}`, a: a.get(id), b: b.get(id) });
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
