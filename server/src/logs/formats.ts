// Recognising a log's format from its name and first lines, and reading the
// timestamp of a line in that format. Timestamps are kept as written (a "stamp"):
// turning them into UTC needs the whole folder (years, zones, boot times).
import { abbreviationOffset, isTimeZone, wallToUtc } from './time';
import type { LogFormat } from './types';

/** A timestamp as a line writes it. */
export type Stamp =
  /** A complete instant (date, time and zone). */
  | { kind: 'instant'; ms: number }
  /** A wall-clock time without a zone, or with a zone abbreviation; `year` may be missing. */
  | { kind: 'wall'; year?: number; month: number; day: number; h: number; mi: number; s: number; ms: number; zone?: string }
  /** Seconds since a boot: the kernel's (dmesg, journal monotonic) or Xen's (console `boot` mode). */
  | { kind: 'uptime'; clock: 'kernel' | 'xen'; seconds: number };

const MONTHS: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };
const MON = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';

interface FormatDef {
  id: LogFormat;
  /** A line of this format (tested on the first lines of a file). */
  line: RegExp;
  /** File names that are this format whatever they contain (for formats without timestamps). */
  name?: RegExp;
  /** Reads the timestamp at the start of a line. */
  stamp?: (line: string) => Stamp | undefined;
  /** For shapes a stray line of anything can have: most lines of the head must match this. */
  most?: RegExp;
}

function num(s: string | undefined): number {
  return s ? Number(s) : 0;
}

/** Milliseconds of a decimal fraction, truncated as Date.parse does ("274652" → 274). */
function fraction(s: string | undefined): number {
  return s ? Number(`${s}00`.slice(0, 3)) : 0;
}

/** "+02:00", "+0200", "-04", "Z" → minutes east of UTC. */
export function offsetMinutes(z: string): number | undefined {
  if (z === 'Z') return 0;
  const m = /^([+-])(\d\d):?(\d\d)?$/.exec(z);
  if (!m) return undefined;
  const v = Number(m[2]) * 60 + num(m[3]);
  return m[1] === '-' ? -v : v;
}

function instant(y: string, mo: string, d: string, h: string, mi: string, s: string, frac: string | undefined, zone: string): Stamp | undefined {
  const off = offsetMinutes(zone);
  if (off === undefined) return wall({ year: num(y), month: num(mo), day: num(d), h: num(h), mi: num(mi), s: num(s), ms: fraction(frac), zone });
  return { kind: 'instant', ms: Date.UTC(num(y), num(mo) - 1, num(d), num(h), num(mi), num(s), fraction(frac)) - off * 60000 };
}

function wall(w: Omit<Extract<Stamp, { kind: 'wall' }>, 'kind'>): Stamp {
  return { kind: 'wall', ...w };
}

/** xtl's level names (tools/libs/toollog/xtl_core.c). */
const XTL_LEVEL = '(?:debug|verbose|detail|progress|info|notice|warning|error|critical)';
/** xtl contexts: libxl, xc, domainbuilder, xl, and the libraries' own (xencall, xencall:buffer, xenevtchn…). */
const XTL_CONTEXT = '(?:libxl|xl|xc|domainbuilder|xen[a-z]*(?::[a-z]+)?)';
/** An application's level word, any case, bracketed or not: INFO, warn:, [error], E, DBG, EMERGENCY. */
const APP_LEVEL = String.raw`(?:\[([A-Za-z]{1,12})\]|([A-Za-z]{1,12})):?(?= |$)`;

