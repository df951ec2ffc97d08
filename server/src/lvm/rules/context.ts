// What every lvm.conf rule sees: the parsed file, whether it is a profile, and a
// way to report findings with the rule's default severity.
import type { Finding, Fix, Related, Severity } from '../../core/findings';
import { LineIndex, wholeLine } from '../../core/text';
import type { LvmDocument, LvmNode, Span } from '../ast';
import { LVM_RULES } from './registry';

const SEVERITY: Record<string, Severity> = Object.fromEntries(LVM_RULES.map((r) => [r.id, r.severity]));

export class LvmContext {
  readonly findings: Finding[] = [];
  private lines?: LineIndex;

  constructor(
    readonly doc: LvmDocument,
    /** A command or metadata profile (`*.profile`): only profilable settings belong there. */
    readonly profile: boolean,
  ) {}

  report(code: string, span: Span, message: string, extra: { severity?: Severity; related?: Related[]; fixes?: Fix[] } = {}): void {
    this.findings.push({
      code,
      severity: extra.severity ?? SEVERITY[code] ?? 'warning',
      message,
      start: span.start,
      // at least one character wide, but never past the end (an error at end of file)
      end: Math.min(Math.max(span.end, span.start + 1), Math.max(this.doc.text.length, span.start)),
      ...(extra.related?.length ? { related: extra.related } : {}),
      ...(extra.fixes?.length ? { fixes: extra.fixes } : {}),
    });
  }

  /** The span that removes a node's whole line when nothing else is on it, else just the node. */
  removal(node: LvmNode): Span {
    return wholeLine(this.doc.text, node, /^\s*(#.*)?$/) ?? { start: node.start, end: node.end };
  }


  /** The line (1-based) of an offset, for messages that point elsewhere in the file. */
  line(offset: number): number {
    this.lines ??= new LineIndex(this.doc.text);
    return this.lines.position(offset).line + 1;
  }
}
