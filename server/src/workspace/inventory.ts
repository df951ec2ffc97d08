// The host inventory, `xenops.yaml` at a workspace folder's root: which domU
// configs run on which host, and what each host has. Parsed with positions and
// checked against a small schema (the same table drives hover and completion).
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { Finding } from '../core/findings';
import { suggest } from '../core/text';
import { parseCpus } from '../xl/specs/cpus';

export interface Span {
  start: number;
  end: number;
}

export interface Located<T> {
  value: T;
  span: Span;
}

export interface HostSpec {
  name: string;
  span: Span;
  memory?: Located<number>;
  dom0Memory?: Located<number>;
  cpus?: Located<number>;
  domains: Array<Located<string>>;
  /** The CPUs of each NUMA node. */
  numa?: Array<Located<number[]>>;
  lvmReport?: Located<string>;
  /** A copy of the host's /etc holding lvm/lvm.conf, lvm/lvmlocal.conf, sanlock/sanlock.conf, dlm/dlm.conf. */
  etc?: Located<string>;
  autoextendThreshold?: Located<number>;
}

export interface Inventory {
  file: string;
  dir: string;
  text: string;
  hosts: HostSpec[];
  findings: Finding[];
}

export interface InventoryKey {
  key: string;
  type: 'integer' | 'string' | 'globs' | 'cpu-ranges';
  min?: number;
  max?: number;
  unit?: string;
  example: string;
  doc: string;
}

export const INVENTORY_FILE = 'xenops.yaml';

export const HOST_KEYS: InventoryKey[] = [
  { key: 'memory', type: 'integer', min: 1, unit: 'MiB', example: '16384', doc: 'RAM of the host in MiB. With it, xenops checks that the guests\' `maxmem` (or `memory`) fits in what dom0 leaves.' },
  { key: 'dom0_memory', type: 'integer', min: 0, unit: 'MiB', example: '2048', doc: 'MiB kept by dom0 (its `dom0_mem=` on the Xen command line). Guests share the rest.' },
  { key: 'cpus', type: 'integer', min: 1, example: '8', doc: 'Physical CPUs of the host (ids 0 to cpus-1). Pinning (`cpus`, `cpus_soft`) to other ids is reported.' },
  { key: 'domains', type: 'globs', example: '[ "xen01/*.cfg" ]', doc: 'Globs, relative to this file, matching the domU configs that run on this host.' },
  { key: 'numa', type: 'cpu-ranges', example: '[ "0-3", "4-7" ]', doc: 'The CPUs of each NUMA node, in node order, e.g. `[ "0-3", "4-7" ]`. Enables the NUMA placement checks.' },
  { key: 'lvm_report', type: 'string', example: '"xen01/lvs.json"', doc: 'Path, relative to this file, of `lvs --reportformat json --units m -o lv_name,vg_name,lv_size,lv_attr,pool_lv,data_percent` output (optionally followed by `vgs --reportformat json --units m`). Enables the vbd over-provisioning checks.' },
  { key: 'etc', type: 'string', example: '"xen01/etc"', doc: 'Path, relative to this file, of a copy of the host\'s /etc (for example from a support bundle): its `lvm/lvm.conf`, `lvm/lvmlocal.conf`, `sanlock/sanlock.conf` and `dlm/dlm.conf` are checked against this host\'s LVM report and the other hosts (thin pool autoextend, metadata area size, sanlock host ids and lease space).' },
  { key: 'thin_pool_autoextend_threshold', type: 'integer', min: 50, max: 100, unit: '%', example: '80', doc: 'The host\'s `activation/thin_pool_autoextend_threshold` from lvm.conf (100, the default, never extends). A thin pool filled beyond it is reported.' },
];

export const TOP_KEYS = [{ key: 'hosts', doc: 'One entry per Xen host: its resources and the domU configs it runs.' }];

/** Parses an inventory; `text` is the file's content, `file` its absolute path. */
export function parseInventory(text: string, file: string): Inventory {
  const inv = readInventory(text, file);
  // spans are at least one character wide, and the YAML parser may point one past the end
  // (an empty value on the last line): keep every finding inside the text
  for (const f of inv.findings) {
    f.start = Math.min(f.start, text.length);
    f.end = Math.min(f.end, text.length);
  }
  return inv;
}

function readInventory(text: string, file: string): Inventory {
  const inv: Inventory = { file, dir: path.dirname(file), text, hosts: [], findings: [] };
  const doc = parseDocument(text, { prettyErrors: false });
  for (const e of doc.errors) {
    inv.findings.push(finding('inventory/syntax', 'error', `YAML: ${e.message.split('\n')[0]}`, { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }));
  }
  if (doc.errors.length) return inv;
  const root = doc.contents;
  if (!root) return inv;
  if (!isMap(root)) {
    inv.findings.push(finding('inventory/schema', 'error', 'The inventory is a mapping with a `hosts` key', span(root)));
    return inv;
  }
  for (const pair of root.items) {
    const key = keyOf(pair);
    if (key !== 'hosts') {
      unknownKey(inv, pair, TOP_KEYS.map((k) => k.key));
      continue;
    }
    if (!isMap(pair.value)) {
      inv.findings.push(finding('inventory/schema', 'error', '`hosts` maps each host name to its settings', span(pair.value ?? pair.key)));
      continue;
    }
    for (const h of pair.value.items) {
      const host = readHost(inv, h);
      if (host) inv.hosts.push(host);
    }
  }
  return inv;
}