const RE = {
  xenDate: /\(XEN\) \[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?\] /,
  xenBoot: /\(XEN\) \[ *(\d+)\.(\d{6})\] /,
  uptime: /^(?:\w+ *:\w+ *: )?\[ *(\d+)\.(\d+)\]/,
  /** Kernel console text without stamps (old kernels, serial captures). */
  kernelText: /^(CPU \d+: Machine Check|Kernel panic|\[Hardware Error\]|mce: |EDAC |BUG: |Call Trace:)/,
  rawUptime: /^<\d{1,3}>\[ *(\d+)\.(\d+)\]/,
  /** Any of dmesg's stamps (util-linux): uptime, -x, -r, -d `[<  7.0>]`, -e `[Feb13 23:31]` / `[  +7.0]`, -T, iso. */
  dmesgStamp: /^(?:\w+ *:\w+ *: |<\d{1,3}>)?\[(?: *\d+\.\d+(?: <[ \d.]+>)?|< *\d+\.\d+>| *\+\d+\.\d+|[A-Z][a-z]{2}\d{1,2} \d\d:\d\d|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}[^\]]*)\]|^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d+[+-]\d\d:?\d\d /,
  ctime: new RegExp(`^(?:\\[\\w{3} ?\\d{1,2} \\d\\d:\\d\\d\\] )?\\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MON} +(\\d{1,2}) (\\d\\d):(\\d\\d):(\\d\\d) (\\d{4})(?: <[^>]*>)?\\]`),
  isoComma: /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d),(\d+)([+-]\d\d:?\d\d)/,
  syslog: new RegExp(`^(?:- (\\d{9,10}) \\d{4}\\.\\d\\d\\.\\d\\d \\S+ )?(?:${MON}|(\\d{1,2})月) +(\\d{1,2}) (\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d+))? `),
  /** A syslog message without the syslog stamp (journal excerpts, daemons' own files): "tag[pid]: ...". */
  tagged: /^[\w./-]+\[\d+\]:\s/,
  taggedDate: /^[\w./-]+\[\d+\]:\s+(\d{4})\/(\d\d)\/(\d\d)_(\d\d):(\d\d):(\d\d) /,
  rfc3339: /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d) /,
  rfc5424: /^<\d{1,3}>1 (\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d) /,
  /** xl -T / old libvirt (xtl SHOW_DATE): date, tzname, [pid], then always a context and an xtl level. */
  xtlDate: new RegExp(String.raw`^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) ([A-Z]{2,5}|[+-]\d\d(?:\d\d)?) (?:\[\d+\] )?${XTL_CONTEXT}: ${XTL_LEVEL}: `),
  virLog: /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3})([+-]\d{4}): /,
  xend: /^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:,(\d{3}))? \d+(?: \d+)?\] /,
  rasmc: /^\d+ (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) ([+-]\d{4}) /,
  sanlock: /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)([+-]\d{4})? \d+ \[\d+\]: /,
  app: new RegExp(String.raw`^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(?: ?(Z|[+-]\d\d:?\d\d))? +${APP_LEVEL}`),
  /**
   * xen-hotplug.log holds only the hotplug scripts' stderr: shell errors, RTNETLINK and
   * xenstore-* complaints, `vifN.M:` messages, and bash xtrace (`+ cmd`, `++ cmd`) when a
   * script runs with `set -x` — counted only when it shows the scripts' own commands, so
   * that diffs and `+ ` bullet lists are not taken for it.
   */
  hotplug: new RegExp(
    String.raw`^(?:RTNETLINK answers|xenstore-\w+: |vif\d+\.\d+: |/etc/xen/scripts/\S+: ` +
      String.raw`|\++ (?:.*(?:/etc/xen/scripts/|xenstore[-_]\w+)|(?:block(?:-\w+)?|vif-\w+|claim_lock|release_lock|write_dev|do_or_die|do_without_error|setup_virtual_bridge_port|add_to_bridge|handle_iptables|frob_iptable|ip (?:link|addr|route)|brctl|ovs-vsctl|losetup|iptables|ebtables|fatal)\b))`,
  ),
};

function xenStamp(line: string): Stamp | undefined {
  let m = RE.xenDate.exec(line);
  if (m) return wall({ year: num(m[1]), month: num(m[2]), day: num(m[3]), h: num(m[4]), mi: num(m[5]), s: num(m[6]), ms: num(m[7]) });
  m = RE.xenBoot.exec(line);
  if (m) return { kind: 'uptime', clock: 'xen', seconds: num(m[1]) + num(m[2]) / 1e6 };
  // console_timestamps=raw, `(XEN) [0000012345abcdef] `, prints the TSC in hex: without the
  // CPU's frequency (and a tick dated by another clock) it is no time, so the line gets none
  // and its event a null time; its message is classified like any other console line (the
  // rules skip a bracketed stamp of any kind after `(XEN) `).
  return undefined;
}

/**
 * An application log's stamp. A zone abbreviation where the level would be (PostgreSQL's
 * `2024-07-01 09:01:05.200 CEST [4420] FATAL:`) is the line's zone, not its level.
 */
