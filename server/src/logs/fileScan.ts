// Scanning one log file as a stream: recognise its format from the head, then run
// the literal prefilter over the bytes and decode only the lines it flags (and the
// lines of a multi-line record). Memory stays bounded whatever the file's size.
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createGunzip } from 'node:zlib';
import { cleanLine, detectFormat, embeddedUptime, formatDef, headerInstant, type Stamp } from './formats';
import type { Engine } from './engine';
import type { Matcher } from './matcher';
import { describeMce } from './mce';
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
  /** Continuation lines of a multi-line record. */
  record?: string[];
}

export interface FileResult {
  /** Relative to the scanned folder, with forward slashes. */
  path: string;
  format?: LogFormat;
  /** Performance captures are recognised and left to the capture parsers. */
  capture?: string;
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
  /** The domain a per-domain log belongs to (xl-<name>.log, qemu-dm-<name>.log). */
  domain?: string;
}

export interface ScanOptions {
  engine: Engine;
  maxFileBytes: number;
  /** A forced format (from settings), else detection. */
  format?: LogFormat;
  onBytes?: (n: number) => void;
  cancelled?: () => boolean;
}

const HEAD_BYTES = 64 * 1024;
const TAIL_BYTES = 64 * 1024;
const MAX_LINE = 64 * 1024;
const WINDOW = 4096;
const MAX_EVENTS_PER_FILE = 200000;

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
    result.skipped = `${gb(st.size)} is over the ${gb(opts.maxFileBytes)} limit for one file (raise it with --max-file-size or xenops.logs.maxFileSize)`;
    return result;
  }
  const gz = /\.gz$/.test(abs);
  try {
    await new Scanner(result, opts).run(abs, gz);
  } catch (e) {
    if (e instanceof Cancelled) throw e;
    result.skipped = gz ? `not a readable gzip file: ${(e as Error).message}` : `read failed: ${(e as Error).message}`;
  }
  return result;
}

