// The fixed colour of each failure category. One colour per category for every theme, so a
// category looks the same in screenshots and exports: each has at least 3:1 contrast (the
// WCAG minimum for graphics) against white, VS Code's dark editor (#1e1e1e) and black.
// No DOM here: the webview, the exported charts and the contrast test all read it.
import type { Category } from '../logs/types';

export const CATEGORY_COLORS: Readonly<Record<Category, string>> = {
  'mce': '#e03131',
  'hypervisor-panic': '#d6336c',
  'domain-crash': '#e8590c',
  'app-crash': '#868e96',
  'kernel-hang': '#7950f2',
  'memory': '#ae3ec9',
  'disk-io': '#b8860b',
  'lvm': '#1c7ed6',
  'lock-manager': '#6f9a2b',
  'domain-create': '#2f9e44',
  'domain-suspend': '#5c7cfa',
  'network': '#0c8599',
  'hotplug': '#b5602f',
};

/** A colour for a category this page does not know yet (a newer server). */
export const UNKNOWN_CATEGORY_COLOR = '#868e96';

export function categoryColor(category: string): string {
  return (CATEGORY_COLORS as Readonly<Record<string, string>>)[category] ?? UNKNOWN_CATEGORY_COLOR;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on the category colour (marker labels). */
export function textColorOn(background: string): string {
  return contrast(background, '#000000') >= contrast(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** Series line colours on a light background (exported charts): VS Code's light chart colours, then extras. */
export const SERIES_LIGHT = ['#1a85ff', '#e51400', '#388a34', '#d18616', '#652d90', '#bf8803', '#0c8599', '#c2255c', '#5c940d', '#845ef7'];