function appStamp(line: string): Stamp | undefined {
  const m = RE.app.exec(line);
  if (!m) return undefined;
  if (m[8]) return instant(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
  const word = m[10];
  const zone = word && /^[A-Z]{2,5}$/.test(word) && abbreviationOffset(word) !== undefined ? word : undefined;
  return wall({ year: num(m[1]), month: num(m[2]), day: num(m[3]), h: num(m[4]), mi: num(m[5]), s: num(m[6]), ms: fraction(m[7]), ...(zone ? { zone } : {}) });
}

function syslogStamp(line: string): Stamp | undefined {
  const m = RE.syslog.exec(line);
  if (m) {
    // loghub's prefix carries the epoch of the line
    if (m[1]) return { kind: 'instant', ms: Number(m[1]) * 1000 };
    return wall({ month: m[2] ? MONTHS[m[2]] : num(m[3]), day: num(m[4]), h: num(m[5]), mi: num(m[6]), s: num(m[7]), ms: fraction(m[8]) });
  }
  const t = RE.taggedDate.exec(line);
  return t ? wall({ year: num(t[1]), month: num(t[2]), day: num(t[3]), h: num(t[4]), mi: num(t[5]), s: num(t[6]), ms: 0 }) : undefined;
}

function uptime(re: RegExp) {
  return (line: string): Stamp | undefined => {
    const m = re.exec(line);
    return m ? { kind: 'uptime', clock: 'kernel', seconds: num(m[1]) + Number(`0.${m[2]}`) } : undefined;
  };
}

/** Detection order matters: the more specific shapes come first. */
export const FORMATS: FormatDef[] = [
  { id: 'xen-console', line: /\(XEN\) |^\(d\d+\) /, stamp: xenStamp },
  { id: 'xl-domain-log', line: /^(Waiting for domain \S.* \(domid \d+\) to die|Domain \d+ has (shut down|been destroyed)|Action for shutdown reason code)/, name: /(^|\/)xl-[^/]*\.log/ },
  { id: 'qemu-dm', line: /^(VNC server running on|xen-qemu-system-|qemu-system-|char device redirected to)/, name: /(^|\/)qemu-dm-[^/]*\.log/ },
  { id: 'xen-hotplug', line: RE.hotplug, name: /(^|\/)xen-hotplug\.log/ },
  { id: 'xend', line: RE.xend, name: /(^|\/)xend(-debug)?\.log(\.\d+)?(\.gz)?$/, stamp: (l) => { const m = RE.xend.exec(l); return m ? wall({ year: num(m[1]), month: num(m[2]), day: num(m[3]), h: num(m[4]), mi: num(m[5]), s: num(m[6]), ms: num(m[7]) }) : undefined; } },
  { id: 'xl-timestamped', line: new RegExp(`${RE.xtlDate.source}|${RE.virLog.source}`), stamp: (l) => {
    const v = RE.virLog.exec(l);
    if (v) return instant(v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    const m = RE.xtlDate.exec(l);
    return m ? instant(m[1], m[2], m[3], m[4], m[5], m[6], undefined, m[7]) : undefined;
  } },
  { id: 'xl', line: /(^|: )(libxl|xc|xl|domainbuilder): (debug|verbose|detail|progress|info|notice|warning|error|critical): |(^|: )Parsing config from / },
  { id: 'mcelog', line: /^(Hardware event\. This is not a software error\.|MCE \d+$|CPU \d+ (BANK \d+|THERMAL|\d+$)|MCG status:|STATUS [0-9a-f]+|MCGSTATUS |ADDR [0-9a-f]+|MISC [0-9a-f]+|mcelog: )/, name: /(^|\/)mcelog(\.\d+)?(\.gz)?$/ },
  { id: 'ras-mc-ctl', line: RE.rasmc, stamp: (l) => { const m = RE.rasmc.exec(l); return m ? instant(m[1], m[2], m[3], m[4], m[5], m[6], undefined, m[7]) : undefined; } },
  { id: 'dmesg-raw', line: RE.rawUptime, stamp: uptime(RE.rawUptime) },
  { id: 'journal-monotonic', line: /^\[ *\d+\.\d{6}\] \S+ [^\s:]+: /, stamp: uptime(RE.uptime) },
  // `[ 1.234567]` can open a stray line of anything (a script's echo, a quoted boot): most lines must be the kernel's
  { id: 'dmesg', line: new RegExp(`${RE.uptime.source}|${RE.kernelText.source}`), stamp: uptime(RE.uptime), most: new RegExp(`${RE.dmesgStamp.source}|${RE.kernelText.source}`) },
  { id: 'dmesg-ctime', line: RE.ctime, stamp: (l) => { const m = RE.ctime.exec(l); return m ? wall({ year: num(m[6]), month: MONTHS[m[1]], day: num(m[2]), h: num(m[3]), mi: num(m[4]), s: num(m[5]), ms: 0 }) : undefined; } },
  { id: 'dmesg-iso', line: RE.isoComma, stamp: (l) => { const m = RE.isoComma.exec(l); return m ? instant(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]) : undefined; } },
  { id: 'rfc5424', line: RE.rfc5424, stamp: (l) => { const m = RE.rfc5424.exec(l); return m ? instant(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]) : undefined; } },
  { id: 'rfc3339', line: RE.rfc3339, stamp: (l) => { const m = RE.rfc3339.exec(l); return m ? instant(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]) : undefined; } },
  { id: 'sanlock', line: RE.sanlock, name: /(^|\/)sanlock\.log(\.\d+)?(\.gz)?$/, stamp: (l) => { const m = RE.sanlock.exec(l); return m ? (m[7] ? instant(m[1], m[2], m[3], m[4], m[5], m[6], undefined, m[7]) : wall({ year: num(m[1]), month: num(m[2]), day: num(m[3]), h: num(m[4]), mi: num(m[5]), s: num(m[6]), ms: 0 })) : undefined; } },
  { id: 'dlm', line: new RegExp(`^${MON} +\\d{1,2} \\d\\d:\\d\\d:\\d\\d \\d+ `), name: /(^|\/)dlm_controld\.log(\.\d+)?(\.gz)?$/, stamp: syslogStamp },
  { id: 'syslog', line: new RegExp(`${RE.syslog.source}|${RE.tagged.source}`), stamp: syslogStamp },
  { id: 'app', line: RE.app, stamp: appStamp },
];

