// iostat text and JSON reports: every column set, stamp form and layout the parser claims
// to read, with times and values checked exactly.
import * as assert from 'node:assert';
import { find, fixture, iso, parse, points, subjects } from './captures-helpers';

describe('captures: iostat text', () => {
  it('reads sysstat 9 -x -t with 12-hour stamps across midnight, sectors converted to kB', () => {
    const c = parse('iostat-xt_el6_12h-midnight.txt');
    assert.strictEqual(c.kind, 'iostat');
    assert.strictEqual(c.host, 'db7');
    assert.strictEqual(c.cpus, 4);
    const times = [iso(2019, 12, 31, 23, 59, 58), iso(2019, 12, 31, 23, 59, 59), iso(2020, 1, 1, 0, 0, 0), iso(2020, 1, 1, 0, 0, 1)];
    assert.deepStrictEqual(points(c, 'util', 'sda'), [[times[0], 9], [times[1], 0], [times[2], 99.8], [times[3], 2]]);
    assert.deepStrictEqual(find(c, 'rkB/s', 'sda').values, [80, 0, 0, 32], 'rsec/s halved');
    assert.deepStrictEqual(find(c, 'wkB/s', 'sda').values, [160.5, 0, 6000, 32]);
    assert.deepStrictEqual(find(c, 'aqu-sz', 'sda').values, [0.5, 0, 7.5, 0.02], 'avgqu-sz is aqu-sz');
    assert.deepStrictEqual(find(c, 'await', 'sda').values, [16.67, 0, 78.95, 2.5], 'await as printed, not recomputed');
    assert.deepStrictEqual(find(c, 'util', 'sda').lines, [8, 16, 24, 32]);
    assert.deepStrictEqual(points(c, 'iowait', 'all', 'cpu').map((p) => p[1]), [9.25, 0, 45.5, 0.5]);
    assert.deepStrictEqual(find(c, 'r/s', 'cciss/c0d0').values, [2, 0, 1, 0], 'a name with a slash');
  });

  it('reads rows whose values overflow their columns or whose name is long, and warns about unreadable ones', () => {
    const c = parse('iostat-xt_el6_12h-midnight.txt');
    assert.deepStrictEqual(c.warnings, [{ line: 34, message: 'unreadable value in device row' }]);
    assert.deepStrictEqual(points(c, 'aqu-sz', 'vg_data-lv_archive_2019'), [[iso(2020, 1, 1, 0, 0, 1), 0.03]]);
    assert.deepStrictEqual(find(c, 'wkB/s', 'sdc').values, [493827]);
    assert.deepStrictEqual(find(c, 'w/s', 'sdc').values, [2000]);
    assert.deepStrictEqual(find(c, 'util', 'sdc').values, [100]);
    assert.ok(!c.series.some((s) => s.subject.name === 'sdb'), 'the unreadable row is dropped whole');
  });

  it('reads aligned rows exactly as it reads the same rows split on blanks', () => {
    const aligned = parse('iostat-xt_el6_12h-midnight.txt');
    const squeezed = parse(fixture('iostat-xt_el6_12h-midnight.txt').replace(/ {2,}/g, ' '));
    assert.deepStrictEqual(squeezed.series, aligned.series);
  });

  it('reads CRLF line ends and a byte-order mark as if they were not there', () => {
    const lf = parse('iostat-xt_el6_12h-midnight.txt');
    const crlf = parse(`\ufeff${fixture('iostat-xt_el6_12h-midnight.txt').replace(/\n/g, '\r\n')}`);
    assert.deepStrictEqual(crlf.series, lf.series);
    assert.deepStrictEqual(crlf.warnings, lf.warnings);
    assert.strictEqual(crlf.host, 'db7');
  });

  it('reads sysstat 12 columns with ISO stamps, each at its own offset, and derives await', () => {
    const c = parse('iostat-xt_v12_ISO-offsets.txt', { zone: 'Asia/Tokyo' });
    assert.deepStrictEqual(c.warnings, []);
    const t = [iso(2024, 3, 31, 0, 59, 59), iso(2024, 3, 31, 1, 0, 0)];
    assert.deepStrictEqual(points(c, 'await', 'nvme0n1'), [[t[0], 0.75], [t[1], 3.5]], '(r_await·r/s + w_await·w/s) / (r/s + w/s)');
    assert.deepStrictEqual(points(c, 'await', 'dm-3'), [[t[0], 0], [t[1], 80]], '0 when idle; r_await alone when only reading');
    assert.deepStrictEqual(find(c, 'util', 'dm-3').values, [0, 100]);
    assert.deepStrictEqual(find(c, 'rkB/s', 'nvme0n1').values, [400, 40]);
    assert.deepStrictEqual(find(c, 'steal', 'all').values, [0.25, 0.25]);
  });

  it('reads --pretty tables (name last, reads and writes apart) with / in names, in the configured zone', () => {
    const c = parse('iostat-x-pretty_slash-names.txt', { zone: 'Europe/Berlin' });
    assert.deepStrictEqual(c.warnings, []);
    assert.deepStrictEqual(subjects(c, 'device'), ['cciss/c0d0', 'dm-0', 'mapper/vg0-lv_root']);
    const t = [iso(2023, 11, 5, 8, 15, 0), iso(2023, 11, 5, 8, 15, 5)];
    assert.deepStrictEqual(points(c, 'util', 'cciss/c0d0'), [[t[0], 45], [t[1], 0]]);
    assert.deepStrictEqual(find(c, 'await', 'cciss/c0d0').values, [3, 0]);
    assert.deepStrictEqual(find(c, 'await', 'mapper/vg0-lv_root').values, [25, 0]);
    assert.deepStrictEqual(find(c, 'wkB/s', 'mapper/vg0-lv_root').values, [60, 0]);
    assert.strictEqual(c.series.filter((s) => s.metric === 'util').length, 3, 'one series per device, not per table');
  });

  it('reads a decimal-comma locale: DD.MM.YYYY stamps, commas, MB/s × 1024, await from r_await and w_await', () => {
    const c = parse('iostat-xmt_v11_de_DE-decimal-comma.txt');
    assert.deepStrictEqual(c.warnings, []);
    const t = [iso(2020, 6, 1, 23, 59, 59), iso(2020, 6, 2, 0, 0, 1)];
    assert.deepStrictEqual(points(c, 'rkB/s', 'sda'), [[t[0], 512], [t[1], 0]]);
    assert.deepStrictEqual(find(c, 'wkB/s', 'sda').values, [1280, 0]);
    assert.deepStrictEqual(find(c, 'await', 'sda').values, [5, 0]);
    assert.deepStrictEqual(find(c, 'rkB/s', 'md127').values, [0, 0.01 * 1024]);
    assert.deepStrictEqual(find(c, 'iowait', 'all').values, [12.5, 1]);
    assert.deepStrictEqual(find(c, 'util', 'md127').values, [0, 0.9]);
  });

  it('reads sysstat 5: `Time:` lines dated by the banner across midnight, kB/s preferred over sectors', () => {
    const c = parse('iostat-x_sysstat5_Time-lines.txt');
    assert.deepStrictEqual(c.warnings, []);
    assert.strictEqual(c.datedFromMtime, undefined, 'the banner dates it');
    const t = [iso(2009, 12, 31, 23, 59, 59), iso(2010, 1, 1, 0, 0, 9)];
    assert.deepStrictEqual(points(c, 'rkB/s', 'sda'), [[t[0], 20], [t[1], 1600]]);
    assert.deepStrictEqual(points(c, 'system', 'all'), [[t[0], 2], [t[1], 20]], '%sys');
    assert.ok(!c.series.some((s) => s.metric === 'steal'), 'no %steal column, no steal series');
    assert.strictEqual(c.host, 'legacy01');
    assert.strictEqual(c.cpus, undefined);
  });

  it('dates reports without stamps backwards from the mtime, at the interval the command line shows', () => {
    const text = [
      '$ iostat -d 5 3',
      'Device             tps    kB_read/s    kB_wrtn/s    kB_read    kB_wrtn',
      'xvda              1.00         4.00         8.00        100        200',
      '',
      'Device             tps    kB_read/s    kB_wrtn/s    kB_read    kB_wrtn',
      'xvda              2.00         0.00        16.00          0         80',
      '',
      'Device             tps    kB_read/s    kB_wrtn/s    kB_read    kB_wrtn',
      'xvda              3.00        12.00         0.00         60          0',
    ].join('\n');
    const c = parse(text, { mtimeMs: Date.UTC(2024, 4, 1, 12, 0, 0) });
    assert.strictEqual(c.kind, 'iostat');
    assert.deepStrictEqual(points(c, 'tps', 'xvda'), [[iso(2024, 5, 1, 11, 59, 50), 1], [iso(2024, 5, 1, 11, 59, 55), 2], [iso(2024, 5, 1, 12, 0, 0), 3]]);
    assert.deepStrictEqual(find(c, 'rkB/s', 'xvda').values, [4, 0, 12]);
    assert.ok(c.warnings.some((w) => /no times: its 3 samples are dated 5 s apart/.test(w.message)));
  });

  it('reads -c alone (no device table) and Blk_ columns in 512-byte blocks', () => {
    const text = [
      'Linux 5.10.0 (h1) \t06/01/20 \t_x86_64_\t(8 CPU)',
      '',
      '06/01/20 12:53:20',
      'avg-cpu:  %user   %nice %system %iowait  %steal   %idle',
      '           1.49   39.91    1.67    0.94    0.00   56.00',
      '',
      'Device             tps   Blk_read/s   Blk_wrtn/s   Blk_read   Blk_wrtn',
      'sda               8.59       444.28       114.16    3195498     821088',
    ].join('\n');
    const c = parse(text);
    assert.deepStrictEqual(points(c, 'nice', 'all'), [[iso(2020, 6, 1, 12, 53, 20), 39.91]]);
    assert.deepStrictEqual(find(c, 'rkB/s', 'sda').values, [222.14]);
    assert.deepStrictEqual(find(c, 'wkB/s', 'sda').values, [57.08]);
  });

  it('warns about junk with its line number and goes on', () => {
    const text = fixture('iostat-xt_v12_ISO-offsets.txt').replace('\n\n\n2024', '\nthis is not a report\n\n\n2024').replace(/^(dm-3 .*)$/m, '$1 extra');
    const c = parse(text);
    assert.deepStrictEqual(
      c.warnings.map((w) => [w.line, w.message.replace(/ \(.*/, '')]),
      [
        [9, 'device row does not match its header'],
        [10, 'device row does not match its header'],
      ],
    );
    assert.deepStrictEqual(find(c, 'util', 'dm-3').values, [100]);
    assert.deepStrictEqual(find(c, 'util', 'nvme0n1').values, [12.5, 3.25]);
  });
});

describe('captures: iostat -o JSON', () => {
  const report = (stamp: string, util: number) =>
    [
      '\t\t\t\t{',
      `\t\t\t\t\t"timestamp": "${stamp}",`,
      '\t\t\t\t\t"avg-cpu":  {"user": 1.00, "nice": 0.00, "system": 2.00, "iowait": 3.00, "steal": 4.00, "idle": 90.00},',
      '\t\t\t\t\t"disk": [',
      `\t\t\t\t\t\t{"disk_device": "xvda", "r/s": 10.00, "w/s": 30.00, "rkB/s": 40.00, "wkB/s": 120.00, "rrqm": 5.00, "r_await": 1.00, "w_await": 5.00, "aqu-sz": 0.20, "util": ${util.toFixed(2)}},`,
      '\t\t\t\t\t\t{"disk_device": " xen-disks", "tps": 40.00, "MB_read/s": 0.50, "MB_wrtn/s": 0.25}',
      '\t\t\t\t\t]',
      '\t\t\t\t}',
    ].join('\n');
  const head = '{"sysstat": {\n\t"hosts": [\n\t\t{\n\t\t\t"nodename": "xen02",\n\t\t\t"sysname": "Linux",\n\t\t\t"release": "6.1.0",\n\t\t\t"machine": "x86_64",\n\t\t\t"number-of-cpus": 8,\n\t\t\t"date": "07/01/24",\n\t\t\t"statistics": [\n';
  const json = `${head}${report('07/01/24 11:59:59 PM', 12.5)},\n${report('07/02/24 12:00:00 AM', 50)}\n\t\t\t]\n\t\t}\n\t]\n}}\n`;

  it('reads stamps, avg-cpu, disks and group totals, with the line of each record', () => {
    const c = parse(json, {}, 'iostat.json');
    assert.strictEqual(c.kind, 'iostat-json');
    assert.strictEqual(c.host, 'xen02');
    assert.strictEqual(c.cpus, 8);
    assert.deepStrictEqual(c.warnings, []);
    const t = [iso(2024, 7, 1, 23, 59, 59), iso(2024, 7, 2, 0, 0, 0)];
    assert.deepStrictEqual(points(c, 'util', 'xvda'), [[t[0], 12.5], [t[1], 50]]);
    assert.deepStrictEqual(find(c, 'await', 'xvda').values, [4, 4]);
    assert.deepStrictEqual(find(c, 'rkB/s', 'xen-disks').values, [512, 512], 'MB/s × 1024, group name trimmed');
    assert.deepStrictEqual(find(c, 'steal', 'all').values, [4, 4]);
    assert.deepStrictEqual(find(c, 'util', 'xvda').lines, [15, 23]);
    assert.deepStrictEqual(find(c, 'user', 'all').lines, [13, 21]);
  });

  it('reads a capture cut off mid-run up to its last complete report', () => {
    const cut = json.slice(0, json.lastIndexOf('"disk_device": " xen-disks"'));
    const c = parse(cut, {}, 'iostat.json');
    assert.deepStrictEqual(points(c, 'util', 'xvda'), [[iso(2024, 7, 1, 23, 59, 59), 12.5]]);
    assert.deepStrictEqual(c.warnings.map((w) => w.line), [18]);
  });

  it('skips JSON that is not iostat, with the reason', () => {
    const sadf = '{"sysstat": {"hosts": [{"nodename": "h", "statistics": [{"timestamp": {"date": "2019-04-18", "time": "13:20:19"}, "cpu-load": [{"cpu": "all", "user": 2.15}]}]}]}}';
    const c = parse(sadf, {}, 'sadf.json');
    assert.match(c.skipped ?? '', /another tool \(sadf -j, mpstat -o JSON\)/);
    assert.match(parse('{"sysstat": {"hosts": [', {}, 'x.json').skipped ?? '', /not valid JSON/);
  });
});
