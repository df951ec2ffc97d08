// Hover for xl configs: what a key means (from the schema), what an enum value or
// a part of a device spec means, and how xl reads the value under the cursor.
import type { XlAssignment, XlAtom, XlValue } from './ast';
import { valueToDocument } from './ast';
import { leadingZero, strtol } from './config';
import type { XlAnalysis } from './lint';
import { keySpec, knownIn, xmOnlyKey } from './schema';
import { SPEC_KEYS } from './schema/specKeys';
import type { KeySpec } from './schema/types';
import { diskOf, pciOf, vifOf } from './specs/cached';
import type { SpecPart } from './specs/types';

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

export function hoverXl(a: XlAnalysis, offset: number): HoverResult | undefined {
  const assignment = a.doc.assignments.find((x) => x.start <= offset && offset <= x.end);
  if (!assignment) return undefined;
  const { keySpan } = assignment;
  if (offset >= keySpan.start && offset <= keySpan.end) {
    return { markdown: keyMarkdown(assignment.key, a), start: keySpan.start, end: keySpan.end };
  }
  const atom = atomAt(assignment.value, offset);
  if (!atom) return undefined;
  return valueHover(a, assignment, atom, offset);
}

function atomAt(v: XlValue, offset: number): XlAtom | undefined {
  let node: XlValue | undefined = v;
  while (node && node.kind === 'list') node = node.items.find((i) => i.start <= offset && offset <= i.end);
  return node && node.start <= offset && offset <= node.end ? node : undefined;
}

export function keyMarkdown(key: string, a: XlAnalysis): string {
  const spec = keySpec(key);
  if (!spec) {
    const xm = xmOnlyKey(key);
    if (xm) return `**${key}** — legacy xm/xend option\n\nxl ignores it: ${xm.note}.${xm.use ? ` Use \`${xm.use}\`.` : ''}`;
    return `**${key}** — not a key xl reads: it is ignored silently.`;
  }
  const facts: string[] = [`Type: ${describeType(spec)}`];
  if (spec.default) facts.push(`Default: ${spec.default}`);
  if (spec.min !== undefined || spec.max !== undefined) facts.push(`Range: ${spec.min ?? '…'} – ${spec.max ?? '…'}${spec.unit ? ` ${spec.unit}` : ''}`);
  facts.push(`Guests: ${spec.guests ? spec.guests.map((g) => g.toUpperCase()).join(', ') : 'all'}${spec.arch ? ` (${spec.arch})` : ''}`);
  if (spec.since) facts.push(`Since Xen ${spec.since}${knownIn(spec, a.ctx.version) ? '' : ` — not read by Xen ${a.ctx.version}, the target`}`);
  if (spec.deprecated) facts.push(`Deprecated${spec.deprecated.since ? ` since ${spec.deprecated.since}` : ''}${spec.deprecated.use ? `: use ${spec.deprecated.use}` : ''}`);
  if (spec.removed) facts.push(`No effect since Xen ${spec.removed.since}${spec.removed.use ? `: use ${spec.removed.use}` : ''}`);
  if (spec.undocumented) facts.push('Read by xl but not documented in xl.cfg(5)');
  return `**${key}** — ${spec.section}\n\n${spec.doc}\n\n${facts.map((f) => `- ${f}`).join('\n')}`;
}

function describeType(spec: KeySpec): string {
  const unit = spec.unit ? ` (${spec.unit})` : '';
  switch (spec.type) {
    case 'boolean':
      return 'boolean: 1 or 0 (not "yes"/"true")';
    case 'enum':
      return `one of ${spec.values?.map((v) => `"${v}"`).join(', ')}`;
    case 'integer':
      return `integer${unit}; quoted numbers are fine, no unit suffix`;
    case 'integer-or-enum':
    case 'boolean-or-enum':
      return `${spec.type === 'integer-or-enum' ? 'integer (deprecated)' : 'boolean'} or one of ${spec.values?.map((v) => `"${v}"`).join(', ')}`;
    case 'list':
      return `list of strings${spec.spec ? ` (${spec.spec} specs)` : ''}`;
    case 'string-or-list':
      return 'string, or a list of strings';
    case 'boolean-or-list':
      return 'boolean, or a list of strings';
    case 'nested-list':
      return 'list of lists';
    default:
      return 'string';
  }
}

function valueHover(a: XlAnalysis, assignment: XlAssignment, atom: XlAtom, offset: number): HoverResult | undefined {
  const spec = keySpec(assignment.key);
  const span = { start: atom.start, end: atom.end };
  const device = spec?.spec;
  if (atom.kind === 'string' && (device === 'disk' || device === 'vif' || device === 'pci')) {
    return specHover(a, atom, device, offset) ?? undefined;
  }
  if (!spec) return undefined;
  const lines: string[] = [];
  const n = strtol(atom.value);
  const numeric = n.end === atom.value.length && atom.value.length > 0;
  if (numeric && (spec.type === 'integer' || spec.type === 'boolean' || spec.type.startsWith('integer'))) {
    const value = Number(n.value);
    lines.push(`xl reads **${value}**${spec.unit ? ` ${spec.unit}` : ''}${leadingZero(atom.value)?.kind === 'octal' ? ' (octal, because of the leading zero)' : ''}`);
    if (spec.unit === 'MiB' && value >= 1024) lines.push(`= ${(value / 1024).toFixed(value % 1024 ? 2 : 0)} GiB`);
    if (spec.type === 'boolean') lines.push(value ? 'true' : 'false');
  } else if (spec.values?.length) {
    const ok = spec.values.includes(atom.value);
    lines.push(`${ok ? '' : 'Not '}one of: ${spec.values.map((v) => (v === atom.value ? `**${v}**` : v)).join(', ')}`);
  }
  if (!lines.length) return undefined;
  return { markdown: `**${assignment.key}** = \`${atom.value}\`\n\n${lines.join('\n\n')}`, ...span };
}