const BY_ID = new Map(FORMATS.map((f) => [f.id, f]));

export function formatDef(id: LogFormat): FormatDef | undefined {
  return BY_ID.get(id);
}

/** Capture files (sysstat, vmstat, xentop) are recognised but read by the capture parsers. */
const CAPTURES: Array<[RegExp, string]> = [
  [/^Linux \S+ \(\S+\)\s+\S+\s+_\S+_(?:\s+\(\d+ CPU\))?/, 'sysstat'],
  // old releases' banner: no architecture, no CPU count
  [/^Linux \S+ \(\S+\)\s+\d{1,4}[/.-]\d\d?[/.-]\d{2,4}\s*$/, 'sysstat'],
  // iostat output pasted without its banner
  [/^(?:Datetime\s+)?(?:avg-cpu:\s|Device:?\s+(?:tps|r\/s|rrqm\/s)\s)/, 'sysstat'],
  [/^# hostname;interval;timestamp;/, 'sadf'],
  // sadf -d rows (the `# ` header reads as a prompt), sadf -p rows
  [/^[^;\s]+;-?\d+;(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?: \S+)?|\d{9,11});/, 'sadf'],
  [/^\S+\t-?\d+\t(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?: \S+)?|\d{9,11})\t/, 'sadf'],
  [/^\{"sysstat": ?\{/, 'sysstat-json'],
  [/^(?:--time-- +)?procs -+memory-+/, 'vmstat'],
  [/^\d+ K total memory$/, 'vmstat'],
  [/^ *NAME +STATE +CPU\(sec\) +CPU\(%\)/, 'xentop'],
  [/^xentop - \d\d:\d\d:\d\d /, 'xentop'],
];

/**
 * Cleans what pastes and captures add around a line: `\r`, a BOM, `> ` quoting,
 * indentation, and a `grep -H` file prefix (`kern.log.1:Jul  1 ...`).
 */
export function cleanLine(line: string): string {
  let l = line;
  if (l.charCodeAt(0) === 0xfeff) l = l.slice(1);
  l = l.replace(/\r+$/, '');
  while (l.startsWith('> ')) l = l.slice(2);
  l = l.replace(/^[ \t]+/, '');
  return l.replace(/^[\w./-]+\.log(?:\.\d+)?:(?=\S)/, '');
}

/** A shell prompt in a pasted terminal session: "# dmesg", "root@host:~# cat ...", "[root@h page]# ...", "$./dmesg". */
const PROMPT = /^(?:[\w.-]+@[\w.-]+:[^#$]*[#$] |\[[\w.-]+@[\w.-]+ [^\]]*\][#$] |[#$] |\$\.?\/)/;

/** Journal text that is not a message: its header, boot separators, "No entries". */
const JOURNAL_NOTE = /^-- (Logs begin at|Journal begins at|No entries|Reboot|Boot )/;

/** Source code and documents: a log line quoted in them does not make them logs. */
const NOT_A_LOG = /\.(patch|diff|md|sh|py|c|h|js|ts|json|ya?ml|xml|html?)(?:\.gz)?$/i;

export type Detection = { format: LogFormat } | { capture: string } | { unknown: string };

/** A head line as detection reads it, and whether it was indented (a continuation, in dmesg). */
interface Row {
  text: string;
  indented: boolean;
}

function rows(head: string[]): Row[] {
  return head
    .map((raw) => ({ text: cleanLine(raw), indented: /^(?:> )*[ \t]{2,}\S/.test(raw.replace(/^\uFEFF/, '')) }))
    .filter((r) => r.text.trim() && !PROMPT.test(r.text) && !JOURNAL_NOTE.test(r.text))
    .slice(0, 40);
}

/** The share of the rows that match `re`; indented lines after a match continue its record. */
function recordShare(re: RegExp, head: Row[]): number {
  let hits = 0;
  let counted = 0;
  let open = false;
  for (const r of head) {
    const hit = re.test(r.text);
    if (!hit && r.indented && open) continue;
    counted++;
    if (hit) hits++;
    open = hit;
  }
  return counted ? hits / counted : 0;
}

/**
 * The format of a file from its path and first lines: a format whose lines make up most
 * of the head wins; file names decide for formats that carry no timestamps. Source code
 * and documents are never guessed at (a format set for them in the settings still applies,
 * since the scan then does not ask).
 */
export function detectFormat(path: string, head: string[]): Detection {
  const found = rows(head);
  const lines = found.map((r) => r.text);
  const capture = CAPTURES.find(([re]) => lines.slice(0, 5).some((l) => re.test(l)))?.[1];
  const ext = NOT_A_LOG.exec(path)?.[1];
  // iostat -o JSON is a capture whatever the name
  if (ext && !(capture === 'sysstat-json' && ext.toLowerCase() === 'json')) {
    return { unknown: `a .${ext.toLowerCase()} file is source code or a document, not a log (set a format for it in xenops.logs.formats or with --format to read it)` };
  }
  if (capture) return { capture };
  // the highest share of lines wins; on a tie, the format of the first line, then one with timestamps
  let best: { format: LogFormat; score: number; first: boolean; stamped: boolean } | undefined;
  for (const f of FORMATS) {
    const hits = lines.filter((l) => f.line.test(l)).length;
    if (!hits || (f.most && recordShare(f.most, found) < 0.5)) continue;
    const c = { format: f.id, score: hits / lines.length, first: f.line.test(lines[0]), stamped: !!f.stamp?.(lines[0]) };
    const better = !best || c.score > best.score || (c.score === best.score && ((c.first && !best.first) || (c.first === best.first && c.stamped && !best.stamped)));
    if (better) best = c;
  }
  // a hypervisor console interleaved with other output is still a console capture
  const console = lines.filter((l) => /\(XEN\) /.test(l)).length;
  if (console && (console >= lines.length / 5 || /\(XEN\) /.test(lines[0]))) return { format: 'xen-console' };
  const named = FORMATS.find((f) => f.name?.test(path));
  if (named && (!best || best.score < 0.6 || !formatDef(best.format)?.stamp)) return { format: named.id };
  // multi-line records (wrapped pastes, tracebacks) dilute the score: the first line still counts
  if (best && (best.score >= 0.25 || best.first)) return { format: best.format };
  if (named) return { format: named.id };
  if (!lines.length) return { unknown: 'empty file' };
  return { unknown: `no known log format in the first ${lines.length} lines (first: "${lines[0].slice(0, 60)}")` };
}

/**
 * The journal header's date: "-- Logs begin at Wed 2015-12-02 22:53:58 IST, end at ...",
 * "-- Journal begins at Tue 2024-03-05 08:00:00 UTC, ends at ...". UTC, GMT, Z and numeric
 * offsets are exact, so are the abbreviations with one meaning; any other name (IST, CST) is
 * read in `zone`, the folder's time zone. Either way it is close enough to give the year of
 * the yearless lines under it, which is what the header is for.
 */
export function headerInstant(line: string, zone = 'UTC'): Stamp | undefined {
  const m = /^-- (?:Logs begin at|Journal begins at) \w{3} (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) (\S+?)(?:,| --|\. --|\.?$)/.exec(line);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const off = offsetMinutes(m[7]) ?? abbreviationOffset(m[7]);
  if (off !== undefined) return { kind: 'instant', ms: Date.UTC(y, mo - 1, d, h, mi, s) - off * 60000 };
  return { kind: 'instant', ms: wallToUtc(y, mo, d, h, mi, s, 0, isTimeZone(zone) ? zone : 'UTC') };
}

/** The kernel's uptime inside a wrapped kernel message: "kernel: [21584690.529862] ...". */
export function embeddedUptime(line: string): number | undefined {
  const m = /kernel: \[ *(\d+)\.(\d+)\]/.exec(line);
  return m ? Number(m[1]) + Number(`0.${m[2]}`) : undefined;
}