function readHost(inv: Inventory, pair: Pair): HostSpec | undefined {
  const name = keyOf(pair);
  if (name === undefined) return undefined;
  const host: HostSpec = { name, span: span(pair.key as Node), domains: [] };
  if (!isMap(pair.value)) {
    inv.findings.push(finding('inventory/schema', 'error', `Host \`${name}\` needs settings (memory, cpus, domains, ...)`, host.span));
    return host;
  }
  for (const item of pair.value.items) {
    const key = keyOf(item);
    const spec = HOST_KEYS.find((k) => k.key === key);
    if (!spec || key === undefined) {
      unknownKey(inv, item, HOST_KEYS.map((k) => k.key));
      continue;
    }
    const value = item.value as Node | null;
    if (!value) {
      inv.findings.push(finding('inventory/schema', 'error', `\`${key}\` needs a value, e.g. ${spec.example}`, span(item.key as Node)));
      continue;
    }
    readValue(inv, host, spec, value);
  }
  if (host.memory && host.dom0Memory && host.dom0Memory.value >= host.memory.value) {
    inv.findings.push(finding('inventory/schema', 'error', `dom0_memory (${host.dom0Memory.value} MiB) leaves nothing of the host's ${host.memory.value} MiB to guests`, host.dom0Memory.span));
  }
  if (!host.domains.length && !host.etc) {
    inv.findings.push(finding('inventory/schema', 'warning', `Host \`${name}\` lists no \`domains\`: none of its checks can run`, host.span));
  }
  return host;
}

function readValue(inv: Inventory, host: HostSpec, spec: InventoryKey, value: Node): void {
  const at = span(value);
  const bad = (why: string): void => {
    inv.findings.push(finding('inventory/schema', 'error', `\`${spec.key}\` ${why}, e.g. ${spec.key}: ${spec.example}`, at));
  };
  switch (spec.type) {
    case 'integer': {
      const n = isScalar(value) ? value.value : undefined;
      if (typeof n !== 'number' || !Number.isInteger(n)) return bad('must be a whole number');
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        return bad(`must be ${spec.max === undefined ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`}${spec.unit ? ` ${spec.unit}` : ''}`);
      }
      const located = { value: n, span: at };
      if (spec.key === 'memory') host.memory = located;
      else if (spec.key === 'dom0_memory') host.dom0Memory = located;
      else if (spec.key === 'cpus') host.cpus = located;
      else host.autoextendThreshold = located;
      return;
    }
    case 'string':
      if (!isScalar(value) || typeof value.value !== 'string' || !value.value) return bad('must be a path');
      if (spec.key === 'etc') host.etc = { value: value.value, span: at };
      else host.lvmReport = { value: value.value, span: at };
      return;
    case 'globs': {
      const items = isSeq(value) ? value.items : isScalar(value) ? [value] : undefined;
      if (!items) return bad('must be a list of globs');
      for (const item of items) {
        if (isScalar(item) && typeof item.value === 'string' && item.value) host.domains.push({ value: item.value, span: span(item) });
        else inv.findings.push(finding('inventory/schema', 'error', 'Each entry of `domains` is a glob string', span(item as Node)));
      }
      return;
    }
    case 'cpu-ranges': {
      if (!isSeq(value)) return bad('must be a list with the CPUs of each node');
      host.numa = [];
      for (const item of value.items) {
        const text = isScalar(item) ? String(item.value) : undefined;
        const cpus = text === undefined ? undefined : parseCpus(text);
        if (!cpus?.value || cpus.issues.some((i) => i.severity === 'error') || cpus.value.all) {
          inv.findings.push(finding('inventory/schema', 'error', 'Each NUMA node is a CPU list such as "0-3" or "0,2,4,6"', span(item as Node)));
          continue;
        }
        host.numa.push({ value: cpus.value.include, span: span(item as Node) });
      }
      return;
    }
  }
}

function unknownKey(inv: Inventory, pair: Pair, known: string[]): void {
  const key = keyOf(pair) ?? '';
  const mean = suggest(key, known);
  inv.findings.push({
    ...finding('inventory/schema', 'warning', `Unknown key \`${key}\`${mean.length ? `. Did you mean ${mean.map((m) => `\`${m}\``).join(' or ')}?` : ''}`, span(pair.key as Node)),
    fixes: mean.map((to) => ({ kind: 'rename-key' as const, to })),
  });
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function span(node: Node | null | undefined): Span {
  const r = node?.range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : { start: 0, end: 1 };
}

function finding(code: string, severity: Finding['severity'], message: string, at: Span): Finding {
  return { code, severity, message, start: at.start, end: at.end };
}
