// Rules about values, driven by the schema: shape (xl/type), allowed words
// (xl/enum), ranges (xl/range) and octal surprises (xl/octal-number).
import type { XlAtom } from '../ast';
import type { XlSetting } from '../config';
import { leadingZero, strtol } from '../config';
import { keySpec, knownIn } from '../schema';
import type { KeySpec } from '../schema/types';
import { prefixOf, type RuleContext } from './context';

export function checkValues(ctx: RuleContext): void {
  for (const s of ctx.cfg.settings.values()) {
    const spec = keySpec(s.key);
    if (!spec || !knownIn(spec, ctx.version)) continue;
    const v = s.assignment.value;
    if (!shapeOk(ctx, spec, s)) continue;
    if (v.kind !== 'list') {
      checkScalar(ctx, spec, s, v);
      if (s.assignment.op === '=') octal(ctx, spec, v); // xl reads no number after +=
    }
  }
}

const SCALAR_TYPES = new Set(['string', 'integer', 'boolean', 'enum', 'integer-or-enum', 'boolean-or-enum']);
const LIST_TYPES = new Set(['list', 'nested-list']);

/** A list where xl wants one value (or the reverse) makes xl warn and treat the key as unset. */
function shapeOk(ctx: RuleContext, spec: KeySpec, s: XlSetting): boolean {
  const v = s.assignment.value;
  if (v.kind === 'list' && SCALAR_TYPES.has(spec.type)) {
    ctx.report('xl/type', v, `parameter \`${s.key}' is a list but should be a single value (xl warns and ignores \`${s.key}\` entirely)`);
    return false;
  }
  if (v.kind !== 'list' && LIST_TYPES.has(spec.type)) {
    const consequence = s.key === 'disk' ? ': the guest gets no disk at all' : s.key === 'vif' ? ': the guest gets no network interface' : '';
    ctx.report('xl/type', v,
      `parameter \`${s.key}' is a single value but should be a list (xl warns and ignores \`${s.key}\`${consequence})`,
      { fixes: [{ kind: 'replace', text: `[ ${v.raw} ]`, title: `Wrap ${s.key} in a list` }] });
    return false;
  }
  return true;
}

function checkScalar(ctx: RuleContext, spec: KeySpec, s: XlSetting, v: XlAtom): void {
  const value = s.value as string;
  const isNumber = strtol(value).end === value.length && value.length > 0;
  switch (spec.type) {
    case 'integer':
    case 'boolean':
      return number(ctx, spec, s, v);
    case 'enum':
      return enumValue(ctx, spec, value, v);
    case 'integer-or-enum':
      if (isNumber) {
        if (spec.deprecated?.form === 'integer') {
          ctx.report('xl/deprecated', v, `Giving \`${spec.key}\` as a number is deprecated: use one of ${list(spec.values)}`,
            intEnumFix(spec, value));
        }
        return number(ctx, spec, s, v);
      }
      return enumValue(ctx, spec, value, v);
    case 'boolean-or-enum':
      if (isNumber) return number(ctx, spec, s, v);
      return enumValue(ctx, spec, value, v);
    case 'string-or-list':
      if (spec.deprecated?.form === 'string') {
        ctx.report('xl/deprecated', v, `Giving \`${spec.key}\` as one string is deprecated: give a list, e.g. [ ${value.split(/\s+/).filter(Boolean).map((x) => `"${x}"`).join(', ')} ]`);
      }
      return;
    default:
  }
}

function number(ctx: RuleContext, spec: KeySpec, s: XlSetting, v: XlAtom): void {
  const r = ctx.cfg.long(s.key, ctx.filename);
  if (!r.ok) {
    if (r.absent) return;
    const word = s.value as string;
    const zero = leadingZero(word);
    if (zero?.kind === 'broken' && s.assignment.op === '=') {
      ctx.report('xl/type', v, `${xlWarning(r.warning)}: the leading 0 makes it octal, which has no 8 or 9, so xl ignores the setting`,
        { fixes: [decimalFix(v, String(zero.decimal))] });
      return;
    }
    const truth = spec.type === 'boolean' ? BOOLEAN_WORDS[word.toLowerCase()] : undefined;
    const hint = truth === undefined ? '. xl ignores the setting' : `. Booleans are 1 or 0 in xl; \`${word}\` is not understood and xl keeps the default`;
    const fixes = truth === undefined ? undefined : [{ kind: 'replace' as const, text: truth, title: `Write ${truth}` }];
    ctx.report('xl/type', v, xlWarning(r.warning) + hint, { fixes });
    return;
  }
  const n = Number(r.value);
  if (spec.min !== undefined && n < spec.min) rangeError(ctx, spec, v, n);
  else if (spec.max !== undefined && n > spec.max) rangeError(ctx, spec, v, n);
}

