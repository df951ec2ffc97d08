// The HTML of the incident timeline webview. Pure (no 'vscode' import): the panel and the
// browser tests build the page with the same function. The page runs one script, bundled
// from media/timeline/, which draws whatever the extension sends; this HTML holds no data.

export interface TimelineHtmlOptions {
  /** webview.cspSource: where the bundle and its stylesheet may load from. */
  cspSource: string;
  /** A fresh random value per page (letters and digits); only the bundle's tags carry it. */
  nonce: string;
  /** webview.asWebviewUri of dist/media/timeline.js and dist/media/timeline.css. */
  scriptUri: string;
  styleUri: string;
  /** The tab title, until the view's own title arrives. */
  title: string;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** No inline code and no eval: only the nonce'd bundle runs; styles come from its stylesheet. */
export function timelineCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function timelineHtml(opts: TimelineHtmlOptions): string {
  const a = (text: string): string => escapeHtml(text);
  const title = escapeHtml(opts.title);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(timelineCsp(opts.cspSource, opts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${a(opts.styleUri)}" nonce="${a(opts.nonce)}">
<title>${title}</title>
</head>
<body>
<header class="toolbar">
<h1 id="title">${title}</h1>
<button type="button" id="reset-zoom" disabled>Reset zoom</button>
<p class="hint">Ctrl+wheel or pinch to zoom, drag to pan, Shift+drag to zoom to a range; click a failure line or row to open its log.</p>
</header>
<p id="status" role="status">Loading the timeline…</p>
<main id="charts"></main>
<section id="failures" aria-labelledby="failures-heading" hidden>
<h2 id="failures-heading">Failures (<span id="failure-count">0</span>)</h2>
<table>
<thead><tr><th scope="col">Time (UTC)</th><th scope="col">Category</th><th scope="col">Domain</th><th scope="col">Message</th><th scope="col">Log line</th></tr></thead>
<tbody id="failure-rows"></tbody>
</table>
</section>
<script nonce="${a(opts.nonce)}" src="${a(opts.scriptUri)}"></script>
</body>
</html>
`;
}
