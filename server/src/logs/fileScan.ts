// Scanning one log file as a stream: recognise its format from the head, then run
// the literal prefilter over the bytes and decode only the lines it flags (and the
// lines of a multi-line record). Memory stays bounded whatever the file's size.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { openSource } from './byteSource';
import { acquireBuffer, releaseBuffer, type ScanBuffer } from './scanBuffer';
import { cleanLine, detectFormat, embeddedUptime, formatDef, headerInstant, type Stamp } from './formats';
import { parseCapture } from '../captures/index';
import type { Capture } from '../captures/types';
import type { Engine } from './engine';
import type { Prefilter } from './prefilter';
import { describeMce } from './mce';
import { EventStore } from './eventStore';
import { classify, type CompiledRule } from './rules';
import type { Category, EventSeverity, LogFormat } from './types';

export interface RawEvent {
  line: number;
  rule: string;
  category: Category;
  severity: EventSeverity;
  message: string;
  stamp?: Stamp;
  domid?: number;
  domain?: string;
  /** What the machine-check status word says, when the event carries one. */
  mce?: string;
  /** Unix seconds written inside the record (MCE TIME): an exact time for the event. */
  epoch?: number;
}

export interface FileResult {
  /** Relative to the scanned folder, with forward slashes. */
  path: string;
  format?: LogFormat;
  /** A performance capture, read by the capture parsers instead of the log rules. */
  capture?: Capture;
  skipped?: string;
  lines: number;
  bytes: number;
  mtimeMs: number;
  first?: Stamp;
  last?: Stamp;
  /** A date the file states outright (a journal header). */
  header?: Stamp;
  events: RawEvent[];
  links: Array<{ domid: number; domain: string }>;
  /** Lines that carry both a wall-clock time and an uptime: they date the boot. */
  anchors: Array<{ clock: 'kernel' | 'xen'; uptime: number; stamp: Stamp }>;
  /** The domain a per-domain log belongs to (xl-<name>.log, qemu-dm-<name>.log, guest-<name>.log). */
  domain?: string;
  /** Failure lines left out because the file already had as many events as a file may have. */
  dropped?: number;
  /** What the reader of the results should know about this file (events left out). */
  note?: string;
}

type Anchor = FileResult['anchors'][number];

export interface ScanOptions {
  engine: Engine;
  maxFileBytes: number;
  /** A forced format (from settings), else detection. */
  format?: LogFormat;
  /** IANA zone for capture rows written without one (default UTC; logs get theirs when correlated). */
  zone?: string;
  onBytes?: (n: number) => void;
  cancelled?: () => boolean;
  /** At most this many events (default MAX_EVENTS_PER_FILE); further failure lines are counted. */
  maxEvents?: number;
}

const HEAD_BYTES = 64 * 1024;
const TAIL_BYTES = 64 * 1024;
/** Bytes read per step; a file bigger than this gets a prefilter tuned to its own start. */
const CHUNK = 1024 * 1024;
const SAMPLE_BYTES = 256 * 1024;
/** Longer lines are cut: their start (for the time) and the text around the failure are kept. */
const MAX_LINE = 64 * 1024;
const WINDOW = 4096;
/** How much of a file the scanner holds at once. */
export const READ_BUFFER_BYTES = CHUNK + MAX_LINE;
/** Beyond this many events a file's further failure lines are counted, not kept (memory stays bounded). */
export const MAX_EVENTS_PER_FILE = 200000;
/** Messages longer than this are cut. */
const MAX_MESSAGE = 2000;
const MAX_RECORD_LINE = 500;
/** The share of a file's first bytes that may be neither text nor valid UTF-8 before it counts as binary. */
const BINARY_SHARE = 0.1;

/** A guest's own console line as Xen prints it: "(d12) …" where its own lines have "(XEN) " (also after one). */
const GUEST_LINE = /^(?:\(XEN\) (?:\[[^\]]*\] )?)?\(d(\d+)\) /;
/**
 * The domain or vCPU Xen puts before a message: "d12v0 " (gprintk; after "file.c:123:" in debug
 * builds), "d12: ", "[d12] ", "[VT-D]d12:".
 */
