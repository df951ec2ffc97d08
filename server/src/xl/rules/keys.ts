// Rules about keys: unknown (with did-you-mean), set twice, deprecated, or
// ignored by this guest type.
import { LineIndex, suggest } from '../../core/text';
import type { XlAssignment } from '../ast';
import { keySpec, keysFor, knownIn, xmOnlyKey } from '../schema';
import type { KeySpec } from '../schema/types';
import type { RuleContext } from './context';

export function checkKeys(ctx: RuleContext): void {
  const known = keysFor(ctx.version).map((k) => k.key);
  const suggestions = new Map<string, string[]>();
  for (const a of ctx.doc.assignments) {
    const spec = keySpec(a.key);
    if (!spec || !knownIn(spec, ctx.version)) {
      let candidates = suggestions.get(a.key);
      if (!candidates) suggestions.set(a.key, (candidates = suggest(a.key, known)));
      unknownKey(ctx, a.key, a.keySpan, spec, candidates);
      continue;
    }
    deprecated(ctx, spec, a);
    guestType(ctx, spec, a.keySpan);
  }
  duplicates(ctx);
}

function unknownKey(ctx: RuleContext, key: string, span: { start: number; end: number }, spec: KeySpec | undefined, candidates: string[]): void {
  if (spec?.since) {
    ctx.report('xl/unknown-key', span,
      `\`${key}\` is read by xl from Xen ${spec.since} on; the target is Xen ${ctx.version}, whose xl ignores it silently`);
    return;
  }
  const xm = xmOnlyKey(key);
  if (xm) {
    const use = xm.use ? ` Use \`${xm.use}\` instead.` : '';
    ctx.report('xl/unknown-key', span, `\`${key}\` is a legacy xm/xend option that xl ignores silently: ${xm.note.replace(/\.$/, "")}.${use}`,
      { fixes: xm.use && /^[a-z][._0-9a-z]*$/.test(xm.use) ? [{ kind: 'rename-key', to: xm.use }] : undefined });
    return;
  }
  const mean = candidates.length ? ` Did you mean ${candidates.map((c) => `\`${c}\``).join(' or ')}?` : '';
  ctx.report('xl/unknown-key', span, `Unknown key \`${key}\`: xl ignores it silently.${mean}`,
    { fixes: candidates.map((to) => ({ kind: 'rename-key' as const, to })) });
}

function deprecated(ctx: RuleContext, spec: KeySpec, a: XlAssignment): void {
  const span = a.keySpan;
  if (spec.removed) {
    const use = spec.removed.use ? ` Use \`${spec.removed.use}\`.` : '';
    ctx.report('xl/deprecated', span,
      `\`${spec.key}\` no longer has any effect (since Xen ${spec.removed.since})${spec.removed.note ? `: ${spec.removed.note}` : ''}.${use}`);
    return;
  }
  if (!spec.deprecated || spec.deprecated.form) return; // form-specific deprecations are checked with the value
  const d = spec.deprecated;
  if (spec.key === 'builder') {
    builderFix(ctx, a, d.since);
    return;
  }
  const use = d.use ? ` Use ${d.use.includes(' ') ? d.use : `\`${d.use}\``} instead.` : '';
  ctx.report('xl/deprecated', span, `\`${spec.key}\` is deprecated${d.since ? ` since Xen ${d.since}` : ''}${d.note ? ` (${d.note})` : ''}.${use}`);
}

/**
 * `builder = "hvm"` becomes `type = "hvm"`, `builder = "generic"` becomes `type = "pv"`;
 * when `type` is already there, the builder line only has to go.
 */
function builderFix(ctx: RuleContext, at: XlAssignment, since?: string): void {
  const deprecatedSince = `\`builder\` is deprecated${since ? ` since Xen ${since}` : ''}`;
  if (ctx.mentions('type')) {
    // xl reads type first; a builder that agrees adds nothing, one that disagrees is xl/conflict
    ctx.report('xl/deprecated', at, `${deprecatedSince}, and \`type\` already sets the guest type: remove \`builder\``,
      { fixes: [{ kind: 'replace', text: '', title: 'Remove builder (type is set)', ...ctx.removal(at) }] });
    return;
  }
  const a = ctx.cfg.get('builder')?.assignment;
  const value = ctx.cfg.string('builder');
  const type = value === undefined ? undefined : 'hvm'.startsWith(value) ? 'hvm' : 'generic'.startsWith(value) ? 'pv' : undefined;
  const fixes = a && type
    ? [{ kind: 'replace' as const, text: `type = "${type}"`, title: `Replace with type = "${type}"` }]
    : undefined;
  ctx.report('xl/deprecated', a && fixes ? { start: a.start, end: a.end } : at.keySpan,
    `${deprecatedSince}: use \`type = "${type ?? 'hvm'}"\``, { fixes });
}

function guestType(ctx: RuleContext, spec: KeySpec, span: { start: number; end: number }): void {
  const type = ctx.guest.type;
  if (!type || !spec.guests || spec.guests.includes(type)) return;
  const applies = spec.guests.map((g) => g.toUpperCase()).join(', ');
  if (spec.key === 'timer_mode' && type === 'pv') {
    ctx.report('xl/guest-type', span, 'ERROR: "timer_mode" option is not supported for PV guests: xl refuses to create the domain', { severity: 'error' });
    return;
  }
  // With no type set the guest silently becomes PV: an HVM-only key then usually means a forgotten `type`.
  const defaulted = ctx.guest.from === 'default';
  ctx.report('xl/guest-type', span,
    defaulted
      ? `\`${spec.key}\` only affects ${applies} guests, but no \`type\` is set, so this is a PV guest and \`${spec.key}\` has no effect. Missing type = "hvm"?`
      : `\`${spec.key}\` only affects ${applies} guests; in this ${type.toUpperCase()} guest it has no effect`,
    { severity: defaulted ? 'warning' : 'info' });
}

function duplicates(ctx: RuleContext): void {
  let index: LineIndex | undefined;
  for (const s of ctx.cfg.settings.values()) {
    if (s.all.length < 2 || s.assignment.op === '+=') continue;
    const last = s.assignment;
    index ??= new LineIndex(ctx.doc.text);
    const line = index.position(last.start).line + 1;
    for (const a of s.all.slice(0, -1)) {
      ctx.report('xl/duplicate-key', a.keySpan,
        `\`${s.key}\` is set again on line ${line}; xl silently uses that later value and ignores this one`,
        { related: [{ message: 'the value xl uses', start: last.start, end: last.end }] });
    }
  }
}
