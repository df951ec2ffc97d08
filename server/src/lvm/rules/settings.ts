// lvm/unknown-setting, lvm/type, lvm/removed, lvm/deprecated: every node checked
// against the schema the way lvm2's config_def_check walks the tree (one path level
// at a time, variable section names as `#`), with lvm2's own messages.
import type { Fix } from '../../core/findings';
import { suggest } from '../../core/text';
import type { LvmNode, LvmScalar, LvmSetting, Span } from '../ast';
import { pathSegments } from '../parser';
import { childrenOf, definition, sectionsHolding, typeName } from '../schema';
import type { LvmSetting as Def } from '../schema/types';
import type { LvmContext } from './context';
import { checkValues } from './values';

const BOOL_WORDS = new Set(['y', 'yes', 'on', 'true', 'n', 'no', 'off', 'false']);

export function checkSettings(ctx: LvmContext): void {
  // lvm2 checks the value a setting ends up with: an earlier, overridden one is never looked at
  const last = new Map(ctx.doc.settings.map((s) => [s.path.join('/'), s]));
  const overridden = new Set(ctx.doc.settings.filter((s) => last.get(s.path.join('/')) !== s));
  for (const node of ctx.doc.nodes) {
    const before = ctx.findings.length;
    visit(ctx, node, '', '', overridden);
    // lvm2 reads the tags section itself and never checks it: what we find there is a warning at most
    if (node.path[0] === 'tags') for (const f of ctx.findings.slice(before)) if (f.severity === 'error') f.severity = 'warning';
  }
}

