// The incident timeline page: draws a TimelineView (charts, failure markers, spike bands,
// and the failure table) and tells the extension which log line to open. The view and what
// the user changed (zoom, switched-off series) live in vscode.setState, so a reload draws
// the same page before the extension sends anything.
import './style.css';
import type { Chart as ChartJs } from 'chart.js';
import type { Marker, ToWebview, WebviewState } from '../../server/src/timeline/types';
import { applyTheme, createChart } from './charts';
import { readTheme, watchTheme } from './colors';
import { renderFailures } from './failures';
import { LinkedZoom } from './linkedZoom';
import { isTimelineView, readState, stateForView, type VsCodeApi } from './state';

declare function acquireVsCodeApi(): VsCodeApi;

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no #${id}`);
  return found;
}

const page = {
  title: element('title', HTMLHeadingElement),
  reset: element('reset-zoom', HTMLButtonElement),
  status: element('status', HTMLParagraphElement),
  charts: element('charts', HTMLElement),
  failures: element('failures', HTMLElement),
  failureCount: element('failure-count', HTMLSpanElement),
  failureRows: element('failure-rows', HTMLTableSectionElement),
};

const vscode = acquireVsCodeApi();
let state = readState(vscode.getState());
let drawn: ChartJs[] = [];
let zoom: LinkedZoom | undefined;

let savePending = false;

function flushState(): void {
  if (!savePending) return;
  savePending = false;
  if (state) vscode.setState(state);
}

/**
 * Records a change. VS Code copies the state as JSON on every setState, and a view of a
 * million points takes longer to copy than to draw: the copy waits until the charts are on
 * screen, and changes in between share one copy.
 */
function save(next: WebviewState): void {
  state = next;
  page.reset.disabled = next.zoom === undefined;
  if (savePending) return;
  savePending = true;
  requestAnimationFrame(() => setTimeout(flushState, 0));
  setTimeout(flushState, 250); // animation frames stop while the panel is hidden
}

function open(marker: Marker): void {
  vscode.postMessage({ type: 'open', file: marker.file, line: marker.line });
}

function setHidden(key: string, hidden: boolean): void {
  if (!state) return;
  const rest = state.hidden.filter((k) => k !== key);
  save({ ...state, hidden: hidden ? [...rest, key] : rest });
}

function chartSlot(title: string, unit: string): HTMLCanvasElement {
  const section = document.createElement('section');
  section.className = 'chart';
  const heading = document.createElement('h2');
  heading.textContent = title;
  const plot = document.createElement('div');
  plot.className = 'plot';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${title}${unit ? ` (${unit})` : ''}; the failures are listed below the charts`);
  plot.append(canvas);
  section.append(heading, plot);
  page.charts.append(section);
  return canvas;
}

function render(current: WebviewState): void {
  zoom?.dispose();
  drawn.forEach((chart) => chart.destroy());
  page.charts.replaceChildren();

  const { view } = current;
  page.title.textContent = view.title;
  document.title = view.title;
  page.status.textContent = view.charts.length ? '' : 'No captures cover this time span.';
  page.status.hidden = view.charts.length > 0;

  const theme = readTheme();
  applyTheme(theme);
  const linked = new LinkedZoom({ min: view.start, max: view.end }, (range) => {
    if (state) save({ view: state.view, hidden: state.hidden, ...(range ? { zoom: range } : {}) });
  });
  zoom = linked;
  const hidden = new Set(current.hidden);
  drawn = view.charts.map((chart) => {
    const canvas = chartSlot(chart.title, chart.unit);
    canvas.dataset.chartId = chart.id;
    return createChart(canvas, chart, { view, theme, hidden, zoom: linked, annotations: { open }, onToggle: setHidden });
  });
  if (current.zoom) linked.apply(current.zoom);
  page.reset.disabled = current.zoom === undefined;

  page.failures.hidden = false;
  page.failureCount.textContent = String(view.markers.length);
  renderFailures(page.failureRows, view.markers, open);
}

function isToWebview(data: unknown): data is ToWebview {
  const message = data as Partial<ToWebview> | null;
  return typeof message === 'object' && message !== null && message.type === 'view' && isTimelineView(message.view);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isToWebview(event.data)) return;
  const next = stateForView(event.data.view, state);
  render(next);
  save(next);
});

page.reset.addEventListener('click', () => zoom?.reset());
watchTheme(() => {
  if (state) render(state);
});

if (state) render(state);
vscode.postMessage({ type: 'ready' });
