// What the page keeps across reloads (vscode.setState), and how a new view inherits it.
import type { FromWebview, TimelineView, WebviewState } from '../../server/src/timeline/types';

/** The API VS Code gives a webview; acquireVsCodeApi may be called once per page load. */
export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}

export type TimeRange = NonNullable<WebviewState['zoom']>;

/** The key of a series in WebviewState.hidden. */
export function seriesKey(chartId: string, label: string): string {
  return `${chartId}/${label}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Enough of a shape check to draw without throwing (state from an older page, a bad message). */
export function isTimelineView(value: unknown): value is TimelineView {
  return isObject(value) && typeof value.title === 'string' && typeof value.start === 'number' &&
    typeof value.end === 'number' && Array.isArray(value.charts) && Array.isArray(value.markers) &&
    Array.isArray(value.bands);
}

export function isTimeRange(value: unknown): value is TimeRange {
  return isObject(value) && typeof value.min === 'number' && typeof value.max === 'number' && value.min < value.max;
}

/** The stored state, when there is a usable one. */
export function readState(stored: unknown): WebviewState | undefined {
  if (!isObject(stored) || !isTimelineView(stored.view)) return undefined;
  const hidden = Array.isArray(stored.hidden) ? stored.hidden.filter((key): key is string => typeof key === 'string') : [];
  return { view: stored.view, hidden, ...(isTimeRange(stored.zoom) ? { zoom: stored.zoom } : {}) };
}

/**
 * The state for a view that just arrived. Switched-off series stay off. The zoom is kept only
 * for the same time span: the extension sends the view again after a reload, and that must
 * not undo the zoom; another incident opens on its own span.
 */
export function stateForView(view: TimelineView, previous: WebviewState | undefined): WebviewState {
  const sameSpan = previous !== undefined && previous.view.start === view.start && previous.view.end === view.end;
  return {
    view,
    hidden: previous?.hidden ?? [],
    ...(sameSpan && previous.zoom ? { zoom: previous.zoom } : {}),
  };
}
