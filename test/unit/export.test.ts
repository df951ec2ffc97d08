// Incident export: each format carries the failures, the spikes and links to the log
// lines, keeps hostile log text inert, and never replaces a file unasked.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Capture } from '../../server/src/captures/types';
import { exportContext } from '../../server/src/export/context';
import { ExportExists, formatOfFile, renderExport, writeExport } from '../../server/src/export/index';
import { selectIncident } from '../../server/src/export/select';
import { markdownCell } from '../../server/src/export/text';
import type { Timeline } from '../../server/src/logs/correlate';
import { buildView } from '../../server/src/timeline/view';

const HOSTILE = '<img src=x onerror="alert(1)"> | *bold* [link](http://evil) =cmd|\' /C calc\'!A0';
const T = (s: number) => new Date(Date.UTC(2024, 6, 1, 9, 0, s)).toISOString();

function fixture(): { timeline: Timeline; captures: Capture[] } {
  const timeline: Timeline = {
    files: [
      { path: 'xen01/kern.log', format: 'syslog', lines: 9, first: T(0), last: T(90) },
      { path: 'xen01/iostat.log', format: 'iostat', lines: 40, first: T(0), last: T(90) },
    ],
    events: [
      { time: T(50), file: 'xen01/kern.log', line: 6, category: 'disk-io', severity: 'error', message: 'blk_update_request: I/O error, dev dm-3', domain: null, rule: 'kernel-blk-io-error' },
      { time: T(70), file: 'xen01/xl dmesg.log', line: 8, category: 'mce', severity: 'error', message: HOSTILE, domain: 'db01', rule: 'xen-mce' },
      { time: null, file: 'xen01/kern.log', line: 2, category: 'kernel-hang', severity: 'warning', message: '=SUM(A1)', domain: null, rule: 'hung-task' },
    ],
    resources: [{ time: T(20), end: T(60), file: 'xen01/iostat.log', line: 12, metric: 'util', device: 'dm-3', value: 99.9, baseline: 12 }],
    incidents: [{ start: T(50), end: T(70), events: [0, 1], resources: [0], summary: 'disk I/O errors, then machine check (db01)' }],
  };
  const xs = Array.from({ length: 10 }, (_, i) => Date.parse(T(i * 10)));
  const captures: Capture[] = [
    {
      path: 'xen01/iostat.log',
      kind: 'iostat',
      host: 'xen01',
      series: [
        { metric: 'util', subject: { kind: 'device', name: 'dm-3' }, times: xs, values: [10, 12, 99, 99.9, 99, 98, 20, 12, 11, 10], lines: xs.map((_, i) => 4 + i * 4) },
        { metric: 'r/s', subject: { kind: 'device', name: 'dm-3' }, times: xs, values: xs.map(() => 5), lines: xs.map(() => 1) },
        { metric: 'w/s', subject: { kind: 'device', name: 'dm-3' }, times: xs, values: xs.map(() => 7), lines: xs.map(() => 1) },
        { metric: 'iowait', subject: { kind: 'cpu', name: 'all' }, times: xs, values: xs.map((_, i) => i), lines: xs.map(() => 1) },
      ],
      warnings: [],
    },
  ];
  return { timeline, captures };
}

