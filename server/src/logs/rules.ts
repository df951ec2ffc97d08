// Loading and checking rule packs: the built-in pack (rules/builtin.yaml, bundled
// as text) plus a workspace's `.xenops/rules.yaml`, whose rules replace built-in
// ones with the same id and add the others.
import { parse as parseYaml } from 'yaml';
import { CATEGORIES, type EventSeverity, type LinkSpec, type RecordSpec, type RulePack, type RuleSpec } from './types';
import { MIN_LITERAL_BYTES } from './prefilter';

export interface CompiledRule extends RuleSpec {
  regex?: RegExp;
  until?: RegExp;
  while?: RegExp;
  /** See RecordSpec: `last`, `fields` and `severity`, compiled. */
  last?: RegExp;
  fields?: RegExp;
  severityBy?: Array<[EventSeverity, RegExp]>;
  index: number;
}

export interface CompiledLink extends LinkSpec {
  regex: RegExp;
}

export interface CompiledPack {
  rules: CompiledRule[];
  links: CompiledLink[];
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** A rule pack that cannot be used, with what is wrong and where. */
export class RulePackError extends Error {}

/** Parses and checks a rule pack; throws an Error naming the rule and the problem. */
export function parsePack(text: string, source: string): RulePack {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new RulePackError(`${source}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return checkPack(data, source);
}

/** Checks a rule pack already read into plain data. */
export function checkPack(data: unknown, source: string): RulePack {
  const d = (data ?? {}) as { rules?: unknown; links?: unknown };
  if (!Array.isArray(d.rules ?? [])) throw new RulePackError(`${source}: \`rules\` must be a list`);
  const rules = ((d.rules ?? []) as RuleSpec[]).map((r, i) => checkRule(r, `${source}: rule ${(r as { id?: string })?.id ?? `#${i + 1}`}`));
  const links = ((d.links ?? []) as LinkSpec[]).map((l, i) => checkLink(l, `${source}: link ${(l as { id?: string })?.id ?? `#${i + 1}`}`));
  return { rules, links };
}

function checkRule(r: RuleSpec, where: string): RuleSpec {
  if (!r || typeof r.id !== 'string' || !r.id) throw new RulePackError(`${where}: needs an id`);
  if (!(CATEGORIES as readonly string[]).includes(r.category)) throw new RulePackError(`${where}: unknown category '${r.category}' (one of ${CATEGORIES.join(', ')})`);
  if (!SEVERITIES.has(r.severity)) throw new RulePackError(`${where}: severity must be error, warning or info`);
  checkLiterals(r.literals, where);
  if (r.pattern !== undefined) compile(r.pattern, where);
  if (r.record) checkRecord(r.record, where);
  if (!Array.isArray(r.samples) || !r.samples.length) throw new RulePackError(`${where}: needs at least one sample line`);
  return { ...r, counter: r.counter ?? [] };
}

function checkRecord(rec: RecordSpec, where: string): void {
  if (typeof rec.max !== 'number' || rec.max < 1) throw new RulePackError(`${where}: record.max must be a positive number of lines`);
  for (const p of [rec.until, rec.while, rec.last, rec.fields]) if (p !== undefined) compile(p, where);
  if (rec.peek !== undefined && typeof rec.peek !== 'boolean') throw new RulePackError(`${where}: record.peek is true or false`);
  for (const [level, p] of Object.entries(rec.severity ?? {})) {
    if (!SEVERITIES.has(level)) throw new RulePackError(`${where}: record.severity keys are error, warning or info, not '${level}'`);
    compile(p, where);
  }
}

function checkLink(l: LinkSpec, where: string): LinkSpec {
  if (!l || typeof l.id !== 'string') throw new RulePackError(`${where}: needs an id`);
  const re = compile(l.pattern, where);
  if (!/\(\?<domid>/.test(re.source) || !/\(\?<domain>/.test(re.source)) throw new RulePackError(`${where}: the pattern must capture (?<domid>…) and (?<domain>…)`);
  checkLiterals(l.literals, where);
  return l;
}

function checkLiterals(literals: unknown, where: string): void {
  if (!Array.isArray(literals) || !literals.length || literals.some((l) => typeof l !== 'string')) {
    throw new RulePackError(`${where}: needs \`literals\`, one or more substrings a matching line always contains`);
  }
  for (const l of literals as string[]) {
    if (Buffer.byteLength(l) < MIN_LITERAL_BYTES) throw new RulePackError(`${where}: literal ${JSON.stringify(l)} is too short: literals need at least ${MIN_LITERAL_BYTES} bytes, and 8 or more keep scans fast`);
    if (/[\r\n]/.test(l)) throw new RulePackError(`${where}: literal ${JSON.stringify(l)} spans lines; a literal is matched within one line`);
  }
}

function compile(pattern: string, where: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (e) {
    throw new RulePackError(`${where}: bad pattern: ${(e as Error).message}`);
  }
}

/** Workspace rules replace built-in rules with the same id and come first otherwise. */
export function mergePacks(builtin: RulePack, workspace?: RulePack): RulePack {
  if (!workspace) return builtin;
  const ids = new Set(workspace.rules.map((r) => r.id));
  const linkIds = new Set(workspace.links.map((l) => l.id));
  return {
    rules: [...workspace.rules, ...builtin.rules.filter((r) => !ids.has(r.id))],
    links: [...workspace.links, ...builtin.links.filter((l) => !linkIds.has(l.id))],
  };
}

export function compilePack(pack: RulePack): CompiledPack {
  return {
    rules: pack.rules.map((r, index) => ({
      ...r,
      index,
      regex: r.pattern !== undefined ? new RegExp(r.pattern) : undefined,
      until: r.record?.until !== undefined ? new RegExp(r.record.until) : undefined,
      while: r.record?.while !== undefined ? new RegExp(r.record.while) : undefined,
      last: r.record?.last !== undefined ? new RegExp(r.record.last) : undefined,
      fields: r.record?.fields !== undefined ? new RegExp(r.record.fields) : undefined,
      severityBy: r.record?.severity ? severityPatterns(r.record.severity) : undefined,
    })),
    links: pack.links.map((l) => ({ ...l, regex: new RegExp(l.pattern) })),
  };
}

/** Most severe first: a record that says both "fatal" and "corrected" is fatal. */
function severityPatterns(by: Partial<Record<EventSeverity, string>>): Array<[EventSeverity, RegExp]> {
  return (['error', 'warning', 'info'] as const).flatMap((level) => (by[level] !== undefined ? [[level, new RegExp(by[level]!)] as [EventSeverity, RegExp]] : []));
}

/** The first rule that claims a line (rules are tried in pack order), for `format`. */
export function classify(pack: CompiledPack, line: string, format?: string): { rule: CompiledRule; match?: RegExpExecArray } | undefined {
  for (const rule of pack.rules) {
    if (rule.formats && format && !rule.formats.includes(format)) continue;
    if (!containsOne(line, rule.literals)) continue;
    if (!rule.regex) return { rule };
    const match = rule.regex.exec(line);
    if (match) return { rule, match };
  }
  return undefined;
}

/** Whether `line` holds one of `literals` (a loop: this runs for every rule on every flagged line). */
function containsOne(line: string, literals: string[]): boolean {
  for (let i = 0; i < literals.length; i++) if (line.includes(literals[i])) return true;
  return false;
}
