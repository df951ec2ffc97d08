// iostat -o JSON: {"sysstat": {"hosts": [{"nodename", "number-of-cpus", "date",
// "statistics": [{"timestamp"?, "avg-cpu": {...}, "disk": [{"disk_device", ...}]}]}]}}.
// The same keys as the text headers (see JSON_COLUMNS); "timestamp" only with -t.
import { JSON_COLUMNS } from './columns';
import { Table } from './table';
import { readStamp } from './iostat';
import { Reading, Samples, type Parsed } from './reading';
import type { CaptureOptions } from './types';
import type { Ymd } from './clock';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Line numbers of the records, found in document order (JSON.parse keeps none). */
class LineFinder {
  private pos = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  next(needle: string): number {
    const at = this.text.indexOf(needle, this.pos);
    if (at < 0) return this.line;
    for (let i = this.text.indexOf('\n', this.pos); i >= 0 && i < at; i = this.text.indexOf('\n', i + 1)) this.line++;
    this.pos = at + needle.length;
    return this.line;
  }
}

/** iostat stopped before closing its JSON (killed mid-run): closed after the last complete report. */
function repair(text: string): { doc: unknown; line: number } | undefined {
  const end = text.lastIndexOf('\n\t\t\t\t}');
  if (end < 0) return undefined;
  try {
    const doc: unknown = JSON.parse(`${text.slice(0, end + 6)}\n\t\t\t]\n\t\t}\n\t]\n}}`);
    return { doc, line: text.slice(0, end + 1).split('\n').length };
  } catch {
    return undefined;
  }
}

export function parseIostatJson(text: string, opts: CaptureOptions): Parsed {
  const r = new Reading(text, opts);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const fixed = repair(text);
    if (!fixed) return r.done(`not valid JSON: ${(err as Error).message}`);
    doc = fixed.doc;
    r.warn(fixed.line, 'the JSON ends early (iostat stopped mid-run?): read up to this line');
  }
  const sysstat = isObject(doc) ? doc.sysstat : undefined;
  const hosts = isObject(sysstat) ? sysstat.hosts : undefined;
  if (!Array.isArray(hosts)) return r.done('JSON without sysstat hosts');
  const lines = new LineFinder(text);
  const samples = new Samples();
  const tables = new Map<string, Table>();
  const tableOf = (kind: string, keys: string[]) => {
    const key = `${kind}\0${keys.join(' ')}`;
    let t = tables.get(key);
    if (!t) tables.set(key, (t = new Table(keys, JSON_COLUMNS, r.builder, key, { names: { disk_device: 'device' } })));
    return t;
  };
  const read = (kind: string, record: Json, name: string, sample: number, line: number) => {
    const keys = Object.keys(record);
    const values = keys.map((k) => (typeof record[k] === 'number' ? (record[k] as number) : NaN));
    if (!tableOf(kind, keys).pushValues(values, name, sample, line)) r.warn(line, `unreadable ${kind} values`);
  };
  let bannerDate: Ymd | undefined;
  let stamped = false;
  let other = false;
  for (const host of hosts) {
    if (!isObject(host)) continue;
    if (typeof host.nodename === 'string') r.host ??= host.nodename;
    if (typeof host['number-of-cpus'] === 'number') r.cpus ??= host['number-of-cpus'];
    if (typeof host.date === 'string') bannerDate ??= r.dates.read(host.date);
    for (const stat of Array.isArray(host.statistics) ? host.statistics : []) {
      if (!isObject(stat)) continue;
      if (!('avg-cpu' in stat) && !('disk' in stat)) {
        other ||= Object.keys(stat).some((k) => k !== 'timestamp');
        continue;
      }
      const sample = samples.next();
      if (typeof stat.timestamp === 'string') {
        const line = lines.next('"timestamp"');
        const stamp = readStamp(r, stat.timestamp);
        if (stamp && 'ms' in stamp) samples.at(sample, stamp.ms);
        else r.warn(line, `unreadable timestamp ${stat.timestamp}`);
        stamped = true;
      }
      const cpu = stat['avg-cpu'];
      if (isObject(cpu)) read('avg-cpu', cpu, '', sample, lines.next('"avg-cpu"'));
      for (const disk of Array.isArray(stat.disk) ? stat.disk : []) {
        if (!isObject(disk) || typeof disk.disk_device !== 'string') continue;
        // group totals (-g) are named with a leading space
        read('disk', disk, disk.disk_device.trim(), sample, lines.next('"disk_device"'));
      }
    }
  }
  if (!samples.count) return r.done(other ? 'sysstat JSON of another tool (sadf -j, mpstat -o JSON): not read, use sadf -d or the text report' : 'no iostat statistics in the JSON');
  if (!stamped) r.warn(0, 'iostat was run without -t: the reports carry no time');
  samples.resolve(r, bannerDate);
  return r.done();
}