describe('incident export', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-export-'));
    fs.mkdirSync(path.join(dir, 'logs'));
    fs.mkdirSync(path.join(dir, 'reports'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const ctx = () => exportContext(path.join(dir, 'logs'), path.join(dir, 'reports', 'out.md'));

  it('Markdown: tables per incident with the spike context and links relative to the report', () => {
    const { timeline, captures } = fixture();
    const md = renderExport('md', timeline, captures, ctx());
    assert.match(md, /^# Incident timeline: logs$/m);
    assert.match(md, /## Incident 1: disk I\/O errors, then machine check \(db01\)/);
    assert.match(md, /\| 2024-07-01T09:00:20\.000Z \| 2024-07-01T09:01:00\.000Z \| xen01\/iostat\.log:12 \| util \| dm-3 \| 99\.9 \| 12 \|/);
    assert.ok(md.includes('[xen01/kern.log:6](../logs/xen01/kern.log#L6)'));
    assert.ok(md.includes('(../logs/xen01/xl%20dmesg.log#L8)'), 'spaces in paths are encoded');
    assert.ok(!md.includes('<img'), 'HTML in a log line is escaped');
    assert.ok(md.includes('&lt;img src=x onerror="alert(1)"&gt; \\| \\*bold\\* \\[link\\](http://evil)'));
    assert.match(md, /## Failures outside any incident[\s\S]*\| — \| \[xen01\/kern\.log:2\]/);
    const eventRows = md.split('\n').filter((l) => l.includes('](../logs/'));
    assert.strictEqual(eventRows.length, 3);
    for (const line of eventRows) assert.strictEqual(line.split(/(?<!\\)\|/).length, 8, `one cell per column: ${line}`);
  });

  it('HTML: self-contained, with a chart image per chart and every log string escaped', () => {
    const { timeline, captures } = fixture();
    const html = renderExport('html', timeline, captures, exportContext(path.join(dir, 'logs'), path.join(dir, 'reports', 'out.html')));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">/);
    assert.ok(!/<script|<link|src="http|href="http/i.test(html), 'no script and nothing fetched');
    assert.ok(!html.includes('<img src=x'), 'the hostile line is text');
    assert.ok(html.includes('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;'));
    const images = [...html.matchAll(/<img alt="([^"]+)" src="data:image\/svg\+xml;base64,([^"]+)">/g)];
    assert.deepStrictEqual(images.map((m) => m[1]), ['Disk utilisation', 'Disk requests (r/s + w/s, or tps)', 'CPU, all CPUs']);
    const svg = Buffer.from(images[0][2], 'base64').toString();
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(!svg.includes('<img src=x'), 'escaped inside the chart too');
    assert.strictEqual((svg.match(/<line [^>]*stroke="#/g) ?? []).length, 2, 'one marker line per timed failure');
    assert.match(svg, /<rect x="[\d.]+" y="40" width="[\d.]+" height="172" class="band"><title>dm-3 util 99\.9% \(baseline 12\)<\/title>/);
    assert.match(html, /<a href="\.\.\/logs\/xen01\/kern\.log#L6">xen01\/kern\.log:6<\/a>/);
  });

  it('Markdown and HTML say when a file\'s failures were cut short', () => {
    const { timeline, captures } = fixture();
    const note = 'only the first 200000 failure lines were kept as events: 5 more are left out';
    const capped = { ...timeline, files: timeline.files.map((f, i) => (i ? f : { ...f, note })) };
    const path0 = timeline.files[0].path;
    assert.ok(renderExport('md', capped, captures, ctx()).includes(`Note on ${path0.replace(/_/g, '\\_')}: ${note}.`));
    assert.ok(renderExport('html', capped, captures, ctx()).includes(`Note on ${path0}: ${note}.`));
    assert.ok(!renderExport('md', timeline, captures, ctx()).includes('Note on'));
  });

  it('CSV: one row per failure and spike, quoted, formulas defused', () => {
    const { timeline, captures } = fixture();
    const rows = renderExport('csv', timeline, captures, ctx()).trimEnd().split('\r\n');
    assert.strictEqual(rows[0], 'kind,incident,time,end,file,line,category,severity,domain,device,rule,metric,value,baseline,message');
    assert.strictEqual(rows.length, 5);
    assert.ok(rows[2].endsWith(`"${HOSTILE.replace(/"/g, '""')}"`), rows[2]);
    assert.ok(rows[3].startsWith('failure,,,,xen01/kern.log,2,') && rows[3].endsWith(",'=SUM(A1)"), rows[3]);
    assert.strictEqual(rows[4], 'spike,1,2024-07-01T09:00:20.000Z,2024-07-01T09:01:00.000Z,xen01/iostat.log,12,,,,dm-3,,util,99.9,12,');
  });

  it('JSON: the scan schema, for the folder or one incident renumbered', () => {
    const { timeline, captures } = fixture();
    assert.deepStrictEqual(JSON.parse(renderExport('json', timeline, captures, ctx())), timeline);
    const one = selectIncident(timeline, 0);
    assert.deepStrictEqual(one.events.map((e) => e.line), [6, 8]);
    assert.deepStrictEqual(one.incidents, [{ ...timeline.incidents[0], events: [0, 1], resources: [0] }]);
    assert.throws(() => selectIncident(timeline, 3), /no incident 4/);
  });

  it('never replaces a file unless forced, and knows formats by extension', () => {
    const file = path.join(dir, 'reports', 'keep.md');
    fs.writeFileSync(file, 'mine');
    assert.throws(() => writeExport(file, 'new', false), ExportExists);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'mine');
    writeExport(file, 'new', true);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'new');
    assert.deepStrictEqual(['a.md', 'a.MARKDOWN', 'a.htm', 'a.json', 'a.csv', 'a.txt'].map(formatOfFile), ['md', 'md', 'html', 'json', 'csv', undefined]);
  });
});

describe('timeline view', () => {
  it('draws the incident\'s failures and spikes and opens on the minutes before it', () => {
    const { timeline, captures } = fixture();
    const view = buildView(timeline, captures, { incident: 0, title: 'Incident 1' });
    assert.deepStrictEqual(view.charts.map((c) => c.id), ['disk-util', 'disk-iops', 'cpu']);
    assert.deepStrictEqual(view.charts[1].series[0].ys.slice(0, 2), [12, 12], 'r/s + w/s');
    assert.deepStrictEqual(view.markers.map((m) => [m.file, m.line]), [['xen01/kern.log', 6], ['xen01/xl dmesg.log', 8]]);
    assert.deepStrictEqual(view.bands, [{ start: Date.parse(T(20)), end: Date.parse(T(60)), label: 'dm-3 util 99.9% (baseline 12)', chart: 'disk-util' }]);
    assert.deepStrictEqual([view.start, view.end], [Date.parse(T(50)) - 300000, Date.parse(T(70)) + 60000]);
    // overlapping spikes of one chart share a band; a spike of a metric no chart shows goes on all of them
    const more: Timeline = {
      ...timeline,
      resources: [
        ...timeline.resources,
        { time: T(40), end: T(80), file: 'xen01/iostat.log', line: 20, metric: 'util', device: 'dm-4', value: 95, baseline: 3 },
        { time: T(30), file: 'xen01/vmstat.log', line: 3, metric: 'swapin', value: 4000, baseline: 0 },
      ],
    };
    assert.deepStrictEqual(buildView(more, captures, { title: 'all' }).bands, [
      { start: Date.parse(T(20)), end: Date.parse(T(80)), label: 'dm-3 util 99.9% (baseline 12); dm-4 util 95% (baseline 3)', chart: 'disk-util' },
      { start: Date.parse(T(30)), end: Date.parse(T(30)), label: 'host swapin 4000 kB/s (baseline 0)' },
    ]);
    const all = buildView(timeline, captures, { title: 'all' });
    assert.deepStrictEqual([all.start, all.end, all.markers.length], [Date.parse(T(0)), Date.parse(T(90)), 2]);
  });
});

describe('markdownCell', () => {
  it('keeps a log line on one line: CR, LF, tabs and other control characters become spaces', () => {
    assert.strictEqual(markdownCell('a\rb\nc\td\u0000e\u001bf'), 'a b c d e f');
  });

  it('escapes what Markdown would read as links, markup or HTML', () => {
    assert.strictEqual(markdownCell('[x](command:y) <img> *b* | `c`'), '\\[x\\](command:y) &lt;img&gt; \\*b\\* \\| \\`c\\`');
  });
});

