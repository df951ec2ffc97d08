// The timeline webview page in headless chromium: the built bundle under its real CSP, fed
// as the extension feeds it. Positions are checked on the drawn pixels against the x scale
// each canvas reports (data-x-min/-max, data-plot-*), clicks go where a user would click.
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { timelineCsp } from '../../client/src/timeline/html';
import type { Marker, TimelineView } from '../../server/src/timeline/types';
import { requireTool } from '../tools';
import { fixtureView, T0, XSS_IMG, XSS_SCRIPT } from './timelineFixture';
import {
  CHROMIUM, CSP_SOURCE, ensureBundle, launchChromium, NONCE, pageDir, parseRgb, type Plot, type Rgb, type Theme, TimelinePage, xOf,
} from './timelinePage';

// VS Code sets these on <html>; pure colours far from every category colour, so that a
// series and a failure line can never be mistaken for each other on the canvas.
const THEME: Theme = {
  className: 'vscode-dark',
  variables: {
    '--vscode-editor-background': '#181818',
    '--vscode-editor-foreground': '#d4d4d4',
    '--vscode-panel-border': '#3c3c3c',
    '--vscode-font-family': 'sans-serif',
    '--vscode-charts-blue': '#00e5ff', // the first series of a chart
    '--vscode-charts-red': '#ffee00', // the second
  },
};
const FIRST: Rgb = [0x00, 0xe5, 0xff];
const SECOND: Rgb = [0xff, 0xee, 0x00];
const CHART_IDS = ['disk-util', 'disk-latency', 'cpu'];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('timeline webview page (chromium)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: { url: string; remove(): void };
  let t: TimelinePage | undefined;
  let view: TimelineView;

  before(async function () {
    requireTool(this, CHROMIUM);
    ensureBundle();
    browser = await launchChromium();
    page = pageDir();
  });
  after(async () => {
    await browser?.close();
    page?.remove();
  });
  beforeEach(() => {
    view = fixtureView();
  });
  afterEach(async () => {
    const current = t;
    t = undefined;
    if (!current) return;
    await current.close();
    assert.deepEqual(current.violations, [], 'no Content Security Policy violation');
    assert.deepEqual(current.errors, [], 'no page error');
  });

  /** A page in the test theme, showing the fixture. */
  async function openWithView(options: { theme?: boolean; timezoneId?: string } = {}): Promise<TimelinePage> {
    t = await TimelinePage.open(browser, page.url, { timezoneId: options.timezoneId, theme: options.theme === false ? undefined : THEME });
    const p = t;
    await p.postView(view);
    await p.waitFor(async () => (await p.page.locator('#title').textContent()) === view.title, 'the view to be drawn');
    await p.waitForCharts(view.charts.length);
    return p;
  }

  /** The swatch colour of a category in the failure list: the colour its lines are drawn in. */
  async function categoryRgb(p: TimelinePage, category: string): Promise<Rgb> {
    const swatch = p.page.locator('#failure-rows td.category', { hasText: category }).first().locator('.swatch');
    return parseRgb(await swatch.evaluate((el: { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } } } }) =>
      el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor));
  }

  /** Asserts each visible marker is drawn, in its colour, only where the chart's x scale puts its time. */
  async function assertMarkersAt(p: TimelinePage, chartId: string, markers: Marker[]): Promise<Plot> {
    const plot = await p.plot(chartId);
    const row = plot.bottom - 6; // below the series, above the axis line
    for (const marker of markers) {
      const columns = await p.columnsOfColor(chartId, row, await categoryRgb(p, marker.category), 20);
      if (marker.time < plot.min || marker.time > plot.max) {
        assert.deepEqual(columns, [], `${marker.category} is outside ${chartId}'s range and not drawn`);
        continue;
      }
      const expected = xOf(plot, marker.time);
      assert.ok(columns.length > 0, `${marker.category} is drawn on ${chartId}`);
      for (const x of columns) {
        assert.ok(Math.abs(x + 0.5 - expected) <= 1.5,
          `${marker.category} on ${chartId}: pixel column ${x}, the x scale puts ${marker.time} at ${expected.toFixed(2)}`);
      }
    }
    return plot;
  }

  async function seriesPixels(p: TimelinePage, chartId: string, rgb: Rgb): Promise<number> {
    return (await p.pixelsIn(chartId, await p.plot(chartId), rgb)).matching;
  }

  function opens(p: TimelinePage): Array<{ type: string }> {
    return p.posted.filter((m) => m.type === 'open');
  }

  async function assertOneOpen(p: TimelinePage, before: number, marker: Marker, how: string): Promise<void> {
    await p.waitFor(() => opens(p).length > before, `${how} to post open`);
    await sleep(150); // a second post would come right away
    assert.deepEqual(opens(p).slice(before), [{ type: 'open', file: marker.file, line: marker.line }], how);
  }

  /** Ctrl+wheel over the middle of a chart, `steps` notches towards the user (zoom in). */
  async function wheelZoom(p: TimelinePage, chartId: string, steps: number): Promise<void> {
    const box = await p.canvas(chartId).boundingBox();
    assert.ok(box);
    const plot = await p.plot(chartId);
    await p.page.mouse.move(box.x + xOf(plot, T0 + 5 * 60_000), box.y + (plot.top + plot.bottom) / 2);
    await p.page.keyboard.down('Control');
    for (let i = 0; i < steps; i++) await p.page.mouse.wheel(0, -100);
    await p.page.keyboard.up('Control');
  }

  async function ranges(p: TimelinePage): Promise<Array<[number, number]>> {
    const plots = await Promise.all(CHART_IDS.map((id) => p.plot(id)));
    return plots.map((plot) => [plot.min, plot.max]);
  }

  it('posts ready once loaded and draws nothing before a view arrives', async () => {
    t = await TimelinePage.open(browser, page.url);
    await sleep(200);
    assert.deepEqual(t.posted, [{ type: 'ready' }]);
    assert.equal(await t.canvases().count(), 0);
    assert.equal(await t.page.locator('#status').isVisible(), true);
  });

  it('draws one chart per chart of the view, in order, each with its series', async () => {
    const p = await openWithView();
    assert.deepEqual(await p.canvases().evaluateAll((all: Array<{ dataset: { chartId: string } }>) =>
      all.map((c) => c.dataset.chartId)), CHART_IDS);
    assert.deepEqual(await p.page.locator('#charts h2').allTextContents(), view.charts.map((c) => c.title));
    for (const chart of view.charts) {
      const plot = await p.plot(chart.id);
      assert.deepEqual([plot.min, plot.max], [view.start, view.end], `${chart.id} opens on the view's span`);
      const { drawn } = await p.pixelsIn(chart.id, plot);
      assert.ok(drawn > 2000, `${chart.id} is not blank (${drawn} pixels drawn)`);
      assert.ok(await seriesPixels(p, chart.id, FIRST) > 100, `${chart.id}: first series drawn`);
      const second = await seriesPixels(p, chart.id, SECOND);
      assert.equal(second > 100, chart.series.length > 1, `${chart.id}: second series drawn only if it has one (${second})`);
    }
    assert.equal(await p.page.locator('#status').isVisible(), false);
  });

  it('says so when no capture covers the span, and still lists the failures', async () => {
    view.charts = [];
    const p = await openWithView();
    assert.equal(await p.canvases().count(), 0);
    assert.equal(await p.page.locator('#status').textContent(), 'No captures cover this time span.');
    assert.equal(await p.page.locator('#failure-rows tr').count(), view.markers.length);
    assert.equal(await p.page.locator('#failure-count').textContent(), String(view.markers.length));
  });

  it('draws each failure as a line in its category colour where the x scale puts its time, and the spike band', async () => {
    const p = await openWithView();
    for (const id of CHART_IDS) await assertMarkersAt(p, id, view.markers);
    // the band tints the plot between its start and end only
    const plot = await p.plot('disk-latency');
    const y = plot.bottom - 20;
    const inside = await p.pixelAt('disk-latency', xOf(plot, T0 + 4.5 * 60_000), y);
    const outside = await p.pixelAt('disk-latency', xOf(plot, T0 + 3.5 * 60_000), y);
    const after = await p.pixelAt('disk-latency', xOf(plot, T0 + 6.5 * 60_000), y);
    assert.ok(inside[3] > 0, `the band is drawn (${inside})`);
    assert.deepEqual([outside[3], after[3]], [0, 0], 'nothing drawn beside the band');
  });

  it('posts open with the file and line of a failure line that is clicked, once, and nothing for a click beside it', async () => {
    const p = await openWithView();
    const plot = await p.plot('disk-latency');
    const y = (plot.top + plot.bottom) / 2;
    for (const marker of view.markers) {
      const before = opens(p).length;
      await p.clickCanvas('disk-latency', xOf(plot, marker.time), y);
      await assertOneOpen(p, before, marker, `a click on the ${marker.category} line`);
    }
    const count = opens(p).length;
    await p.clickCanvas('disk-latency', xOf(plot, T0 + 3.5 * 60_000), y);
    await sleep(300);
    assert.equal(opens(p).length, count, 'a click away from the lines opens nothing');
  });

  it('opens a failure from its row by click, Enter and Space; the arrow keys move between rows', async () => {
    const p = await openWithView();
    const rows = p.page.locator('#failure-rows tr');
    const sorted = [...view.markers].sort((a, b) => a.time - b.time);
    assert.equal(await rows.count(), sorted.length);
    let before = opens(p).length;
    await rows.nth(1).click();
    await assertOneOpen(p, before, sorted[1], 'a click on the second row');
    before = opens(p).length;
    await rows.nth(0).focus();
    await p.page.keyboard.press('Enter');
    await assertOneOpen(p, before, sorted[0], 'Enter on the first row');
    before = opens(p).length;
    await p.page.keyboard.press('ArrowDown');
    await p.page.keyboard.press('ArrowDown');
    await p.page.keyboard.press('Space');
    await assertOneOpen(p, before, sorted[2], 'Space on the third row');
  });

  it('shows the text of logs as text: markup in a failure, domain, label or title never becomes elements', async () => {
    const p = await openWithView();
    const messages = await p.page.locator('#failure-rows td.message').allTextContents();
    assert.deepEqual(messages, [XSS_IMG, XSS_SCRIPT, view.markers[2].message]);
    assert.deepEqual(await p.page.locator('#failure-rows td.domain').allTextContents(), ['', 'web05<b>', '']);
    assert.deepEqual(await p.page.locator('#failure-rows td.location').allTextContents(),
      ['console.log:12', 'xl/xl-web05.log:7', 'kern.log:4031']);
    assert.equal(await p.page.locator('#title').textContent(), view.title);
    assert.equal(await p.page.title(), view.title);
    await sleep(200); // an injected image would fail to load and run its onerror by now
    assert.equal(await p.pageGlobal('pwned'), undefined);
    assert.equal(await p.page.locator('img, b, i').count(), 0, 'no element from the log text');
    assert.equal(await p.page.locator('script').count(), 1, 'only the page bundle');
  });

  it('zooms every chart with Ctrl+wheel on one, moves the lines with it, stores the range, and resets', async () => {
    const p = await openWithView();
    const reset = p.page.locator('#reset-zoom');
    assert.equal(await reset.isDisabled(), true);
    await wheelZoom(p, 'disk-util', 5);
    await p.waitFor(async () => {
      const [a, b, c] = await ranges(p);
      return a[1] - a[0] < view.end - view.start && b[0] === a[0] && b[1] === a[1] && c[0] === a[0] && c[1] === a[1];
    }, 'the other charts to follow the zoom');
    const [zoomed] = await ranges(p);
    assert.ok(zoomed[0] > view.start && zoomed[1] < view.end, `zoomed in around 09:05 (${zoomed})`);
    for (const id of CHART_IDS) await assertMarkersAt(p, id, view.markers);
    await p.waitFor(() => p.lastState()?.zoom !== undefined, 'the zoom to be stored');
    assert.deepEqual(p.lastState()?.zoom, { min: zoomed[0], max: zoomed[1] });
    assert.equal(await reset.isDisabled(), false);

    await reset.click();
    await p.waitFor(async () => (await ranges(p)).every(([min, max]) => min === view.start && max === view.end),
      'every chart back on the view span');
    await p.waitFor(() => p.lastState()?.zoom === undefined, 'the stored zoom to be cleared');
    assert.equal(await reset.isDisabled(), true);
  });

  it('pans every chart when one is dragged', async () => {
    const p = await openWithView();
    await wheelZoom(p, 'cpu', 3); // panning stops at the data's ends: make room first
    await p.waitFor(() => p.lastState()?.zoom !== undefined, 'the zoom to be stored');
    const [before] = await ranges(p);
    const box = await p.canvas('disk-latency').boundingBox();
    assert.ok(box);
    const plot = await p.plot('disk-latency');
    const y = box.y + plot.bottom - 30;
    await p.page.mouse.move(box.x + 600, y);
    await p.page.mouse.down();
    for (let step = 1; step <= 10; step++) await p.page.mouse.move(box.x + 600 - 20 * step, y);
    await p.page.mouse.up();
    await p.waitFor(async () => {
      const [a, b, c] = await ranges(p);
      return a[0] > before[0] && b[0] === a[0] && c[0] === a[0] && c[1] === a[1];
    }, 'all charts to move later in time');
    const [after] = await ranges(p);
    assert.ok(Math.abs((after[1] - after[0]) - (before[1] - before[0])) < 1, 'a pan keeps the width of the range');
    await p.waitFor(() => p.lastState()?.zoom?.min === after[0], 'the panned range to be stored');
  });

  it('switches a series off and on from its legend entry, and remembers it', async () => {
    const p = await openWithView();
    const plot = await p.plot('disk-util');
    const legend = await p.pixelsIn('disk-util', { left: 0, top: 0, right: 2000, bottom: plot.top }, SECOND, 10);
    assert.ok(legend.centre, 'the second series has a legend entry');
    assert.ok(await seriesPixels(p, 'disk-util', SECOND) > 100);

    await p.clickCanvas('disk-util', legend.centre.x, legend.centre.y);
    await p.waitFor(async () => (await seriesPixels(p, 'disk-util', SECOND)) === 0, 'the series to disappear');
    assert.ok(await seriesPixels(p, 'disk-util', FIRST) > 100, 'the other series stays');
    await p.waitFor(() => (p.lastState()?.hidden.length ?? 0) > 0, 'the switch to be stored');
    assert.deepEqual(p.lastState()?.hidden, ['disk-util/<b>dm-4</b>']);
    assert.equal(opens(p).length, 0, 'a legend click opens nothing');

    await p.clickCanvas('disk-util', legend.centre.x, legend.centre.y);
    await p.waitFor(async () => (await seriesPixels(p, 'disk-util', SECOND)) > 100, 'the series to come back');
    await p.waitFor(() => p.lastState()?.hidden.length === 0, 'the switch to be stored');
  });

  it('draws the stored view, zoom and switched-off series after a reload, before any message; a new view keeps what still applies', async () => {
    const p = await openWithView();
    await wheelZoom(p, 'disk-latency', 4);
    const plot = await p.plot('cpu');
    const legend = await p.pixelsIn('cpu', { left: 0, top: 0, right: 2000, bottom: plot.top }, FIRST, 10);
    assert.ok(legend.centre);
    await p.clickCanvas('cpu', legend.centre.x, legend.centre.y);
    await p.waitFor(() => p.lastState()?.zoom !== undefined && p.lastState()?.hidden.length === 1, 'zoom and switch stored');
    const stored = p.lastState();
    assert.deepEqual(stored?.hidden, ['cpu/all user'], 'series that share a label are told apart by their metric');
    const zoomed = (await ranges(p))[0];

    await p.page.reload();
    await p.waitFor(() => p.posted.filter((m) => m.type === 'ready').length === 2, 'ready after the reload');
    await p.waitForCharts(view.charts.length);
    assert.deepEqual(await ranges(p), CHART_IDS.map(() => zoomed), 'the zoom is back on every chart');
    assert.equal(await seriesPixels(p, 'cpu', FIRST), 0, 'the switched-off series stays off');
    assert.ok(await seriesPixels(p, 'cpu', SECOND) > 100);
    for (const id of CHART_IDS) await assertMarkersAt(p, id, view.markers);

    // the extension answers ready with the view again: same span, same zoom
    const states = p.states.length;
    await p.postView(fixtureView());
    await p.waitFor(() => p.states.length > states, 'the view to be stored');
    assert.deepEqual(await ranges(p), CHART_IDS.map(() => zoomed));
    assert.deepEqual(p.lastState()?.zoom, stored?.zoom);

    // another incident opens on its own span; switched-off series stay off
    const other = { ...fixtureView(), start: T0 + 60_000, end: T0 + 9 * 60_000 };
    await p.postView(other);
    await p.waitFor(async () => (await ranges(p))[0][0] === other.start, 'the new span');
    assert.deepEqual(await ranges(p), CHART_IDS.map(() => [other.start, other.end]));
    await p.waitFor(() => p.lastState()?.view.start === other.start, 'the new view to be stored');
    assert.equal(p.lastState()?.zoom, undefined);
    assert.deepEqual(p.lastState()?.hidden, ['cpu/all user']);
    assert.equal(await seriesPixels(p, 'cpu', FIRST), 0);
  });

  it('takes its colours from the VS Code theme and redraws when the theme changes', async () => {
    const p = await openWithView();
    assert.ok(await seriesPixels(p, 'disk-latency', FIRST) > 100);
    await p.setTheme({ className: 'vscode-light', variables: { ...THEME.variables, '--vscode-charts-blue': '#ff00ff' } });
    await p.waitFor(async () => (await seriesPixels(p, 'disk-latency', [255, 0, 255])) > 100, 'the new series colour');
    assert.equal(await seriesPixels(p, 'disk-latency', FIRST), 0, 'the old colour is gone');
    for (const id of CHART_IDS) await assertMarkersAt(p, id, view.markers);
  });

  it('draws with its own colours when the theme variables are missing', async () => {
    const p = await openWithView({ theme: false });
    for (const id of CHART_IDS) {
      const { drawn } = await p.pixelsIn(id, await p.plot(id));
      assert.ok(drawn > 2000, `${id} is not blank`);
      await assertMarkersAt(p, id, view.markers);
    }
    const text = await p.page.locator('h1').evaluate((el: { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { color: string } } } }) =>
      el.ownerDocument.defaultView.getComputedStyle(el).color);
    assert.notEqual(parseRgb(text).join(), '0,0,0,0', 'text has a colour');
  });

  it('shows UTC times whatever the zone of the machine', async () => {
    const digests: string[][] = [];
    for (const timezoneId of ['UTC', 'Asia/Kolkata', 'America/St_Johns']) {
      const p = await openWithView({ timezoneId });
      digests.push(await Promise.all(CHART_IDS.map((id) => p.canvasDigest(id))));
      assert.deepEqual(await p.page.locator('#failure-rows td.time').allTextContents(),
        ['2024-07-01T09:02:00.000Z', '2024-07-01T09:05:00.000Z', '2024-07-01T09:08:00.000Z']);
      const current = t;
      t = undefined;
      await current?.close();
      assert.deepEqual(current?.errors, []);
    }
    assert.deepEqual(digests[1], digests[0], 'a +05:30 machine draws the same axes as a UTC one');
    assert.deepEqual(digests[2], digests[0], 'a −02:30 machine draws the same axes as a UTC one');
  });

  it('runs under the strict CSP, and a violation of it would be seen', async () => {
    const p = await openWithView();
    const csp = await p.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.equal(csp, timelineCsp(CSP_SOURCE, NONCE));
    assert.deepEqual(p.violations, []);
    // an inline style attribute is what the CSP forbids: the listener must report it
    await p.body.evaluate((body: { ownerDocument: { createElement(tag: string): { setAttribute(n: string, v: string): void } }; append(e: unknown): void }) => {
      const div = body.ownerDocument.createElement('div');
      div.setAttribute('style', 'color: red');
      body.append(div);
    });
    await p.waitFor(() => p.violations.length > 0, 'the violation to be reported');
    assert.match(p.violations[0], /style-src/);
    p.violations.length = 0;
    p.errors.length = 0;
  });
});