/** Words people write for booleans, and the number xl wants instead. */
const BOOLEAN_WORDS: Record<string, string> = { yes: '1', true: '1', on: '1', y: '1', no: '0', false: '0', off: '0', n: '0' };

function rangeError(ctx: RuleContext, spec: KeySpec, v: XlAtom, n: number): void {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const range = spec.max === undefined ? `at least ${spec.min}` : spec.min === undefined ? `at most ${spec.max}` : `${spec.min} to ${spec.max}`;
  ctx.report('xl/range', v, `\`${spec.key}\` = ${n}${unit} is out of range: ${range}${unit}${spec.rangeNote ? ` (${spec.rangeNote})` : ''}`);
}

function enumValue(ctx: RuleContext, spec: KeySpec, value: string, v: XlAtom): void {
  const values = spec.values ?? [];
  const same = (a: string, b: string) => (spec.caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b);
  if (values.some((x) => same(x, value))) return;
  if (spec.key === 'type' || spec.key === 'builder') {
    const taken = prefixOf(value, spec.key === 'type' ? ['hvm', 'pv', 'pvh'] : ['hvm', 'generic']);
    if (taken) {
      ctx.report('xl/enum', v, `xl reads \`"${value}"\` as "${taken}" only because it compares prefixes; write "${taken}"`,
        { severity: 'warning', fixes: [replaceString(taken)] });
      return;
    }
    ctx.report('xl/enum', v, `Invalid domain type ${value}. Use one of ${list(values)}`, { fixes: values.map(replaceString) });
    return;
  }
  const near = values.filter((x) => x.toLowerCase() === value.toLowerCase() || x.startsWith(value) || value.startsWith(x));
  ctx.report('xl/enum', v, `\`${value}\` is not a valid value for \`${spec.key}\`: use one of ${list(values)}`,
    { fixes: (near.length ? near : []).slice(0, 3).map(replaceString) });
}

function octal(ctx: RuleContext, spec: KeySpec, v: XlAtom): void {
  if (spec.type !== 'integer' && spec.type !== 'integer-or-enum') return;
  const zero = leadingZero(v.value);
  const read = strtol(v.value);
  // overflow and `08` are xl/type's: xl rejects those instead of reading octal
  if (zero?.kind !== 'octal' || read.overflow) return;
  const reads = String(read.value);
  const meant = String(zero.decimal);
  const fix = decimalFix(v, meant);
  if (reads === meant) {
    // `00`, `07`: octal and decimal agree, so nothing changes yet; only the spelling misleads
    ctx.report('xl/octal-number', v,
      `\`${v.value}\` has a leading zero, which makes it octal to xl: ${spec.key} = ${reads} all the same, but more digits would change that (\`010\` is 8)`,
      { severity: 'info', fixes: [fix] });
    return;
  }
  ctx.report('xl/octal-number', v, `\`${v.value}\` has a leading zero, so xl reads it as octal: ${spec.key} = ${reads}, not ${meant}`, { fixes: [fix] });
}

/** Replaces the number with `decimal`, keeping it a string if it was one. */
function decimalFix(v: XlAtom, decimal: string): { kind: 'replace'; text: string; title: string } {
  return { kind: 'replace', text: v.kind === 'string' ? `"${decimal}"` : decimal, title: `Write ${decimal} (decimal)` };
}

/** The names xl gives the old integer forms (libxl's enum numbering). */
const INTEGER_NAMES: Record<string, string[]> = {
  timer_mode: ['delay_for_missed_ticks', 'no_delay_for_missed_ticks', 'no_missed_ticks_pending', 'one_missed_tick_pending'],
  tsc_mode: ['default', 'always_emulate', 'native', 'native_paravirt'],
  altp2m: ['disabled', 'mixed', 'external', 'limited'],
};

function intEnumFix(spec: KeySpec, value: string): { fixes?: Array<{ kind: 'replace'; text: string; title: string }> } {
  const name = INTEGER_NAMES[spec.key]?.[Number(value)];
  return name ? { fixes: [replaceString(name)] } : {};
}

function replaceString(value: string): { kind: 'replace'; text: string; title: string } {
  return { kind: 'replace', text: `"${value}"`, title: `Use "${value}"` };
}

function list(values: string[] | undefined): string {
  return (values ?? []).map((x) => `"${x}"`).join(', ');
}


/** xl's warning without its `file:line: warning: ` prefix (the editor already shows where). */
function xlWarning(w: string): string {
  return w.replace(/^.*?:\d+: warning: /, '');
}
