// The incident timeline as one self-contained HTML page: charts as embedded SVG images,
// failures in tables that link to the log lines. No script and no request leaves the file
// (its Content-Security-Policy forbids both); every log string is escaped.
import type { Capture } from '../captures/types';
import type { Timeline, TimelineEvent } from '../logs/correlate';
import { categoryColor } from '../timeline/palette';
import { buildView } from '../timeline/view';
import type { ExportContext } from './context';
import { svgChart } from './svgChart';
import { escapeHtml, fileLink, overviewText } from './text';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:12px}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
td.msg{font-family:ui-monospace,monospace;word-break:break-all}.cat{display:inline-block;width:.8em;height:.8em;margin-right:.3em;border-radius:2px}
img{max-width:100%;display:block;margin:.5em 0}.meta{color:#555}`;

export function toHtml(t: Timeline, captures: Capture[], ctx: ExportContext): string {
  const body: string[] = [`<h1>${escapeHtml(ctx.title)}</h1>`];
  body.push(`<p class="meta">${escapeHtml(overviewText(t, ctx.folderLabel))}</p>`);
  const sections = t.incidents.length ? t.incidents.map((_, i) => i) : [undefined];
  for (const index of sections) {
    const inc = index === undefined ? undefined : t.incidents[index];
    const title = inc ? `Incident ${index! + 1}: ${inc.summary}` : 'All failures';
    const view = buildView(t, captures, { incident: index, title });
    const events = inc ? inc.events.map((i) => t.events[i]) : t.events;
    body.push(`<h2>${escapeHtml(title)}</h2>`);
    if (inc) body.push(`<p class="meta">${escapeHtml(`${inc.start ?? 'no time'} → ${inc.end ?? 'no time'}`)}</p>`);
    const numbers = markerNumbers(events);
    for (const chart of view.charts) {
      const svg = svgChart(chart, view, numbers);
      body.push(`<img alt="${escapeHtml(chart.title)}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`);
    }
    if (inc?.resources.length) body.push(resourceTable(inc.resources.map((i) => t.resources[i])));
    body.push(eventTable(events, ctx));
  }
  const csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(ctx.title)}</title><style>${STYLE}</style></head>
<body>
${body.join('\n')}
</body></html>
`;
}

/** Marker k (the k-th timed event) carries the number of its row in the table. */
function markerNumbers(events: TimelineEvent[]): Map<number, string> {
  const out = new Map<number, string>();
  let k = 0;
  events.forEach((e, i) => {
    if (e.time !== null) out.set(k++, String(i + 1));
  });
  return out;
}

function eventTable(events: TimelineEvent[], ctx: ExportContext): string {
  const rows = events.map((e, i) => {
    const source = `<a href="${escapeHtml(fileLink(ctx.linkTo(e.file), e.line))}">${escapeHtml(`${e.file}:${e.line}`)}</a>`;
    const cat = `<span class="cat" style="background:${categoryColor(e.category)}"></span>${e.category}`;
    return `<tr><td>${i + 1}</td><td>${e.time ?? '—'}</td><td>${source}</td><td>${cat}</td><td>${e.severity}</td><td>${escapeHtml(e.domain ?? '')}</td><td class="msg">${escapeHtml(e.message)}</td></tr>`;
  });
  return `<table><thead><tr><th>#</th><th>Time</th><th>Source</th><th>Category</th><th>Severity</th><th>Domain</th><th>Message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function resourceTable(rs: Timeline['resources']): string {
  const rows = rs.map(
    (r) => `<tr><td>${r.time}</td><td>${r.end ?? r.time}</td><td>${escapeHtml(`${r.file}:${r.line}`)}</td><td>${escapeHtml(r.metric)}</td><td>${escapeHtml(r.device ?? r.domain ?? 'host')}</td><td>${r.value}</td><td>${r.baseline}</td></tr>`,
  );
  return `<p>Resource context:</p><table><thead><tr><th>From</th><th>To</th><th>Capture</th><th>Metric</th><th>Of</th><th>Peak</th><th>Baseline</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
