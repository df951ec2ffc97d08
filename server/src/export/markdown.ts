// The incident timeline as Markdown: per incident, the resource context and a table of
// its failures with links to the log lines, then the failures no incident holds.
import type { ResourceEvent, Timeline, TimelineEvent } from '../logs/correlate';
import type { ExportContext } from './context';
import { fileLink, markdownCell, overviewText } from './text';

export function toMarkdown(t: Timeline, ctx: ExportContext): string {
  const out = [`# ${markdownCell(ctx.title)}`, '', overview(t, ctx), ''];
  t.incidents.forEach((inc, n) => {
    out.push(`## Incident ${n + 1}: ${markdownCell(inc.summary)}`, '', `${inc.start ?? 'no time'} → ${inc.end ?? 'no time'} (UTC)`, '');
    if (inc.resources.length) appendAll(out, ['Resource context:', '', ...resourceTable(inc.resources.map((i) => t.resources[i])), '']);
    appendAll(out, eventTable(inc.events.map((i) => t.events[i]), ctx));
    out.push('');
  });
  const held = new Set(t.incidents.flatMap((i) => i.events));
  const rest = t.events.filter((_, i) => !held.has(i));
  if (rest.length) {
    out.push('## Failures outside any incident', '');
    appendAll(out, eventTable(rest, ctx));
    out.push('');
  }
  return out.join('\n');
}

function overview(t: Timeline, ctx: ExportContext): string {
  return markdownCell(overviewText(t, ctx.folderLabel));
}

function eventTable(events: TimelineEvent[], ctx: ExportContext): string[] {
  return [
    '| Time | Source | Category | Severity | Domain | Message |',
    '| --- | --- | --- | --- | --- | --- |',
    ...events.map((e) => {
      const source = `[${markdownCell(`${e.file}:${e.line}`)}](${fileLink(ctx.linkTo(e.file), e.line)})`;
      return `| ${e.time ?? '—'} | ${source} | ${e.category} | ${e.severity} | ${markdownCell(e.domain ?? '')} | ${markdownCell(e.message)} |`;
    }),
  ];
}

function resourceTable(rs: ResourceEvent[]): string[] {
  return [
    '| From | To | Capture | Metric | Of | Peak | Baseline |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rs.map((r) => `| ${r.time} | ${r.end ?? r.time} | ${markdownCell(`${r.file}:${r.line}`)} | ${r.metric} | ${markdownCell(r.device ?? r.domain ?? 'host')} | ${r.value} | ${r.baseline} |`),
  ];
}

/** push(...rows) passes every row as an argument: a big incident would overflow the stack. */
function appendAll(out: string[], rows: string[]): void {
  for (const row of rows) out.push(row);
}
