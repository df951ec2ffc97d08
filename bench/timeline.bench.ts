// Benchmark for the timeline webview budget (see bench/RESULTS.md): a chart of 1,000,000
// points from the view message to its first paint in headless chromium, the xenops page
// against uPlot drawing the same points, in turns, best of three each.
//   node out/bench/timeline.bench.js [--points 1000000]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, ensureBundle, launchChromium, ROOT, TimelinePage, writeTimelinePage } from '../test/browser/timelinePage';
import { writeSection } from './results';

const BUDGET_MS = 1000;
const UPLOT = path.join(ROOT, 'node_modules/uplot');

/** The page objects the timed function below touches (it runs in the page). */
interface PageBody {
  ownerDocument: {
    body: unknown;
    querySelector(selector: string): unknown;
    defaultView: {
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
      performance: { now(): number };
      requestAnimationFrame(callback: () => void): void;
      postMessage(message: unknown, target: string): void;
    };
  };
}

/**
 * Runs in the page: builds a view of one chart with `points` samples (a day and more of
 * 100 ms samples; packed arrays, as JSON.parse makes them) and five failures, then times
 * from posting it as the extension does (structured clone included) to the first animation
 * frame after the chart has drawn (`drawnSelector` matches once it has).
 */
function timeFirstPaint(body: PageBody, { points, drawnSelector }: { points: number; drawnSelector: string }): Promise<number> {
  const doc = body.ownerDocument;
  const win = doc.defaultView;
  const start = Date.UTC(2024, 6, 1);
  const xs: number[] = [];
  const ys: number[] = [];
  let seed = 42;
  for (let i = 0; i < points; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    xs.push(start + i * 100);
    ys.push(i % 50_000 < 300 ? 95 + (seed % 50) / 10 : 15 + (seed % 1000) / 50);
  }
  const end = xs[xs.length - 1];
  const markers = [1, 2, 3, 4, 5].map((k) => ({
    time: start + ((end - start) * k) / 6, category: 'disk-io', severity: 'error', message: `I/O error ${k}`,
    rule: 'kernel/io-error', domain: null, file: 'kern.log', line: k * 100,
  }));
  const view = {
    title: 'bench', start, end, markers, bands: [{ start: markers[1].time, end: markers[2].time, label: 'spike' }],
    charts: [{ id: 'disk-util', title: 'Device utilisation', unit: '%', series: [{ label: 'dm-3', metric: 'util', xs, ys }] }],
  };
  return new Promise((resolve) => {
    let t0 = 0;
    const observer = new win.MutationObserver(() => {
      if (!doc.querySelector(drawnSelector)) return;
      observer.disconnect();
      win.requestAnimationFrame(() => resolve(win.performance.now() - t0));
    });
    observer.observe(doc.body, { subtree: true, childList: true, attributes: true });
    t0 = win.performance.now();
    win.postMessage({ type: 'view', view }, '*');
  });
}

/** A minimal uPlot page that draws the first series of a view message the same way. */
function writeUplotPage(dir: string): string {
  fs.writeFileSync(path.join(dir, 'uplot-page.js'), `window.addEventListener('message', (event) => {
  const series = event.data.view.charts[0].series[0];
  const el = document.getElementById('chart');
  new uPlot({
    width: el.clientWidth, height: 240, ms: 1, scales: { x: { time: true } },
    series: [{}, { label: series.label, stroke: '#3794ff', width: 1.5 }],
    hooks: { draw: [() => { el.dataset.drawn = '1'; }] },
  }, [series.xs, series.ys], el);
});
`);
  const file = path.join(dir, 'uplot.html');
  fs.writeFileSync(file, `<!DOCTYPE html>
<html><head><meta charset="UTF-8"><link rel="stylesheet" href="${pathToFileURL(path.join(UPLOT, 'dist/uPlot.min.css')).href}"></head>
<body style="margin: 0 16px"><div id="chart"></div>
<script src="${pathToFileURL(path.join(UPLOT, 'dist/uPlot.iife.min.js')).href}"></script>
<script src="uplot-page.js"></script></body></html>
`);
  return pathToFileURL(file).href;
}

async function timeXenops(browser: Browser, url: string, points: number): Promise<{ ms: number; stateCopyMs: number }> {
  const t = await TimelinePage.open(browser, url);
  try {
    const ms = await t.body.evaluate(timeFirstPaint, { points, drawnSelector: '#charts canvas[data-x-max]' });
    await t.waitFor(() => t.stateCopyMs.length > 0, 'the state to be stored', 30_000);
    if (t.errors.length || t.violations.length) throw new Error([...t.errors, ...t.violations].join('\n'));
    return { ms, stateCopyMs: t.stateCopyMs[0] };
  } finally {
    await t.close();
  }
}

async function timeUplot(browser: Browser, url: string, points: number): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, deviceScaleFactor: 1 });
  try {
    const page: Page = await context.newPage();
    await page.goto(url);
    return await page.locator('body').evaluate(timeFirstPaint, { points, drawnSelector: '#chart[data-drawn]' });
  } finally {
    await context.close();
  }
}

const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;

async function main(): Promise<void> {
  const pointsArg = process.argv.indexOf('--points');
  const points = pointsArg > 0 ? Number(process.argv[pointsArg + 1]) : 1_000_000;
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium to run this benchmark`);
  ensureBundle();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-timeline-bench-'));
  const browser = await launchChromium();
  try {
    const xenopsUrl = writeTimelinePage(dir);
    const uplotUrl = writeUplotPage(dir);
    // in turns, a fresh page each time (as a panel opens), so a slow moment hits both alike
    const xenops: Array<{ ms: number; stateCopyMs: number }> = [];
    const uplot: number[] = [];
    for (let i = 0; i < 3; i++) {
      xenops.push(await timeXenops(browser, xenopsUrl, points));
      uplot.push(await timeUplot(browser, uplotUrl, points));
    }
    const bestXenops = Math.min(...xenops.map((r) => r.ms));
    const bestUplot = Math.min(...uplot);
    const version = await browser.version();
    const n = points.toLocaleString('en-US');
    writeSection('timeline', [
      `| xenops timeline page (chromium ${version}): view message with one chart of ${n} points, 5 failures and a band → first paint; runs ${xenops.map((r) => fmt(r.ms)).join(', ')} | **${fmt(bestXenops)}** | first paint ≤ 1 s | ${bestXenops <= BUDGET_MS ? 'met' : 'MISSED'} |`,
      `| uPlot ${uplotVersion()}: the same message → first paint of the same ${n} points; runs ${uplot.map(fmt).join(', ')} | ${fmt(bestUplot)} | reference | xenops / uPlot = **${(bestXenops / bestUplot).toFixed(1)}×** |`,
      `| After the paint: the page's setState, copied as JSON as VS Code copies it (${n} points) | ${fmt(Math.min(...xenops.map((r) => r.stateCopyMs)))} | — | — |`,
    ]);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function uplotVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(UPLOT, 'package.json'), 'utf8')) as { version: string }).version;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