const XEN_SUBJECT = /^\(XEN\) (?:\[[^\]]*\] )?(?:[\w./-]+\.[ch]:\d+: ?)?(?:\[[A-Za-z-]+\] ?)?(?:d(\d+)(?:v\d+)?[: ]|\[d(\d+)(?:v\d+)?\] )/;
/** A Linux line in a hypervisor console capture: Xen prints dom0's console output raw, without a prefix. */
const DOM0_LINE = /^\[ *\d+\.\d+\] /;

export class Cancelled extends Error {
  constructor() {
    super('scan cancelled');
  }
}

export async function scanFile(abs: string, rel: string, opts: ScanOptions): Promise<FileResult> {
  const result: FileResult = { path: rel, lines: 0, bytes: 0, mtimeMs: 0, events: [], links: [], anchors: [] };
  let st;
  try {
    st = await fs.stat(abs);
  } catch (e) {
    result.skipped = `cannot read: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}`;
    return result;
  }
  result.bytes = st.size;
  result.mtimeMs = st.mtimeMs;
  if (st.size > opts.maxFileBytes) {
    // not read, and not in the progress total either (see scan.ts)
    result.skipped = `${gb(st.size)} is over the ${gb(opts.maxFileBytes)} limit for one file (raise it with --max-file-size or xenops.logs.maxFileSizeMiB)`;
    return result;
  }
  let read = 0;
  const onBytes = (n: number) => {
    read += n;
    opts.onBytes?.(n);
  };
  const scanner = new Scanner(result, { ...opts, onBytes });
  try {
    await scanner.run(abs);
  } catch (e) {
    if (e instanceof Cancelled) throw e;
    result.skipped = /\.gz$/.test(abs) ? `not a readable gzip file: ${(e as Error).message}` : `read failed: ${(e as Error).message}`;
  }
  result.events = scanner.events();
  // a file left early (binary, unknown format, unreadable) still counts whole: progress ends at its total
  if (st.size > read) opts.onBytes?.(st.size - read);
  return result;
}

