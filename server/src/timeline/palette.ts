// One colour per failure category and a cycle for series, shared by the webview and the
// exported charts so that a category looks the same everywhere. Mid-tone colours read on
// light and dark backgrounds alike.
import type { Category } from '../logs/types';

export const CATEGORY_COLOURS: Record<Category, string> = {
  mce: '#d62728',
  'hypervisor-panic': '#8c1c13',
  'domain-crash': '#e377c2',
  'domain-create': '#ff7f0e',
  'domain-suspend': '#bcbd22',
  'disk-io': '#9467bd',
  memory: '#17becf',
  'lock-manager': '#8c564b',
  lvm: '#a55194',
  hotplug: '#e7969c',
  network: '#1f77b4',
  'kernel-hang': '#f0a30a',
  'app-crash': '#2ca02c',
};

export const SERIES_COLOURS = ['#3b82f6', '#ef4444', '#10b981', '#f59e0b', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16', '#f97316', '#64748b'];