/** `vp` is the schema path of the parent (with `#` for variable names), `rp` the real one. */
function visit(ctx: LvmContext, node: LvmNode, vp: string, rp: string, overridden: Set<LvmNode>): void {
  const segments = segmentSpans(ctx.doc.text, node);
  for (let j = 0; j < segments.length; j++) {
    const { name, span } = segments[j];
    const last = j === segments.length - 1;
    const asSection = !last || node.kind === 'section';
    const real = rp ? `${rp}/${name}` : name;
    // a top-level name that also has a value is "not part of any section", and nothing under it is checked
    if (!rp && asSection && ctx.doc.settings.some((s) => s.path.length === 1 && s.path[0] === name)) return;
    if (!rp && !asSection) {
      const homes = sectionsHolding(name);
      ctx.report('lvm/unknown-setting', span, `Configuration setting "${name}" invalid. It's not part of any section.${homes.length ? ` It belongs in section \`${homes[0]}\` (write \`${homes[0]}/${name} = …\` or put it inside \`${homes[0]} { }\`).` : ''}`);
      return;
    }
    const def = definition(join(vp, name)) ?? (asSection ? definition(join(vp, '#')) : undefined);
    if (!def) return unknown(ctx, span, name, real, vp, asSection);
    if (asSection && def.kind !== 'section') {
      // a node that also has a value is checked as the setting it is
      if (ctx.doc.settings.some((s) => s.path.join('/') === [...(rp ? rp.split('/') : []), name].join('/'))) return;
      ctx.report('lvm/type', span, `Configuration setting "${real}" has invalid type. Found section but expected${typeName(def)}.`);
      return;
    }
    vp = def.path;
    rp = real;
    if (def.noCheck && !last) return; // e.g. cache_settings/mq/…: lvm2 does not look inside
    if (!last) continue;
    if (ctx.profile && !def.profilable) {
      ctx.report('lvm/unknown-setting', span, `Configuration ${node.kind === 'setting' ? 'option' : 'section'} "${real}" is not customizable by a profile: lvm2 rejects the profile`);
      return;
    }
    status(ctx, node, span, def, real);
    if (node.kind === 'setting') {
      if (!overridden.has(node) && checkType(ctx, node, def, real)) checkValues(ctx, node, def, real);
    } else if (!def.noCheck) {
      for (const child of node.children) visit(ctx, child, vp, rp, overridden);
    }
  }
}

function join(vp: string, name: string): string {
  return vp ? `${vp}/${name}` : name;
}

function unknown(ctx: LvmContext, span: Span, name: string, real: string, vp: string, asSection: boolean): void {
  const siblings = childrenOf(vp).filter((d) => (d.kind === 'section') === asSection).map((d) => d.path.slice(d.path.lastIndexOf('/') + 1)).filter((n) => n !== '#');
  const mean = suggest(name, siblings);
  const homes = asSection ? [] : sectionsHolding(name).filter((h) => h !== vp);
  let hint = '';
  if (mean.length) hint = ` Did you mean ${mean.map((m) => `\`${m}\``).join(' or ')}?`;
  else if (homes.length) hint = ` \`${name}\` belongs in section \`${homes.join('` or `')}\`.`;
  const what = asSection ? 'section' : 'setting';
  // lvm2 never checks the tags section (checkSettings also lowers these findings to warnings)
  const silent = real.startsWith('tags/');
  ctx.report('lvm/unknown-setting', span, `Configuration ${what} "${real}" unknown.${hint} ${silent ? 'lvm2 ignores it without a warning (it does not check the tags section)' : 'lvm2 ignores it and lvmconfig --validate fails'}`, {
    fixes: mean.map((to) => ({ kind: 'rename-key' as const, to })),
  });
}

/** Removed, deprecated and disabled settings, with what replaces them. */
function status(ctx: LvmContext, node: LvmNode, span: Span, def: Def, real: string): void {
  const remove: Fix = { kind: 'replace', text: '', title: `Remove ${node.name}`, ...ctx.removal(node) };
  if (def.removed) {
    const special = node.kind === 'setting' ? lockingType(ctx, node, def) : undefined;
    const use = def.removed.use ? ` Instead: ${def.removed.use}.` : '';
    ctx.report('lvm/removed', span, special?.message ?? `\`${real}\` has had no effect since lvm2 ${def.removed.since}: ${def.removed.note}${use}`, {
      fixes: [...(special?.fixes ?? []), remove],
    });
  } else if (def.deprecated) {
    const rename = renameTo(def);
    const use = def.deprecated.use ? ` Instead: ${def.deprecated.use}.` : '';
    ctx.report('lvm/deprecated', span, `\`${real}\` is deprecated since lvm2 ${def.deprecated.since}: ${def.deprecated.note}${use}`, {
      fixes: rename ? [{ kind: 'rename-key', to: rename }] : [],
    });
  } else if (def.disabled) {
    ctx.report('lvm/removed', span, `WARNING: Configuration setting ${real} is disabled. Using default value.`, { fixes: [remove] });
  }
}

/** A deprecated setting replaced by a sibling of another name: the rename fix. */
function renameTo(def: Def): string | undefined {
  const word = /^[\w/]+/.exec(def.deprecated?.use ?? '')?.[0];
  if (!word) return undefined;
  const section = def.path.slice(0, def.path.lastIndexOf('/'));
  const name = word.includes('/') ? word : `${section}/${word}`;
  return name.startsWith(section + '/') && definition(name)?.kind === 'setting' ? name.slice(section.length + 1) : undefined;
}

/** locking_type: what lvm2 2.03 actually does with each value (lib/commands/toolcontext.c). */
function lockingType(ctx: LvmContext, node: LvmSetting, def: Def): { message: string; fixes: Fix[] } | undefined {
  if (!def.path.endsWith('global/locking_type')) return undefined;
  const v = node.value.items[0]?.value;
  if (typeof v !== 'number') return undefined;
  if (v === 1) return { message: '`locking_type = 1` is the only behaviour lvm2 2.03 has left (local file locking): the setting does nothing and can go', fixes: [] };
  const does = v === 0 || v === 5 ? 'using --nolocking' : v === 4 ? 'using --sysinit --readonly' : 'using file locking';
  const warn = `WARNING: locking_type (${v}) is deprecated, ${does}.`;
  if (v === 0 || v === 5) return { message: `${warn} With no locking at all, two LVM commands can corrupt metadata. Remove it`, fixes: [] };
  if (v === 4) return { message: `${warn} Every LVM command then runs read-only. Remove it`, fixes: [] };
  const shared = v === 3 || v === 2;
  const lockd = ctx.doc.settings.some((s) => s.path.join('/') === 'global/use_lvmlockd');
  const message = `${warn}${v === 3 ? ' WARNING: See lvmlockd(8) for information on using cluster/clvm VGs.' : ''}` +
    (shared ? ' clvmd is gone in lvm2 2.03: shared (clustered) VGs need lvmlockd with sanlock or dlm, and `use_lvmlockd = 1`' : '');
  const replace: Fix[] = shared && !lockd && node.path.length === 2
    ? [{ kind: 'replace', text: `${node.name.replace(/locking_type$/, 'use_lvmlockd')} = 1`, title: 'Replace with use_lvmlockd = 1', start: node.start, end: node.end }]
    : [];
  return { message, fixes: replace };
}

/** lvm2's value check (_config_def_check_node_value); false when the type is wrong. */
function checkType(ctx: LvmContext, node: LvmSetting, def: Def, real: string): boolean {
  const { value } = node;
  const bad = (at: Span, found: string, hint = '', fixes: Fix[] = []) => {
    ctx.report('lvm/type', at, `Configuration setting "${real}" has invalid type. Found${found} but expected${typeName(def)}.${hint}${fallback(def)}`, { fixes });
    return false;
  };
  if (value.array && !value.items.length) {
    if (!def.array) return bad(value, ' array');
    if (!def.allowEmpty) {
      ctx.report('lvm/type', value, `Configuration setting "${real}" invalid. Empty value not allowed.${fallback(def)}`, {
        fixes: [{ kind: 'replace', text: '', title: `Remove ${node.name}`, ...ctx.removal(node) }],
      });
      return false;
    }
    return true;
  }
  if (value.items.length > 1 && !def.array) return bad(value, ' array');
  for (const item of value.items) {
    if (item.type === 'int' && !def.types.includes('int') && !def.types.includes('bool')) {
      return bad(item, ' integer', def.types.includes('string') ? ' Quote it.' : '', def.types.includes('string') ? [quote(ctx, item)] : []);
    }
    if (item.type === 'float' && !def.types.includes('float')) return bad(item, ' float');
    if (item.type !== 'string') continue;
    const s = String(item.value);
    if (def.types.includes('bool')) {
      if (BOOL_WORDS.has(s.toLowerCase())) continue;
      const number = /^[+-]?\d+$/.test(s);
      ctx.report('lvm/type', item,
        `Configuration setting "${real}" invalid. Found string value "${s}", expected boolean value: 0/1, "y/n", "yes/no", "on/off", "true/false".${number ? ' A quoted number is a string to lvm2.' : ''}${fallback(def)}`,
        { fixes: number ? [{ kind: 'replace', text: s, title: `Write ${s} without quotes` }] : [] });
      return false;
    }
    if (!def.types.includes('string')) {
      const number = /^[+-]?\d+(\.\d+)?$/.test(s) && (def.types.includes('int') || s.includes('.'));
      return bad(item, ' string', number ? ' lvm2 reads a quoted number as a string: remove the quotes.' : '', number ? [{ kind: 'replace', text: s, title: `Write ${s} without quotes` }] : []);
    }
    if (!def.allowEmpty && s === '') {
      ctx.report('lvm/type', item, `Configuration setting "${real}" invalid. It cannot be set to an empty value.${fallback(def)}`);
      return false;
    }
  }
  return true;
}

function quote(ctx: LvmContext, item: LvmScalar): Fix {
  const raw = ctx.doc.text.slice(item.start, item.end);
  return { kind: 'replace', text: `"${raw}"`, title: `Quote ${raw}` };
}

/** What lvm2 uses instead of a value it cannot read. */
function fallback(def: Def): string {
  return def.default !== undefined ? ` lvm2 uses the built-in default (${def.default}) instead` : ' lvm2 uses its built-in default instead';
}

/** The path segments of a node's name with their place in the file (inside quotes when quoted). */
function segmentSpans(text: string, node: LvmNode): Array<{ name: string; span: Span }> {
  const quoted = text[node.nameSpan.start] === '"' || text[node.nameSpan.start] === "'";
  const base = node.nameSpan.start + (quoted ? 1 : 0);
  return pathSegments(node.name).map((p) => ({ name: p.name, span: { start: base + p.start, end: base + p.end } }));
}
