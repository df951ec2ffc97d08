// Loads the built timeline page (dist/media/timeline.{js,css}) into headless Debian chromium,
// as VS Code would: the HTML from timelineHtml with a strict CSP, and a stand-in for
// acquireVsCodeApi that records what the page posts and keeps its state across reloads.
// The benchmark uses the same harness.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { timelineHtml } from '../../client/src/timeline/html';
import type { FromWebview, TimelineView, WebviewState } from '../../server/src/timeline/types';

/** The repository root (this file runs from out/test/browser/). */
export const ROOT = path.resolve(__dirname, '../../..');
export const CHROMIUM = '/usr/bin/chromium';
export const BUNDLE = path.join(ROOT, 'dist/media/timeline.js');
export const STYLESHEET = path.join(ROOT, 'dist/media/timeline.css');
export const NONCE = 'VGVzdE5vbmNlMDEyMzQ1Njc4OWFiY2RlZg';
/** Pages load from file:// here, as from https://*.vscode-cdn.net in VS Code. */
export const CSP_SOURCE = 'file:';

/** Builds the bundles when dist/media/timeline.js is missing (npm test builds them first). */
export function ensureBundle(): void {
  if (!fs.existsSync(BUNDLE) || !fs.existsSync(STYLESHEET)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Writes the page to `dir` and returns its file:// URL. */
export function writeTimelinePage(dir: string, title = 'Timeline'): string {
  const file = path.join(dir, 'timeline.html');
  fs.writeFileSync(file, timelineHtml({
    cspSource: CSP_SOURCE,
    nonce: NONCE,
    scriptUri: pathToFileURL(BUNDLE).href,
    styleUri: pathToFileURL(STYLESHEET).href,
    title,
  }));
  return pathToFileURL(file).href;
}

// Runs in the page before its own script. setState copies the state as JSON, as VS Code
// does, and keeps it in sessionStorage, which survives a reload of the tab as VS Code's
// webview state does (or in memory, when too large for sessionStorage). Everything is reported
// to the test through the __xenopsHost binding; states over 1 MB only by their size.
const VSCODE_STUB = `(() => {
  const KEY = 'xenops.timeline.state';
  const theme = __THEME__;
  if (theme) {
    // as VS Code does, the theme is on <html> and <body> before the page's script runs
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      observer.disconnect();
      for (const [name, value] of Object.entries(theme.variables)) document.documentElement.style.setProperty(name, value);
      document.body.classList.add(theme.className);
    }).observe(document, { childList: true, subtree: true });
  }
  const report = (kind, payload, ms) => window.__xenopsHost(kind, payload, ms ?? 0);
  document.addEventListener('securitypolicyviolation', (e) =>
    report('csp', JSON.stringify({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample })));
  let acquired = false;
  let large;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called only once');
    acquired = true;
    return Object.freeze({
      postMessage: (message) => report('post', JSON.stringify(message)),
      getState: () => {
        const saved = sessionStorage.getItem(KEY) ?? large;
        return saved === undefined || saved === null ? undefined : JSON.parse(saved);
      },
      setState: (state) => {
        const started = performance.now();
        const json = JSON.stringify(state);
        const ms = performance.now() - started;
        try {
          sessionStorage.setItem(KEY, json);
        } catch {
          sessionStorage.removeItem(KEY);
          large = json;
        }
        report('state', json.length <= 1e6 ? json : JSON.stringify({ size: json.length }), ms);
        return state;
      },
    });
  };
})();`;

/** The parts of a page element the functions below use inside the page. */
interface PageElement {
  ownerDocument: {
    defaultView: { postMessage(message: unknown, target: string): void } & Record<string, unknown>;
    documentElement: { style: { setProperty(name: string, value: string): void } };
    body: { classList: { add(name: string): void; remove(...names: string[]): void } };
  };
}
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}

export type Rgb = [number, number, number];

/** A VS Code theme as a webview sees it: a class on <body>, CSS variables on <html>. */
export interface Theme {
  className: string;
  variables: Record<string, string>;
}

/** Where a chart draws: the visible time range and the plot area (CSS px in the canvas). */
export interface Plot {
  min: number;
  max: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function xOf(plot: Plot, time: number): number {
  return plot.left + ((time - plot.min) / (plot.max - plot.min)) * (plot.right - plot.left);
}

export class TimelinePage {
  /** Messages the page posted to the extension, in order. */
  readonly posted: FromWebview[] = [];
  /** Every state the page stored, parsed (states over 1 MB as their size only). */
  readonly states: WebviewState[] = [];
  /** How long each setState took to copy the state as JSON, ms. */
  readonly stateCopyMs: number[] = [];
  readonly violations: string[] = [];
  /** Uncaught exceptions and console errors. */
  readonly errors: string[] = [];

  private constructor(readonly context: BrowserContext, readonly page: Page, readonly url: string) {}

  static async open(browser: Browser, url: string, options: { timezoneId?: string; theme?: Theme } = {}): Promise<TimelinePage> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, deviceScaleFactor: 1,
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}) });
    const page = await context.newPage();
    const t = new TimelinePage(context, page, url);
    await context.exposeBinding('__xenopsHost', (_source, kind: string, payload: string, ms: number) => {
      if (kind === 'post') t.posted.push(JSON.parse(payload) as FromWebview);
      else if (kind === 'state') {
        t.states.push(JSON.parse(payload) as WebviewState);
        t.stateCopyMs.push(ms);
      } else if (kind === 'csp') t.violations.push(payload);
    });
    await context.addInitScript(VSCODE_STUB.replace('__THEME__', JSON.stringify(options.theme ?? null)));
    page.on('pageerror', (error) => t.errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) t.errors.push(`console: ${message.text()}`);
    });
    await page.goto(url);
    await t.waitFor(() => t.posted.some((m) => m.type === 'ready'), 'the page to post ready');
    return t;
  }

  close(): Promise<void> {
    return this.context.close();
  }

  get body(): Locator {
    return this.page.locator('body');
  }

  /** Sends the view as the extension does (webview.postMessage arrives as a window message). */
  async postView(view: TimelineView): Promise<void> {
    await this.body.evaluate((body: PageElement, message) => body.ownerDocument.defaultView.postMessage(message, '*'),
      { type: 'view', view });
  }

  /** Switches the theme as VS Code does: new variables on <html>, another class on <body>. */
  async setTheme(theme: Theme): Promise<void> {
    await this.body.evaluate((body: PageElement, { className, variables }) => {
      const doc = body.ownerDocument;
      for (const [name, value] of Object.entries(variables)) doc.documentElement.style.setProperty(name, value);
      doc.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light');
      doc.body.classList.add(className);
    }, theme);
  }

  /** A global of the page (to see that injected markup did not run). */
  pageGlobal(name: string): Promise<unknown> {
    return this.body.evaluate((body: PageElement, key) => body.ownerDocument.defaultView[key], name);
  }

  canvases(): Locator {
    return this.page.locator('#charts canvas');
  }

  canvas(chartId: string): Locator {
    return this.page.locator(`#charts canvas[data-chart-id="${chartId}"]`);
  }

  /** Waits until `count` charts are drawn (the canvases carry their plot attributes). */
  async waitForCharts(count: number): Promise<void> {
    const drawn = this.page.locator('#charts canvas[data-x-max]');
    await this.waitFor(async () => (await drawn.count()) === count, `${count} charts`);
  }

  async plot(chartId: string): Promise<Plot> {
    const canvas = this.canvas(chartId);
    const read = async (name: string): Promise<number> => Number(await canvas.getAttribute(`data-${name}`));
    return { min: await read('x-min'), max: await read('x-max'), left: await read('plot-left'),
      right: await read('plot-right'), top: await read('plot-top'), bottom: await read('plot-bottom') };
  }

  /** Columns of canvas row `y` whose pixel is within `tolerance` (RGB distance) of `rgb`. */
  async columnsOfColor(chartId: string, y: number, rgb: Rgb, tolerance = 60): Promise<number[]> {
    return this.canvas(chartId).evaluate((canvas: PageCanvas, { y, rgb, tolerance }) => {
      const row = canvas.getContext('2d').getImageData(0, Math.round(y), canvas.width, 1).data;
      const found: number[] = [];
      for (let x = 0; x < canvas.width; x++) {
        const [r, g, b, a] = [row[4 * x], row[4 * x + 1], row[4 * x + 2], row[4 * x + 3]];
        if (a > 200 && Math.hypot(r - rgb[0], g - rgb[1], b - rgb[2]) <= tolerance) found.push(x);
      }
      return found;
    }, { y, rgb, tolerance });
  }

  /** Pixels in a rectangle of the canvas: how many are drawn at all, and how many are near `rgb`. */
  async pixelsIn(chartId: string, rect: { left: number; top: number; right: number; bottom: number }, rgb?: Rgb,
    tolerance = 60): Promise<{ drawn: number; matching: number; centre?: { x: number; y: number } }> {
    return this.canvas(chartId).evaluate((canvas: PageCanvas, { rect, rgb, tolerance }) => {
      const left = Math.max(0, Math.round(rect.left));
      const top = Math.max(0, Math.round(rect.top));
      const w = Math.min(canvas.width, Math.round(rect.right)) - left;
      const h = Math.min(canvas.height, Math.round(rect.bottom)) - top;
      const data = canvas.getContext('2d').getImageData(left, top, w, h).data;
      let drawn = 0;
      let matching = 0;
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < w * h; i++) {
        const [r, g, b, a] = [data[4 * i], data[4 * i + 1], data[4 * i + 2], data[4 * i + 3]];
        if (a === 0) continue;
        drawn++;
        if (rgb && a > 200 && Math.hypot(r - rgb[0], g - rgb[1], b - rgb[2]) <= tolerance) {
          matching++;
          sx += left + (i % w);
          sy += top + Math.floor(i / w);
        }
      }
      return { drawn, matching, ...(matching ? { centre: { x: sx / matching, y: sy / matching } } : {}) };
    }, { rect, rgb, tolerance });
  }

  /** The RGBA of one canvas pixel. */
  async pixelAt(chartId: string, x: number, y: number): Promise<number[]> {
    return this.canvas(chartId).evaluate((canvas: PageCanvas, { x, y }) =>
      Array.from(canvas.getContext('2d').getImageData(Math.round(x), Math.round(y), 1, 1).data), { x, y });
  }

  /** A digest of every pixel of a canvas, to compare two drawings. */
  async canvasDigest(chartId: string): Promise<string> {
    return this.canvas(chartId).evaluate((canvas: PageCanvas) => {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let hash = 2166136261;
      for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i], 16777619) >>> 0;
      return `${canvas.width}x${canvas.height}:${hash.toString(16)}`;
    });
  }

  /** Clicks the canvas of a chart at a point given in the canvas's CSS pixels. */
  async clickCanvas(chartId: string, x: number, y: number): Promise<void> {
    await this.canvas(chartId).click({ position: { x, y } });
  }

  /** Polls `condition` until it holds (the page answers asynchronously). */
  async waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  lastState(): WebviewState | undefined {
    return this.states[this.states.length - 1];
  }
}

/** A temporary folder with the page, removed by the returned function. */
export function pageDir(): { dir: string; url: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-timeline-'));
  return { dir, url: writeTimelinePage(dir), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** "#e03131" or "rgb(224, 49, 49)" as numbers. */
export function parseRgb(css: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css.trim());
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not a colour: ${css}`);
}
