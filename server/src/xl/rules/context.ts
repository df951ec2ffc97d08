// What every xl rule sees: the parsed file, the settings as xl reads them, the
// guest type, the target version, and a way to report findings.
import type { Finding, Fix, Related, Severity } from '../../core/findings';
import type { Span, XlAssignment, XlDocument } from '../ast';
import { XlConfig } from '../config';
import { LineIndex, wholeLine } from '../../core/text';
import type { GuestType, XenVersion } from '../schema/types';
import { RULE_SEVERITY } from './registry';

export interface GuestInfo {
  /** The type xl builds, or undefined when the file does not say it readably. */
  type: GuestType | undefined;
  /** The setting that decided it. */
  from: 'type' | 'builder' | 'default';
}

export class RuleContext {
  readonly findings: Finding[] = [];
  readonly cfg: XlConfig;
  readonly guest: GuestInfo;
  /** Keys whose assignment sits on a line xl cannot parse: present, but their value is unknown. */
  readonly unreadable: Set<string>;

  constructor(
    readonly doc: XlDocument,
    readonly version: XenVersion,
    readonly filename: string,
  ) {
    this.cfg = new XlConfig(doc);
    this.unreadable = unreadableKeys(doc);
    this.guest = guestType(this.cfg, this.unreadable);
  }

  report(
    code: string,
    span: Span,
    message: string,
    extra: { severity?: Severity; related?: Related[]; fixes?: Fix[] } = {},
  ): void {
    this.findings.push({
      code,
      severity: extra.severity ?? RULE_SEVERITY[code] ?? 'warning',
      message,
      start: span.start,
      end: Math.max(span.end, span.start),
      ...(extra.related ? { related: extra.related } : {}),
      ...(extra.fixes ? { fixes: extra.fixes } : {}),
    });
  }

  /** The assignments of `key`, in file order. */
  assignments(key: string): XlAssignment[] {
    return this.doc.assignments.filter((a) => a.key === key);
  }

  /**
   * What to delete to remove an assignment: its whole line when nothing else is on it
   * (a trailing `;` or comment goes with it), else just the statement and its `;`.
   */
  removal(a: Span): Span {
    const line = wholeLine(this.doc.text, a, /^[ \t]*;?[ \t]*(#.*)?\r?$/);
    if (line) return line;
    const semicolon = /[ \t]*;[ \t]*/y;
    semicolon.lastIndex = a.end;
    return { start: a.start, end: a.end + (semicolon.exec(this.doc.text)?.[0].length ?? 0) };
  }

  /** Whether the key is set, readably or not. */
  mentions(key: string): boolean {
    return this.cfg.has(key) || this.unreadable.has(key);
  }
}

/** The guest type as xl_parse.c decides it: `type` by prefix match, then `builder`, else PV. */
function guestType(cfg: XlConfig, unreadable: Set<string>): GuestInfo {
  if (unreadable.has('type') || unreadable.has('builder')) return { type: undefined, from: 'type' };
  const type = cfg.string('type');
  if (type !== undefined) {
    const t = prefixOf(type, ['hvm', 'pv', 'pvh']);
    return { type: t as GuestType | undefined, from: 'type' };
  }
  const builder = cfg.string('builder');
  if (builder !== undefined) {
    const b = prefixOf(builder, ['hvm', 'generic']);
    return { type: b === 'hvm' ? 'hvm' : b === 'generic' ? 'pv' : undefined, from: 'builder' };
  }
  if (cfg.has('type') || cfg.has('builder')) return { type: undefined, from: 'type' };
  return { type: 'pv', from: 'default' };
}

/** xl's `strncmp(value, name, strlen(value))`: the first name the value is a prefix of. */
export function prefixOf(value: string, names: string[]): string | undefined {
  return names.find((n) => n.startsWith(value));
}

function unreadableKeys(doc: XlDocument): Set<string> {
  const keys = new Set<string>();
  if (!doc.errors.length) return keys;
  const index = new LineIndex(doc.text);
  for (const e of doc.errors) {
    const line = index.position(e.span.start).line;
    const m = /^\s*([A-Za-z_][-._0-9A-Za-z]*)\s*\+?=/.exec(doc.text.slice(index.lineStart(line), index.lineEnd(line)));
    if (m) keys.add(m[1]);
  }
  return keys;
}