function specHover(a: XlAnalysis, atom: XlAtom, device: 'disk' | 'vif' | 'pci', offset: number): HoverResult | undefined {
  const result = device === 'disk' ? diskOf(atom.value, a.ctx.version) : device === 'vif' ? vifOf(atom.value, a.ctx.guest.type, a.ctx.version) : pciOf(atom.value, undefined);
  const part = result.parts.find((p) => valueToDocument(atom, p.start) <= offset && offset <= valueToDocument(atom, p.end));
  const summary = device === 'disk' ? diskSummary(atom.value, a.ctx.version) : '';
  if (!part) return summary ? { markdown: summary, start: atom.start, end: atom.end } : undefined;
  const docs = SPEC_KEYS[device].find((k) => k.key === part.key);
  const title = partTitle(part);
  const body = docs ? docs.doc : part.key === 'prefix' ? 'A legacy xm prefix: xl strips it (raw:, qcow:, qcow2:, vhd: also set the format; iscsi:, nbd:, drbd: select a block script).' : '';
  return {
    markdown: `${title}\n\n${body}${summary ? `\n\n---\n${summary}` : ''}`,
    start: valueToDocument(atom, part.start),
    end: valueToDocument(atom, part.end),
  };
}

function partTitle(p: SpecPart): string {
  const where = p.positional ? ' (positional)' : '';
  return `**${p.key}**${where}${p.value !== undefined ? ` = \`${p.value}\`` : ''}`;
}

/** How xl understood the whole disk spec, in one line. */
function diskSummary(spec: string, version: string): string {
  const d = diskOf(spec, version).value;
  if (!d) return '';
  const target = d.target === null ? '(none)' : d.target === '' ? '(empty drive)' : d.target;
  const bits = [`target \`${target}\``, `format ${d.format}`, `vdev ${d.vdev}`, d.readwrite ? 'read-write' : 'read-only'];
  if (d.cdrom) bits.push('CD-ROM');
  if (d.backendtype) bits.push(`backend ${d.backendtype}`);
  if (d.script) bits.push(`script ${d.script}`);
  return `xl reads this disk as: ${bits.join(', ')}`;
}