function gb(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(n / 1024 ** 2)} MiB`;
}

class Scanner {
  private format?: LogFormat;
  private stampOf?: (line: string) => Stamp | undefined;
  private lineNo = 0;
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private state = 0;
  private hit = false;
  private capture?: { rule: CompiledRule; event: RawEvent; lines: number };
  private tail = Buffer.alloc(0);
  private matcher?: Matcher;
  /** For a line longer than MAX_LINE: the bytes around its first literal, which the head may not hold. */
  private hitWindow?: Buffer;

  constructor(private readonly result: FileResult, private readonly opts: ScanOptions) {}

  async run(abs: string, gz: boolean): Promise<void> {
    const raw = createReadStream(abs, { highWaterMark: 1024 * 1024 });
    const stream = gz ? raw.pipe(createGunzip()) : raw;
    if (gz) raw.on('error', (e) => stream.destroy(e));
    let head: Buffer[] = [];
    let headBytes = 0;
    let mode: 'scan' | 'count' | undefined;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (this.opts.cancelled?.()) throw new Cancelled();
        this.opts.onBytes?.(gz ? 0 : chunk.length);
        if (!mode) {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes < HEAD_BYTES) continue;
          const decided = this.begin(Buffer.concat(head));
          if (decided === 'stop') return;
          mode = decided;
          for (const c of head) this.consume(mode, c);
          head = [];
          continue;
        }
        this.consume(mode, chunk);
      }
    } finally {
      raw.destroy();
    }
    if (!mode) {
      const decided = this.begin(Buffer.concat(head));
      if (decided === 'stop') return;
      mode = decided;
      for (const c of head) this.consume(mode, c);
    }
    if (mode === 'scan') this.finish();
  }

  private consume(mode: 'scan' | 'count', chunk: Buffer): void {
    if (mode === 'scan') this.feed(chunk);
    else this.result.lines += countLines(chunk);
  }

  /** Decides what the file is from its head: scanned, only counted (captures), or skipped. */
  private begin(head: Buffer): 'scan' | 'count' | 'stop' {
    const r = this.result;
    const probe = head.subarray(0, 8192);
    if (probe.includes(0)) {
      r.skipped = 'binary file (it contains NUL bytes)';
      return 'stop';
    }
    const lines = head.toString('utf8').split('\n').slice(0, 200);
    if (this.opts.format) this.format = this.opts.format;
    else {
      const d = detectFormat(r.path, lines);
      if ('unknown' in d) {
        r.skipped = d.unknown;
        return 'stop';
      }
      if ('capture' in d) {
        r.capture = d.capture;
        return 'count';
      }
      this.format = d.format;
    }
    r.format = this.format;
    // per-domain logs are named after their domain: xl-<name>.log, qemu-dm-<name>.log
    if (this.format === 'xl-domain-log' || this.format === 'qemu-dm') r.domain = /(?:^|\/)(?:xl|qemu-dm)-(.+?)\.log/.exec(r.path)?.[1];
    this.matcher = this.opts.engine.matcherFor(this.format);
    this.stampOf = formatDef(this.format)?.stamp;
    for (const l of lines.slice(0, 50)) {
      const clean = cleanLine(l);
      r.header ??= headerInstant(clean);
      r.first ??= this.stampOf?.(clean);
    }
    this.anchorsIn(lines.map(cleanLine));
    return 'scan';
  }

  /** Runs the prefilter over a chunk; lines it flags (and record lines) are decoded and classified. */
  private feed(chunk: Buffer): void {
    const { table, accept } = this.matcher!;
    let state = this.state;
    let hit = this.hit;
    let lineStart = 0;
    const len = chunk.length;
    for (let i = 0; i < len; i++) {
      const b = chunk[i];
      if (b === 10) {
        if (hit || this.capture) this.endLine(chunk, lineStart, i, hit);
        else this.clearCarry();
        this.lineNo++;
        lineStart = i + 1;
        state = 0;
        hit = false;
        continue;
      }
      state = table[(state << 8) | b];
      if (accept[state] && !hit) {
        hit = true;
        if (this.carryBytes + i - lineStart > MAX_LINE - WINDOW) {
          this.hitWindow = Buffer.from(chunk.subarray(Math.max(lineStart, i - WINDOW), Math.min(len, i + WINDOW)));
        }
      }
    }
    this.state = state;
    this.hit = hit;
    if (lineStart < len) this.keep(chunk.subarray(lineStart));
    this.tail = Buffer.from(len >= TAIL_BYTES ? chunk.subarray(len - TAIL_BYTES) : Buffer.concat([this.tail, chunk]).subarray(-TAIL_BYTES));
  }

  /** Keeps the unfinished line's bytes (bounded) for the next chunk. */
  private keep(part: Buffer): void {
    if (this.carryBytes >= MAX_LINE) return;
    const piece = part.subarray(0, MAX_LINE - this.carryBytes);
    this.carry.push(Buffer.from(piece));
    this.carryBytes += piece.length;
  }

  private clearCarry(): void {
    if (this.carryBytes) {
      this.carry = [];
      this.carryBytes = 0;
    }
  }

  private endLine(chunk: Buffer, start: number, end: number, hit: boolean): void {
    let bytes = chunk.subarray(start, Math.min(end, start + MAX_LINE));
    if (this.carryBytes) {
      bytes = Buffer.concat([...this.carry, bytes]).subarray(0, MAX_LINE);
      this.clearCarry();
    }
    if (this.hitWindow) {
      // keep the start (its timestamp) and the part that matched
      bytes = Buffer.concat([bytes.subarray(0, WINDOW), Buffer.from(' … '), this.hitWindow]);
      this.hitWindow = undefined;
    }
    this.line(cleanLine(bytes.toString('utf8')), hit);
  }

  private line(text: string, hit: boolean): void {
    const lineNo = this.lineNo + 1;
    if (this.capture && this.continues(text)) return;
    if (!hit) return;
    const pack = this.opts.engine.pack;
    for (const link of pack.links) {
      if (!link.literals.some((l) => text.includes(l))) continue;
      const m = link.regex.exec(text);
      if (m?.groups?.domid && m.groups.domain) this.result.links.push({ domid: Number(m.groups.domid), domain: m.groups.domain });
    }
    const found = classify(pack, text, this.format);
    if (!found || this.result.events.length >= MAX_EVENTS_PER_FILE) return;
    const { rule, match } = found;
    const g = match?.groups ?? {};
    const event: RawEvent = {
      line: lineNo,
      rule: rule.id,
      category: rule.category,
      severity: rule.severity,
      message: text.length > 2000 ? `${text.slice(0, 2000)}…` : text,
      stamp: this.stampOf?.(text),
    };
    this.fields(event, g);
    const uptime = embeddedUptime(text);
    if (uptime !== undefined && event.stamp && event.stamp.kind !== 'uptime') this.result.anchors.push({ clock: 'kernel', uptime, stamp: event.stamp });
    this.result.events.push(event);
    if (rule.record) this.capture = { rule, event, lines: 0 };
  }

  /** Adds a line to the open record, or closes the record (and returns false) when the line is not part of it. */
  private continues(text: string): boolean {
    const c = this.capture!;
    const ends = (c.rule.until && c.rule.until.test(text)) || (c.rule.while && !c.rule.while.test(text)) || c.lines >= (c.rule.record?.max ?? 0);
    if (ends) {
      this.closeRecord();
      return false;
    }
    c.lines++;
    (c.event.record ??= []).push(text.length > 500 ? text.slice(0, 500) : text);
    return true;
  }

  private closeRecord(): void {
    const c = this.capture;
    this.capture = undefined;
    if (!c?.event.record) return;
    const g: Record<string, string> = {};
    for (const l of c.event.record) {
      g.bank ??= /\b(?:BANK|Bank) (\d+)/.exec(l)?.[1] as string;
      g.status ??= /\bSTATUS ([0-9a-fA-F]{8,16})\b/.exec(l)?.[1] as string;
      g.status ??= /\bBank \d+: ([0-9a-f]{16})/.exec(l)?.[1] as string;
      g.epoch ??= /\bTIME (\d{9,11})\b/.exec(l)?.[1] as string;
    }
    this.fields(c.event, Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)));
  }

  private fields(event: RawEvent, g: Record<string, string | undefined>): void {
    if (g.domid !== undefined && event.domid === undefined) event.domid = Number(g.domid);
    if (g.domain && !event.domain) event.domain = g.domain;
    if (g.epoch && event.epoch === undefined) event.epoch = Number(g.epoch);
    if (g.status && !event.mce) {
      event.mce = describeMce(g.status, g.bank);
      // the status word says whether the hardware corrected it: that decides the severity
      if (event.category === 'mce' && event.mce) event.severity = event.mce.startsWith('uncorrected') ? 'error' : 'warning';
    }
  }

  private finish(): void {
    if (this.carryBytes || this.hit) {
      let rest = Buffer.concat(this.carry);
      this.clearCarry();
      if (this.hitWindow) {
        rest = Buffer.concat([rest.subarray(0, WINDOW), Buffer.from(' … '), this.hitWindow]);
        this.hitWindow = undefined;
      }
      if (rest.length || this.hit) {
        this.line(cleanLine(rest.toString('utf8')), this.hit);
        this.lineNo++;
      }
    }
    if (this.capture) this.closeRecord();
    const r = this.result;
    r.lines = this.lineNo;
    const tail = this.tail.toString('utf8').split('\n').map(cleanLine);
    for (let i = tail.length - 1; i >= 0 && !r.last; i--) r.last = this.stampOf?.(tail[i]);
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
        this.result.anchors.push({ clock: lastUptime.clock, uptime: lastUptime.seconds, stamp: s });
        lastUptime = undefined;
      }
      const u = embeddedUptime(l);
      if (u !== undefined && s.kind !== 'uptime') this.result.anchors.push({ clock: 'kernel', uptime: u, stamp: s });
    }
  }
}

function countLines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
