// A small incident for the timeline page: three charts, three failures (two with markup in
// their log line), one spike band. Series values stay between 50 and 95 on axes that start
// at 0, so the lower part of every plot holds only grid lines, the band and the markers.
import type { Marker, TimelineView } from '../../server/src/timeline/types';

export const T0 = Date.UTC(2024, 6, 1, 9, 0, 0);
const MINUTE = 60_000;

/** One sample a second from 3 minutes before the incident's span to 3 minutes after it. */
function samples(phase: number): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = T0 - 3 * MINUTE; t <= T0 + 13 * MINUTE; t += 1000) {
    xs.push(t);
    ys.push(72 + 20 * Math.sin((t - T0) / 40_000 + phase));
  }
  return { xs, ys };
}

export const XSS_IMG = '<img src=x onerror="window.pwned=1">';
export const XSS_SCRIPT = '<script>window.pwned=2</script>';

export function fixtureView(): TimelineView {
  const markers: Marker[] = [
    { time: T0 + 2 * MINUTE, category: 'mce', severity: 'error', message: XSS_IMG, rule: 'xen/mce',
      domain: null, file: 'console.log', line: 12 },
    { time: T0 + 5 * MINUTE, category: 'domain-crash', severity: 'error', message: XSS_SCRIPT, rule: 'xl/domain-crash',
      domain: 'web05<b>', file: 'xl/xl-web05.log', line: 7 },
    { time: T0 + 8 * MINUTE, category: 'disk-io', severity: 'warning', message: 'end_request: I/O error, dev dm-3, sector 2048',
      rule: 'kernel/io-error', domain: null, file: 'kern.log', line: 4031 },
  ];
  return {
    title: 'Incident 1: machine check, then <i>domain crash</i>',
    start: T0,
    end: T0 + 10 * MINUTE,
    charts: [
      { id: 'disk-util', title: 'Device utilisation', unit: '%', series: [
        { label: 'dm-3', metric: 'util', ...samples(0) },
        { label: '<b>dm-4</b>', metric: 'util', ...samples(2) },
      ] },
      { id: 'disk-latency', title: 'Device latency', unit: 'ms', series: [
        { label: 'dm-3', metric: 'await', ...samples(1) },
      ] },
      { id: 'cpu', title: 'CPU', unit: '%', series: [
        { label: 'all', metric: 'user', ...samples(3) },
        { label: 'all', metric: 'iowait', ...samples(4) },
      ] },
    ],
    markers,
    bands: [{ start: T0 + 4 * MINUTE, end: T0 + 6 * MINUTE, label: 'dm-3 %util 99.9 (baseline 12)' }],
  };
}
