// The failures as a plain table under the charts: the same facts as the marker lines, for
// keyboard and screen-reader users and for reading the log lines in full. A row opens its
// log line on click, Enter or Space; the arrow keys move between rows. Log text goes in
// with textContent only.
import type { Marker } from '../../server/src/timeline/types';
import { categoryColor } from '../../server/src/timeline/palette';
import { isoUtc } from './utcTime';

function cell(row: HTMLTableRowElement, text: string, className?: string): HTMLTableCellElement {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function categoryCell(row: HTMLTableRowElement, category: string): void {
  const td = cell(row, '', 'category');
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.style.backgroundColor = categoryColor(category); // CSSOM: allowed by the CSP, unlike a style attribute
  td.append(swatch, document.createTextNode(category));
}

function moveFocus(from: HTMLTableRowElement, step: 1 | -1): void {
  const next = step === 1 ? from.nextElementSibling : from.previousElementSibling;
  if (next instanceof HTMLTableRowElement) next.focus();
}

export function renderFailures(body: HTMLTableSectionElement, markers: Marker[], open: (marker: Marker) => void): void {
  body.replaceChildren();
  const sorted = [...markers].sort((a, b) => a.time - b.time);
  for (const marker of sorted) {
    const row = body.insertRow();
    row.tabIndex = 0;
    row.className = `severity-${marker.severity}`;
    cell(row, isoUtc(marker.time), 'time');
    categoryCell(row, marker.category);
    cell(row, marker.domain ?? '', 'domain');
    cell(row, marker.message, 'message');
    cell(row, `${marker.file}:${marker.line}`, 'location');
    row.addEventListener('click', () => open(marker));
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault(); // Space would scroll the page
        open(marker);
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        moveFocus(row, event.key === 'ArrowDown' ? 1 : -1);
      }
    });
  }
}