function gb(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(n / 1024 ** 2)} MiB`;
}

/** A line too long for the buffer, seen in parts: its start, and the text around its first literal. */
interface LongLine {
  head: Buffer;
  /** Where in the line the part being searched begins. */
  offset: number;
  hit: boolean;
  /** The text around the literal when the head does not hold it, up to `windowStop` in the line. */
  window?: Buffer[];
  windowEnd: number;
  windowStop: number;
}

class Scanner {
  private format?: LogFormat;
  private stampOf?: (line: string) => Stamp | undefined;
  private prefilter?: Prefilter;
  /** Newlines before the data being looked at: the number of the line being read, minus one. */
  private lineNo = 0;
  /** The open multi-line record: its event and continuation lines (read for fields, then dropped). */
  private capture?: { rule: CompiledRule; event: RawEvent; lines: string[] };
  private long?: LongLine;
  /** The file ends without a newline after its last line. */
  private unterminated = false;
  /** The last TAIL_BYTES of what has been read, for the file's last time stamp. */
  private readonly tail = Buffer.alloc(TAIL_BYTES);
  private tailLength = 0;
  private buffer?: ScanBuffer;
  private captured: Buffer[] = [];
  /** The events found, but the last: it may still be completed by its record. */
  private readonly store = new EventStore();
  private pending?: RawEvent;
  private found = 0;

  constructor(private readonly result: FileResult, private readonly opts: ScanOptions) {}

  async run(abs: string): Promise<void> {
    const source = openSource(abs, (n) => this.opts.onBytes?.(n));
    this.buffer = acquireBuffer(READ_BUFFER_BYTES);
    const buf = this.buffer.bytes;
    let fill = 0;
    let mode: 'scan' | 'capture' | undefined;
    try {
      for (let eof = false; !eof; ) {
        if (this.opts.cancelled?.()) throw new Cancelled();
        while (fill < buf.length) {
          const n = await source.read(buf, fill, buf.length - fill);
          if (!n) {
            eof = true;
            break;
          }
          fill += n;
        }
        const data = buf.subarray(0, fill);
        if (!mode) {
          const decided = this.begin(data.subarray(0, HEAD_BYTES), eof ? undefined : data.subarray(0, SAMPLE_BYTES));
          if (decided === 'stop') return;
          mode = decided;
        }
        const used = mode === 'scan' ? this.feed(data, eof) : this.gather(data);
        this.keepTail(data.subarray(0, used));
        buf.copyWithin(0, used, fill);
        fill -= used;
      }
    } finally {
      await source.close();
      releaseBuffer(this.buffer);
    }
    if (mode === 'scan') this.finish();
    if (mode === 'capture') this.readCapture();
  }

  /** Decides what the file is from its head: a log to scan, a capture to read whole, or neither. */
  private begin(head: Buffer, sample: Buffer | undefined): 'scan' | 'capture' | 'stop' {
    const r = this.result;
    const start = head.subarray(0, 8192);
    if (start.includes(0)) {
      r.skipped = 'binary file (it contains NUL bytes)';
      return 'stop';
    }
    const junk = nonText(start);
    if (junk > start.length * BINARY_SHARE) {
      r.skipped = `binary file (${Math.round((junk / start.length) * 100)}% of its first ${start.length} bytes are not text)`;
      return 'stop';
    }
    const lines = head.toString('utf8').split('\n').slice(0, 200);
    if (this.opts.format) this.format = this.opts.format;
    else {
      const d = detectFormat(r.path, lines);
      if ('unknown' in d) {
        // the reason quotes the file's first line: its control bytes must not reach a terminal
        r.skipped = printable(d.unknown);
        return 'stop';
      }
      if ('capture' in d) return 'capture';
      this.format = d.format;
    }
    r.format = this.format;
    r.domain = perDomainName(r.path, this.format);
    this.prefilter = this.opts.engine.prefilterFor(this.format, sample);
    this.stampOf = formatDef(this.format)?.stamp;
    for (const l of lines.slice(0, 50)) {
      const clean = cleanLine(l);
      r.header ??= headerInstant(clean, this.opts.zone);
      r.first ??= this.stampOf?.(clean);
    }
    this.anchorsIn(lines.map(cleanLine));
    return 'scan';
  }

  /** An anchor, unless the last one already dates the same boot (then the later estimate of it is kept). */
  private anchor(a: Anchor): void {
    const anchors = this.result.anchors;
    const prev = anchors[anchors.length - 1];
    if (!prev || prev.clock !== a.clock) {
      anchors.push(a);
      return;
    }
    const [was, is] = [bootGuess(prev), bootGuess(a)];
    // every kernel line of a syslog file anchors the boot: one per boot is enough, not one per line
    if (Math.abs(is - was) > BOOT_SLACK_MS) anchors.push(a);
    else if (is > was) anchors[anchors.length - 1] = a;
  }

  /** A capture is read whole by its parser: keep its bytes (the read buffer is reused). */
  private gather(data: Buffer): number {
    this.result.lines += this.buffer!.newlines(0, data.length);
    this.captured.push(Buffer.from(data));
    return data.length;
  }

  private readCapture(): void {
    const r = this.result;
    const capture = parseCapture(r.path, Buffer.concat(this.captured).toString('utf8'), { zone: this.opts.zone ?? 'UTC', mtimeMs: r.mtimeMs });
    this.captured = [];
    if (capture.skipped) r.skipped = capture.skipped;
    // a copy: names and warnings cut from the file's text would keep all of that text alive
    else r.capture = structuredClone(capture);
  }

  /** Scans the complete lines in `data` (all of it at the end of the file); returns how many bytes it used. */
  private feed(data: Buffer, eof: boolean): number {
    let pos = 0;
    if (this.long) {
      const nl = data.indexOf(10);
      if (nl < 0 && !eof) return this.longPart(data, 0);
      this.longEnd(data, nl < 0 ? data.length : nl);
      if (nl < 0) {
        this.unterminated = true;
        return data.length;
      }
      this.lineNo++;
      pos = nl + 1;
    }
    const end = eof ? data.length : data.lastIndexOf(10) + 1;
    if (end > pos) this.lines(data, pos, end);
    if (eof) {
      this.unterminated = data.length > 0 && data[data.length - 1] !== 10;
      return data.length;
    }
    if (data.length - end <= MAX_LINE) return Math.max(end, pos);
    // an unfinished line over MAX_LINE: keep its start, search it in parts from here on
    this.long = { head: Buffer.from(data.subarray(end, end + MAX_LINE)), offset: 0, hit: false, windowEnd: 0, windowStop: 0 };
    return this.longPart(data, end);
  }

  /** Classifies the lines in data[from, to) that the prefilter picks, and every line of an open record. */
  private lines(data: Buffer, from: number, to: number): void {
    const prefilter = this.prefilter!;
    const hits = prefilter.lineHits(this.buffer!, from, to);
    let pos = from;
    let next = 0;
    while (pos < to) {
      if (!this.capture) {
        while (next < hits.length && hits[next] < pos) next++;
        if (next === hits.length) break;
      }
      // inside a multi-line record every line is read, until the record ends
      const at = this.capture ? prefilter.find(this.buffer!, pos, lineEnd(data, pos, to)) : hits[next++];
      const start = this.capture ? pos : Math.max(pos, data.lastIndexOf(10, at) + 1);
      const end = lineEnd(data, Math.max(start, at), to);
      this.lineNo += this.buffer!.newlines(pos, start);
      this.line(cut(data, start, end, at), at >= 0);
      if (end < to) this.lineNo++;
      pos = end + 1;
    }
    this.lineNo += this.buffer!.newlines(pos, to);
  }

  /** Searches data[from, …) as part of a long line, holding back the bytes a literal could continue into. */
  private longPart(data: Buffer, from: number): number {
    const to = Math.max(from, data.length - (this.prefilter!.longest - 1));
    this.longScan(data, from, data.length);
    this.long!.offset += to - from;
    return to;
  }

  /** The long line ends at data[end]: classify it from its start and the text around its literal. */
  private longEnd(data: Buffer, end: number): void {
    this.longScan(data, 0, end);
    const l = this.long!;
    this.long = undefined;
    const text = l.window ? `${l.head.toString('utf8', 0, WINDOW)} … ${Buffer.concat(l.window).toString('utf8')}` : l.head.toString('utf8');
    this.line(text, l.hit);
  }

  /** Looks for the line's first literal in data[from, to), or gathers more of the text after it. */
  private longScan(data: Buffer, from: number, to: number): void {
    const l = this.long!;
    const inLine = (at: number) => l.offset + at - from;
    if (!l.hit) {
      const at = this.prefilter!.find(this.buffer!, from, to);
      if (at < 0) return;
      l.hit = true;
      if (inLine(at) + WINDOW <= MAX_LINE) return;
      const start = Math.max(from, at - WINDOW);
      l.window = [];
      l.windowEnd = inLine(start);
      l.windowStop = inLine(at) + WINDOW;
    }
    if (!l.window || l.windowEnd >= l.windowStop) return;
    const a = from + l.windowEnd - l.offset;
    const b = Math.min(to, from + l.windowStop - l.offset);
    if (b <= a) return;
    l.window.push(Buffer.from(data.subarray(a, b)));
    l.windowEnd = inLine(b);
  }

  private keepTail(used: Buffer): void {
    const kept = Math.min(this.tailLength, TAIL_BYTES - Math.min(used.length, TAIL_BYTES));
    this.tail.copyWithin(0, this.tailLength - kept, this.tailLength);
    this.tailLength = kept + used.copy(this.tail, kept, Math.max(0, used.length - TAIL_BYTES));
  }

  /** A line of the file (`raw`: as read); `hit`: the prefilter found a literal in it. */
  private line(raw: string, hit: boolean): void {
    const text = cleanLine(raw);
    const lineNo = this.lineNo + 1;
    if (this.capture && this.continues(text)) return;
    if (!hit) return;
    const pack = this.opts.engine.pack;
    for (const link of pack.links) {
      if (!link.literals.some((l) => text.includes(l))) continue;
      const m = link.regex.exec(text);
      if (m?.groups?.domid && m.groups.domain) this.result.links.push({ domid: Number(m.groups.domid), domain: detach(m.groups.domain) });
    }
    const found = classify(pack, text, this.format);
    if (!found) return;
    if (this.found >= (this.opts.maxEvents ?? MAX_EVENTS_PER_FILE)) {
      this.result.dropped = (this.result.dropped ?? 0) + 1;
      return;
    }
    const { rule, match } = found;
    const event: RawEvent = {
      line: lineNo,
      rule: rule.id,
      category: rule.category,
      severity: rule.severity,
      message: text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text,
      stamp: this.stamp(text),
    };
    this.fields(event, match?.groups ?? {});
    this.domainOfLine(event, text);
    const uptime = embeddedUptime(text);
    if (uptime !== undefined && event.stamp && event.stamp.kind !== 'uptime') this.anchor({ clock: 'kernel', uptime, stamp: event.stamp });
    this.push(event);
    if (rule.record) this.capture = { rule, event, lines: [] };
  }

  /** Adds an event: the one before it is complete now (its record ends here, if it only peeked). */
  private push(event: RawEvent): void {
    if (this.capture) this.closeRecord();
    this.found++;
    if (this.pending) this.store.push(this.pending);
    this.pending = event;
  }

  /** All the events found, as the result holds them. */
  events(): RawEvent[] {
    if (this.capture) this.closeRecord();
    if (this.pending) this.store.push(this.pending);
    this.pending = undefined;
    // the cap keeps memory bounded; it must not pass silently
    const r = this.result;
    if (r.dropped) r.note = `only the first ${this.found} failure lines were kept as events: ${r.dropped} more are left out`;
    return this.store.views();
  }

  /** The line's time stamp. */
  private stamp(text: string): Stamp | undefined {
    const s = this.stampOf?.(text);
    if (s || this.format !== 'xen-console') return s;
    // Xen dates a guest's console line after "(d12) " as it dates its own after "(XEN) " (only dates:
    // an uptime there may as well be the guest kernel's own)
    const guest = /^\(d\d+\) (?=\[\d{4}-\d\d-\d\d )/.exec(text);
    return guest ? this.stampOf?.(`(XEN) ${text.slice(guest[0].length)}`) : undefined;
  }

  /** The domain Xen's console names before the message, when the rule's own pattern named none. */
  private domainOfLine(event: RawEvent, text: string): void {
    if (event.domid !== undefined || event.domain) return;
    const m = GUEST_LINE.exec(text) ?? XEN_SUBJECT.exec(text);
    if (m) event.domid = Number(m[1] ?? m[2]);
    else if (this.format === 'xen-console' && DOM0_LINE.test(text)) event.domid = 0;
  }

  /** Adds a line to the open record, or closes the record (and returns false) when the line is not part of it. */
  private continues(text: string): boolean {
    const c = this.capture!;
    const ends = (c.rule.until && c.rule.until.test(text)) || (c.rule.while && !c.rule.while.test(text)) || c.lines.length >= (c.rule.record?.max ?? 0);
    if (ends) {
      this.closeRecord();
      return false;
    }
    c.lines.push(text.length > MAX_RECORD_LINE ? text.slice(0, MAX_RECORD_LINE) : text);
    // the line that ends a record (a panic banner's "Reboot in five seconds...") is still part of it
    if (c.rule.last?.test(text)) this.closeRecord();
    // a record that only peeks leaves the line to be an event of its own
    return !c.rule.record?.peek;
  }

  private closeRecord(): void {
    const c = this.capture;
    this.capture = undefined;
    if (!c?.lines.length) return;
    const g: Record<string, string> = {};
    for (const l of c.lines) {
      g.bank ??= /\b(?:BANK|Bank) (\d+)/.exec(l)?.[1] as string;
      g.status ??= /\bSTATUS ([0-9a-fA-F]{8,16})\b/.exec(l)?.[1] as string;
      g.status ??= /\bBank \d+: ([0-9a-f]{16})/.exec(l)?.[1] as string;
      g.epoch ??= /\bTIME (\d{9,11})\b/.exec(l)?.[1] as string;
    }
    this.fields(c.event, Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)));
    this.recordFields(c.rule, c.event, c.lines);
  }

  /** What the rule's record says about the event: named groups in its lines, and its severity. */
  private recordFields(rule: CompiledRule, event: RawEvent, lines: string[]): void {
    if (rule.fields) {
      for (const l of lines) {
        const g = rule.fields.exec(l)?.groups;
        if (g) this.fields(event, g);
      }
    }
    const level = rule.severityBy?.find(([, re]) => lines.some((l) => re.test(l)))?.[0];
    if (level) event.severity = level;
  }

  private fields(event: RawEvent, g: Record<string, string | undefined>): void {
    if (g.domid !== undefined && event.domid === undefined) event.domid = Number(g.domid);
    if (g.domain && !event.domain) event.domain = detach(g.domain);
    if (g.epoch && event.epoch === undefined) event.epoch = Number(g.epoch);
    if (g.status && !event.mce) {
      event.mce = describeMce(g.status, g.bank);
      // the status word says whether the hardware corrected it: that decides the severity
      if (event.category === 'mce' && event.mce) event.severity = event.mce.startsWith('uncorrected') ? 'error' : 'warning';
    }
  }

  private finish(): void {
    if (this.capture) this.closeRecord();
    const r = this.result;
    r.lines = this.lineNo + (this.unterminated ? 1 : 0);
    const tail = this.tail.toString('utf8', 0, this.tailLength).split('\n').map(cleanLine);
    for (let i = tail.length - 1; i >= 0 && !r.last; i--) r.last = this.stamp(tail[i]);
    this.anchorsIn(tail);
  }

  /** Xen consoles switch from uptime to dates once the clock is known: the switch dates the boot. */
  private anchorsIn(lines: string[]): void {
    if (!this.stampOf) return;
    let lastUptime: { clock: 'kernel' | 'xen'; seconds: number } | undefined;
    for (const l of lines) {
      const s = this.stampOf(l);
      if (!s) continue;
      if (s.kind === 'uptime') lastUptime = s;
      else if (lastUptime) {
        this.anchor({ clock: lastUptime.clock, uptime: lastUptime.seconds, stamp: s });
        lastUptime = undefined;
      }
      const u = embeddedUptime(l);
      if (u !== undefined && s.kind !== 'uptime') this.anchor({ clock: 'kernel', uptime: u, stamp: s });
    }
  }
}

/** The per-domain logs name their domain: xl-<name>.log, qemu-dm-<name>.log, xenconsoled's guest-<name>.log. */
function perDomainName(path: string, format: LogFormat | undefined): string | undefined {
  if (format === 'xl-domain-log' || format === 'qemu-dm') return /(?:^|\/)(?:xl|qemu-dm)-(.+?)\.log/.exec(path)?.[1];
  return /(?:^|\/)guest-(.+?)\.log(?:\.\d+)?(?:\.gz)?$/.exec(path)?.[1];
}

/** A string that shares no memory with the one it was cut from (a V8 sliced string keeps its parent alive). */
function detach(s: string): string {
  return s.length < 16 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

const BOOT_SLACK_MS = 60000;

/** When the boot was, by an anchor's own clock (a yearless stamp read in an arbitrary year: only differences count). */
function bootGuess(a: Anchor): number {
  const s = a.stamp;
  const at = s.kind === 'instant' ? s.ms : s.kind === 'wall' ? Date.UTC(s.year ?? 2000, s.month - 1, s.day, s.h, s.mi, s.s, s.ms) : 0;
  return at - a.uptime * 1000;
}

/** Bytes that are neither text nor part of valid UTF-8 (tabs, line ends, form feeds and ESC are text). */
function nonText(bytes: Buffer): number {
  let n = 0;
  for (const b of bytes) if (b < 0x20 ? b < 0x09 || (b > 0x0d && b !== 0x1b) : b === 0x7f) n++;
  // invalid UTF-8 decodes to U+FFFD (a sample cut inside a character adds at most one)
  const text = bytes.toString('utf8');
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/** Text for a terminal: control and invisible characters (C0, DEL, C1, bidi controls, U+FFFD) escaped. */
function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffd]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Where the line holding buf[at] ends: its newline, or `to`. */
function lineEnd(buf: Buffer, at: number, to: number): number {
  const nl = buf.indexOf(10, at);
  return nl < 0 || nl >= to ? to : nl;
}

/** The text of buf[start, end), cut to MAX_LINE bytes: its start and, when further on, the text around its literal at `hit`. */
function cut(buf: Buffer, start: number, end: number, hit: number): string {
  if (end - start <= MAX_LINE) return buf.toString('utf8', start, end);
  if (hit < 0 || hit - start + WINDOW <= MAX_LINE) return buf.toString('utf8', start, start + MAX_LINE);
  return `${buf.toString('utf8', start, start + WINDOW)} … ${buf.toString('utf8', Math.max(start, hit - WINDOW), Math.min(end, hit + WINDOW))}`;
}

export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
