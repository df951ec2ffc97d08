// The hover on a failure line: what the failure is and means (for a machine check, what
// its status word says), when it happened in UTC, and the failures around it as links.
import { markdownCell } from '../export/text';
import { CATEGORY_LABELS, type Timeline } from '../logs/correlate';
import { readableUtc } from '../logs/time';
import { correlatedWith, incidentOf, windowText } from './fileEvents';

export interface HoverContext {
  windowMs: number;
  /** The rule pack's explanation of a rule. */
  explain(rule: string): string | undefined;
  /** A Markdown link target that opens a file of the folder at a line. */
  link(file: string, line: number): string;
}

/** At most this many neighbours are listed; the CodeLens shows them all. */
const SHOWN = 12;

export function logHover(t: Timeline, index: number, ctx: HoverContext): string {
  const e = t.events[index];
  const label = CATEGORY_LABELS[e.category];
  const out = [`**${label[0].toUpperCase()}${label.slice(1)}** · ${e.severity} · \`${e.rule}\``, ''];
  const incident = incidentOf(t, index);
  const when = e.time ? `${readableUtc(e.time, true)} UTC` : 'no time could be found for this line';
  out.push(`${when}${incident === undefined ? '' : ` · incident ${incident + 1} of ${t.incidents.length}`}${e.domain ? ` · domain ${markdownCell(e.domain)}` : ''}`, '');
  const status = e.category === 'mce' ? /\[((?:un)?corrected [^\]]*)\]$/.exec(e.message)?.[1] : undefined;
  if (status) out.push(`Machine check status: **${markdownCell(status)}**`, '');
  const explain = ctx.explain(e.rule);
  if (explain) out.push(markdownCell(explain), '');
  // the incident summary ends with its resource context: "; preceded by dm-12 at 100 %util …"
  const context = incident === undefined ? undefined : /; ((?:preceded by|with) .*)$/.exec(t.incidents[incident].summary)?.[1];
  if (context) out.push(`Resource context: ${markdownCell(context)}`, '');
  const near = correlatedWith(t, index, ctx.windowMs);
  if (!near.length) {
    out.push(e.time ? `No other failure within ${windowText(ctx.windowMs)}.` : 'No other failure in its incident.');
    return out.join('\n');
  }
  out.push(e.time ? `**${near.length} correlated within ${windowText(ctx.windowMs)}:**` : `**${near.length} in the same incident:**`, '');
  for (const i of near.slice(0, SHOWN)) {
    const n = t.events[i];
    const offset = e.time && n.time ? `${signedSeconds(Date.parse(n.time) - Date.parse(e.time))} ` : '';
    out.push(`- ${offset}${n.category} [${markdownCell(`${n.file}:${n.line}`)}](${ctx.link(n.file, n.line)}) ${markdownCell(clip(n.message))}`);
  }
  if (near.length > SHOWN) out.push(`- … and ${near.length - SHOWN} more`);
  return out.join('\n');
}

function signedSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${s < 0 ? '−' : '+'}${Math.abs(s)} s`;
}

function clip(s: string): string {
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}
