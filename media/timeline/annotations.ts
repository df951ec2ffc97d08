// Failures as vertical lines and spike bands as shaded boxes (chartjs-plugin-annotation).
import type { ChartEvent } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import type { Band, Marker } from '../../server/src/timeline/types';
import { categoryColor, textColorOn } from '../../server/src/timeline/palette';
import { isoUtc } from './utcTime';

export interface AnnotationHandlers {
  open(marker: Marker): void;
}

/** The hover text of a marker: the canvas's title, so the log line stays plain text. */
export function markerSummary(marker: Marker): string {
  const where = `${marker.file}:${marker.line}`;
  const domain = marker.domain ? ` [${marker.domain}]` : '';
  return `${isoUtc(marker.time)} ${marker.category}${domain}: ${marker.message}\n${where}`;
}

// The hover text of each canvas: a failure's wins over the band it lies in.
const hints = new WeakMap<HTMLCanvasElement, { marker: string; band: string }>();

function setHint(event: ChartEvent, kind: 'marker' | 'band', text: string): void {
  const canvas = event.native?.target;
  if (!(canvas instanceof HTMLCanvasElement)) return;
  const hint = hints.get(canvas) ?? { marker: '', band: '' };
  hint[kind] = text;
  hints.set(canvas, hint);
  canvas.title = hint.marker || hint.band;
  canvas.style.cursor = hint.marker ? 'pointer' : '';
}

// Lines close together overlap within their hit tolerance, and the plugin calls every one
// under the pointer: only the first answers a click.
let lastClick: Event | null = null;

function markerLine(marker: Marker, handlers: AnnotationHandlers): AnnotationOptions<'line'> {
  const color = categoryColor(marker.category);
  return {
    type: 'line',
    scaleID: 'x',
    value: marker.time,
    borderColor: color,
    borderWidth: 2,
    hitTolerance: 6,
    drawTime: 'afterDatasetsDraw',
    label: {
      display: true,
      content: marker.category,
      position: 'start',
      backgroundColor: color,
      color: textColorOn(color),
      font: { size: 10 },
      padding: 2,
    },
    enter: (_context, event) => setHint(event, 'marker', markerSummary(marker)),
    leave: (_context, event) => setHint(event, 'marker', ''),
    click: (_context, event) => {
      if (event.native && event.native === lastClick) return;
      lastClick = event.native;
      handlers.open(marker);
    },
  };
}

function bandBox(band: Band, fill: string): AnnotationOptions<'box'> {
  return {
    type: 'box',
    xMin: band.start,
    xMax: band.end,
    backgroundColor: fill,
    borderWidth: 0,
    drawTime: 'beforeDatasetsDraw',
    enter: (_context, event) => setHint(event, 'band', `${isoUtc(band.start)} – ${isoUtc(band.end)}: ${band.label}`),
    leave: (_context, event) => setHint(event, 'band', ''),
  };
}

export function timelineAnnotations(markers: Marker[], bands: Band[], bandFill: string,
  handlers: AnnotationHandlers): AnnotationOptions[] {
  return [...bands.map((band) => bandBox(band, bandFill)), ...markers.map((marker) => markerLine(marker, handlers))];
}
