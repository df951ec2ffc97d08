// Rules about the domain as a whole: required settings, memory and vCPU
// relations, and settings that contradict each other.
import * as path from 'node:path';
import type { Span } from '../ast';
import type { RuleContext } from './context';
import { prefixOf } from './context';

/** Xen's HVM_MAX_VCPUS: the hypervisor refuses more vCPUs for an HVM guest. */
const HVM_MAX_VCPUS = 128;

export function checkDomain(ctx: RuleContext): void {
  required(ctx);
  memory(ctx);
  vcpus(ctx);
  boot(ctx);
  uuid(ctx);
}

function num(ctx: RuleContext, key: string): number | undefined {
  const r = ctx.cfg.long(key, ctx.filename);
  return r.ok ? Number(r.value) : undefined;
}

function valueSpan(ctx: RuleContext, key: string): Span {
  const a = ctx.cfg.get(key)?.assignment;
  return a ? a.value : { start: 0, end: 0 };
}

function required(ctx: RuleContext): void {
  if (!ctx.mentions('name')) {
    const base = path.basename(ctx.filename).replace(/\.(cfg|xl|xlcfg|conf)$/, '') || 'domU';
    const name = /^[A-Za-z0-9_.-]+$/.test(base) ? base : 'domU';
    ctx.report('xl/missing-required', firstSettingLine(ctx), 'Domain name must be specified: xl refuses a config without `name`', {
      fixes: [{ kind: 'insert', at: insertionPoint(ctx), text: `name = "${name}"\n`, title: `Add name = "${name}"` }],
    });
  }
  const type = ctx.guest.type;
  if (type !== 'pv' && type !== 'pvh') return;
  if (ctx.mentions('kernel') || ctx.mentions('bootloader') || ctx.mentions('firmware')) return;
  ctx.report('xl/missing-required', firstSettingLine(ctx),
    `Neither kernel nor bootloader specified: a ${type.toUpperCase()} guest needs \`kernel\`, \`bootloader\` (e.g. "pygrub") or \`firmware\` ("pvgrub64")`);
}

function memory(ctx: RuleContext): void {
  const mem = num(ctx, 'memory');
  const max = num(ctx, 'maxmem');
  if (mem === undefined || max === undefined) return;
  const memAt = valueSpan(ctx, 'memory');
  const maxAt = valueSpan(ctx, 'maxmem');
  if (mem > max) {
    ctx.report('xl/memory-maxmem', memAt, `memory (${mem} MiB) is above maxmem (${max} MiB): maxmem must be at least memory`, {
      related: [{ message: `maxmem = ${max}`, start: maxAt.start, end: maxAt.end }],
      fixes: [
        { kind: 'replace', text: String(max), title: `Lower memory to ${max}` },
        { kind: 'replace', text: String(mem), title: `Raise maxmem to ${mem}`, start: maxAt.start, end: maxAt.end },
      ],
    });
    return;
  }
  if (mem < max && (ctx.guest.type === 'hvm' || ctx.guest.type === 'pvh')) {
    const pci = ctx.cfg.list('pci');
    if (pci && pci.length) {
      ctx.report('xl/memory-maxmem', memAt,
        'memory below maxmem starts the guest with populate-on-demand, which PCI passthrough cannot use: ' +
        'libxl fails with "IOMMU required for device passthrough but not supported together with PoD". Set memory = maxmem',
        { fixes: [{ kind: 'replace', text: String(max), title: `Set memory to ${max}` }] });
      return;
    }
    ctx.report('xl/memory-maxmem', memAt,
      `memory (${mem}) below maxmem (${max}) boots the guest pre-ballooned (populate-on-demand): it needs a working balloon driver early in boot, or it crashes`,
      { severity: 'info' });
  }
}

function vcpus(ctx: RuleContext): void {
  const v = num(ctx, 'vcpus');
  const max = num(ctx, 'maxvcpus');
  if (v !== undefined && max !== undefined && max < v) {
    ctx.report('xl/vcpus-maxvcpus', valueSpan(ctx, 'vcpus'), `xl: maxvcpus < vcpus (${max} < ${v}): xl refuses to create the domain`, {
      related: [{ message: 'maxvcpus', ...valueSpan(ctx, 'maxvcpus') }],
      fixes: [{ kind: 'replace', text: String(max), title: `Lower vcpus to ${max}` }],
    });
  }
  const effective = max ?? v;
  if (ctx.guest.type === 'hvm' && effective !== undefined && effective > HVM_MAX_VCPUS) {
    ctx.report('xl/vcpus-maxvcpus', valueSpan(ctx, max !== undefined ? 'maxvcpus' : 'vcpus'),
      `Requested vCPUs (${effective}) exceeds max (${HVM_MAX_VCPUS}): Xen allows at most ${HVM_MAX_VCPUS} vCPUs for an HVM guest and domain creation fails`);
  }
}

/** kernel / firmware / builder combinations that xl refuses or silently changes. */
function boot(ctx: RuleContext): void {
  const type = ctx.guest.type;
  const firmware = ctx.cfg.string('firmware');
  if ((type === 'pv' || type === 'pvh') && firmware !== undefined) {
    if (ctx.cfg.has('kernel')) {
      ctx.report('xl/conflict', valueSpan(ctx, 'firmware'), 'ERROR: both kernel and firmware specified: xl refuses to create the domain', {
        related: [{ message: 'kernel', ...valueSpan(ctx, 'kernel') }],
      });
    }
    if (!prefixOf(firmware, ['pvgrub32', 'pvgrub64'])) {
      ctx.report('xl/enum', valueSpan(ctx, 'firmware'),
        `ERROR: only pvgrub{32|64} supported as firmware options for ${type.toUpperCase()} guests (got "${firmware}")`);
    }
  }
  const kernel = ctx.cfg.string('kernel');
  if (type === 'hvm' && kernel !== undefined && path.basename(kernel) === 'hvmloader') {
    ctx.report('xl/deprecated', valueSpan(ctx, 'kernel'),
      'xm-style `kernel = "hvmloader"`: xl ignores it with a warning (HVM guests load hvmloader themselves; use `firmware_override` only for a non-default firmware)');
  }
  const t = ctx.cfg.string('type');
  const b = ctx.cfg.string('builder');
  if (t !== undefined && b !== undefined) {
    const fromType = prefixOf(t, ['hvm', 'pv', 'pvh']);
    const fromBuilder = prefixOf(b, ['hvm', 'generic']);
    if (fromType && fromBuilder && (fromBuilder === 'hvm') !== (fromType === 'hvm')) {
      ctx.report('xl/conflict', valueSpan(ctx, 'builder'), 'Contradicting "builder" and "type" options specified: xl refuses to create the domain', {
        related: [{ message: 'type', ...valueSpan(ctx, 'type') }],
      });
    }
  }
  if (ctx.cfg.has('vnclisten') && ctx.cfg.has('vncdisplay') && /:\d+$/.test(ctx.cfg.string('vnclisten') ?? '')) {
    ctx.report('xl/conflict', valueSpan(ctx, 'vncdisplay'), 'ERROR: Display specified both in vnclisten and vncdisplay!');
  }
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function uuid(ctx: RuleContext): void {
  const u = ctx.cfg.string('uuid');
  if (u !== undefined && !UUID.test(u)) {
    ctx.report('xl/type', valueSpan(ctx, 'uuid'), `Failed to parse UUID: ${u} (expected 8-4-4-4-12 hex digits)`);
  }
}

/** Where a new setting goes: on its own line before the first setting, after the comments at the top. */
function insertionPoint(ctx: RuleContext): number {
  const first = ctx.doc.assignments[0];
  return first ? ctx.doc.text.lastIndexOf('\n', first.start - 1) + 1 : 0;
}

function firstSettingLine(ctx: RuleContext): Span {
  const first = ctx.doc.assignments[0];
  return first ? first.keySpan : { start: 0, end: Math.max(0, ctx.doc.text.indexOf('\n')) };
}
