// A flood of failures (100 000s of I/O errors) makes 100 000s of events. As plain objects
// each costs some 350 bytes of JS heap, and the heap grows to about twice what it holds
// before it collects; here they take typed arrays, and their messages deflated UTF-8 bytes
// off the heap. FileResult.events holds small read-only views that read like RawEvents.
import { constants as zlibConstants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RawEvent } from './fileScan';
import type { Stamp } from './formats';
import type { Category, EventSeverity } from './types';

/** Bytes of messages per deflated chunk: enough to compress well, little to inflate again. */
const MESSAGE_CHUNK = 16 * 1024;
/** Inflated chunks kept per file: enough for events of a file that come out of time order. */
const CACHED_CHUNKS = 8;
/** Fast, and a window no bigger than a chunk: the least native memory for each inflate. */
const ZLIB = { level: zlibConstants.Z_BEST_SPEED, windowBits: 14, memLevel: 7, chunkSize: MESSAGE_CHUNK };
const SEVERITIES: readonly EventSeverity[] = ['error', 'warning', 'info'];
/** How a stamp is kept: packed into one number when it has a usual shape, else as it is. */
const enum Packed { None, Instant, Wall, Yearless, KernelUptime, XenUptime, Kept }
/** Yearless wall times are packed in a leap year, so that 29 February survives. */
const PACK_YEAR = 2000;

/** The rare fields, by event index. */
interface Extra {
  domain?: string;
  mce?: string;
  epoch?: number;
  stamp?: Stamp;
}

/** What an EventStore is made of, as a worker posts it (the buffers are transferred, not copied). */
export interface PackedEvents {
  n: number;
  lines: Float64Array;
  rules: Uint16Array;
  categories: Uint8Array;
  severities: Uint8Array;
  stampKinds: Uint8Array;
  stampValues: Float64Array;
  domids: Float64Array;
  messageChunks: Uint32Array;
  messageStarts: Uint32Array;
  messageLengths: Uint32Array;
  /** The messages, deflated. */
  chunks: Uint8Array[];
  ruleIds: string[];
  categoryNames: string[];
  extra: Array<[number, Extra]>;
}

export class EventStore {
  private n = 0;
  private lines: Float64Array = new Float64Array(64);
  private rules: Uint16Array = new Uint16Array(64);
  private categories: Uint8Array = new Uint8Array(64);
  private severities: Uint8Array = new Uint8Array(64);
  private stampKinds: Uint8Array = new Uint8Array(64);
  private stampValues: Float64Array = new Float64Array(64);
  /** NaN: none. */
  private domids: Float64Array = new Float64Array(64);
  private messageChunks: Uint32Array = new Uint32Array(64);
  private messageStarts: Uint32Array = new Uint32Array(64);
  private messageLengths: Uint32Array = new Uint32Array(64);
  private messages = new MessageArena();
  private ruleIds: string[] = [];
  private categoryNames: string[] = [];
  private readonly ruleIndex = new Map<string, number>();
  private readonly categoryIndex = new Map<string, number>();
  private extra = new Map<number, Extra>();

  get length(): number {
    return this.n;
  }

  static from(events: Iterable<RawEvent>): EventStore {
    const store = new EventStore();
    for (const e of events) store.push(e);
    return store;
  }

  push(e: RawEvent): void {
    if (this.n === this.lines.length) this.grow();
    const i = this.n++;
    this.lines[i] = e.line;
    this.rules[i] = indexOf(this.ruleIds, this.ruleIndex, e.rule);
    this.categories[i] = indexOf(this.categoryNames, this.categoryIndex, e.category);
    this.severities[i] = Math.max(0, SEVERITIES.indexOf(e.severity));
    this.domids[i] = e.domid ?? NaN;
    this.putMessage(i, e.message);
    const [kind, value] = packStamp(e.stamp);
    this.stampKinds[i] = kind;
    this.stampValues[i] = value;
    const extra: Extra = {};
    if (kind === Packed.Kept) extra.stamp = e.stamp;
    if (e.domain !== undefined) extra.domain = e.domain;
    if (e.mce !== undefined) extra.mce = e.mce;
    if (e.epoch !== undefined) extra.epoch = e.epoch;
    if (Object.keys(extra).length) this.extra.set(i, extra);
  }

  /** Read-only views of the events, in order (what FileResult.events holds). */
  views(): RawEvent[] {
    this.messages.seal();
    const out = new Array<RawEvent>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = new StoredEvent(this, i);
    stores.set(out, this);
    return out;
  }

  line(i: number): number {
    return this.lines[i];
  }

  rule(i: number): string {
    return this.ruleIds[this.rules[i]];
  }

  category(i: number): Category {
    return this.categoryNames[this.categories[i]] as Category;
  }

  severity(i: number): EventSeverity {
    return SEVERITIES[this.severities[i]];
  }

  message(i: number): string {
    return this.messages.get(this.messageChunks[i], this.messageStarts[i], this.messageLengths[i]);
  }

  stamp(i: number): Stamp | undefined {
    return unpackStamp(this.stampKinds[i], this.stampValues[i]) ?? this.extra.get(i)?.stamp;
  }

  domid(i: number): number | undefined {
    return Number.isNaN(this.domids[i]) ? undefined : this.domids[i];
  }

  more(i: number): Extra | undefined {
    return this.extra.get(i);
  }

  /** The store in transferable pieces (the last message chunk is cut to what it holds). */
  pack(): { packed: PackedEvents; transfer: ArrayBuffer[] } {
    const n = this.n;
    const chunks = this.messages.pack();
    const packed: PackedEvents = {
      n,
      lines: this.lines.slice(0, n),
      rules: this.rules.slice(0, n),
      categories: this.categories.slice(0, n),
      severities: this.severities.slice(0, n),
      stampKinds: this.stampKinds.slice(0, n),
      stampValues: this.stampValues.slice(0, n),
      domids: this.domids.slice(0, n),
      messageChunks: this.messageChunks.slice(0, n),
      messageStarts: this.messageStarts.slice(0, n),
      messageLengths: this.messageLengths.slice(0, n),
      chunks,
      ruleIds: this.ruleIds,
      categoryNames: this.categoryNames,
      extra: [...this.extra],
    };
    const arrays = [packed.lines, packed.rules, packed.categories, packed.severities, packed.stampKinds, packed.stampValues, packed.domids, packed.messageChunks, packed.messageStarts, packed.messageLengths, ...chunks];
    return { packed, transfer: arrays.map((a) => a.buffer as ArrayBuffer) };
  }

  static unpack(p: PackedEvents): EventStore {
    const s = new EventStore();
    s.n = p.n;
    [s.lines, s.rules, s.categories, s.severities, s.stampKinds, s.stampValues, s.domids] = [p.lines, p.rules, p.categories, p.severities, p.stampKinds, p.stampValues, p.domids];
    [s.messageChunks, s.messageStarts, s.messageLengths] = [p.messageChunks, p.messageStarts, p.messageLengths];
    s.messages = MessageArena.unpack(p.chunks);
    s.ruleIds = p.ruleIds;
    s.categoryNames = p.categoryNames;
    p.ruleIds.forEach((r, k) => s.ruleIndex.set(r, k));
    p.categoryNames.forEach((c, k) => s.categoryIndex.set(c, k));
    s.extra = new Map(p.extra);
    return s;
  }

  private putMessage(i: number, text: string): void {
    [this.messageChunks[i], this.messageStarts[i], this.messageLengths[i]] = this.messages.put(text);
  }

  private grow(): void {
    const size = this.lines.length * 2;
    const wider = <T extends Uint16Array | Uint8Array | Float64Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.lines = wider(this.lines);
    this.rules = wider(this.rules);
    this.categories = wider(this.categories);
    this.severities = wider(this.severities);
    this.stampKinds = wider(this.stampKinds);
    this.stampValues = wider(this.stampValues);
    this.domids = wider(this.domids);
    this.messageChunks = wider(this.messageChunks);
    this.messageStarts = wider(this.messageStarts);
    this.messageLengths = wider(this.messageLengths);
  }
}

/**
 * Messages as UTF-8 bytes in small chunks off the JS heap, each deflated once full (log lines
 * repeat themselves: a chunk shrinks five to ten times). A chunk read again is inflated into
 * one of a few buffers kept for that (nothing the garbage collector would have to catch up on).
 */
class MessageArena {
  private sealed: Buffer[] = [];
  private open = Buffer.allocUnsafeSlow(MESSAGE_CHUNK);
  private used = 0;
  /** Inflated chunks: which chunk each buffer holds and how many of its bytes, least recently read first. */
  private readonly inflated = new Map<number, { bytes: Buffer; length: number }>();

  /** Keeps `text`; where it is: chunk, start and length in bytes. */
  put(text: string): [number, number, number] {
    const bytes = Buffer.byteLength(text);
    if (this.used + bytes > this.open.length) {
      this.seal();
      this.open = Buffer.allocUnsafeSlow(Math.max(MESSAGE_CHUNK, bytes));
    }
    const start = this.used;
    this.used += this.open.write(text, start);
    return [this.sealed.length, start, this.used - start];
  }

  get(chunk: number, start: number, length: number): string {
    return this.bytes(chunk).toString('utf8', start, start + length);
  }

  /** Every chunk deflated, each in a buffer of its own (transferable). */
  pack(): Uint8Array[] {
    this.seal();
    return this.sealed;
  }

  static unpack(chunks: Uint8Array[]): MessageArena {
    const a = new MessageArena();
    a.sealed = chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength));
    a.open = Buffer.alloc(0);
    return a;
  }

  /** The open chunk, deflated, joins the others. */
  seal(): void {
    if (!this.used) return;
    const deflated = deflateRawSync(this.open.subarray(0, this.used), ZLIB);
    this.sealed.push(deflated.byteOffset === 0 && deflated.byteLength === deflated.buffer.byteLength ? deflated : Buffer.from(deflated));
    this.open = Buffer.alloc(0);
    this.used = 0;
  }

  private bytes(chunk: number): Buffer {
    if (chunk === this.sealed.length) return this.open;
    let slot = this.inflated.get(chunk);
    if (slot) this.inflated.delete(chunk);
    else {
      // the inflated copy dies at once; the buffer it is copied to is one of CACHED_CHUNKS, reused
      const raw = inflateRawSync(this.sealed[chunk], ZLIB);
      const reuse = this.inflated.size >= CACHED_CHUNKS ? this.inflated.entries().next().value : undefined;
      if (reuse) this.inflated.delete(reuse[0]);
      const bytes = reuse && reuse[1].bytes.length >= raw.length ? reuse[1].bytes : Buffer.allocUnsafeSlow(Math.max(MESSAGE_CHUNK, raw.length));
      slot = { bytes, length: raw.copy(bytes) };
    }
    this.inflated.set(chunk, slot);
    return slot.bytes;
  }
}

/** The store a views() array reads, to pack it for another thread without copying it first. */
const stores = new WeakMap<RawEvent[], EventStore>();

/** A list of events as transferable pieces: its own store's, or a new store's when it is a plain array. */
export function packEvents(events: RawEvent[]): { packed: PackedEvents; transfer: ArrayBuffer[] } {
  return (stores.get(events) ?? EventStore.from(events)).pack();
}

export function unpackEvents(packed: PackedEvents): RawEvent[] {
  return EventStore.unpack(packed).views();
}

/** One event of a store. Read-only: a changed event is a new plain object (see withSeverity). */
class StoredEvent implements RawEvent {
  constructor(private readonly store: EventStore, private readonly index: number) {}

  get line(): number {
    return this.store.line(this.index);
  }

  get rule(): string {
    return this.store.rule(this.index);
  }

  get category(): Category {
    return this.store.category(this.index);
  }

  get severity(): EventSeverity {
    return this.store.severity(this.index);
  }

  get message(): string {
    return this.store.message(this.index);
  }

  get stamp(): Stamp | undefined {
    return this.store.stamp(this.index);
  }

  get domid(): number | undefined {
    return this.store.domid(this.index);
  }

  get domain(): string | undefined {
    return this.store.more(this.index)?.domain;
  }

  get mce(): string | undefined {
    return this.store.more(this.index)?.mce;
  }

  get epoch(): number | undefined {
    return this.store.more(this.index)?.epoch;
  }

  /** As a plain event (for JSON, and for tests that compare events). */
  toJSON(): RawEvent {
    return plainEvent(this);
  }
}

/** The event's fields as a plain object (the fields it has). */
export function plainEvent(e: RawEvent): RawEvent {
  const out: RawEvent = { line: e.line, rule: e.rule, category: e.category, severity: e.severity, message: e.message };
  for (const [k, v] of [['stamp', e.stamp], ['domid', e.domid], ['domain', e.domain], ['mce', e.mce], ['epoch', e.epoch]] as const) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The event with another severity (a user's override): a copy, whatever kind of event it is. */
export function withSeverity(e: RawEvent, severity: EventSeverity): RawEvent {
  return { ...plainEvent(e), severity };
}

function indexOf(names: string[], index: Map<string, number>, name: string): number {
  let k = index.get(name);
  if (k === undefined) {
    k = names.length;
    names.push(name);
    index.set(name, k);
  }
  return k;
}

const WALL_KEYS = new Set(['kind', 'year', 'month', 'day', 'h', 'mi', 's', 'ms']);

/** A stamp as one number, when it has one of the usual shapes (anything else is kept as it is). */
function packStamp(s: Stamp | undefined): [Packed, number] {
  if (!s) return [Packed.None, 0];
  const keys = Object.keys(s).filter((k) => (s as unknown as Record<string, unknown>)[k] !== undefined);
  if (s.kind === 'instant' && keys.length === 2 && Number.isFinite(s.ms)) return [Packed.Instant, s.ms];
  if (s.kind === 'uptime' && keys.length === 3 && Number.isFinite(s.seconds)) return [s.clock === 'xen' ? Packed.XenUptime : Packed.KernelUptime, s.seconds];
  if (s.kind === 'wall' && keys.every((k) => WALL_KEYS.has(k))) {
    const kind = s.year === undefined ? Packed.Yearless : Packed.Wall;
    const value = Date.UTC(s.year ?? PACK_YEAR, s.month - 1, s.day, s.h, s.mi, s.s, s.ms);
    // only what reads back the same (no year 0–99, no 31 April rolled over into May)
    if (sameWall(unpackStamp(kind, value), s)) return [kind, value];
  }
  return [Packed.Kept, 0];
}

function unpackStamp(kind: number, value: number): Stamp | undefined {
  switch (kind) {
    case Packed.Instant:
      return { kind: 'instant', ms: value };
    case Packed.KernelUptime:
    case Packed.XenUptime:
      return { kind: 'uptime', clock: kind === Packed.XenUptime ? 'xen' : 'kernel', seconds: value };
    case Packed.Wall:
    case Packed.Yearless: {
      const d = new Date(value);
      const wall = { month: d.getUTCMonth() + 1, day: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() };
      return kind === Packed.Wall ? { kind: 'wall', year: d.getUTCFullYear(), ...wall } : { kind: 'wall', ...wall };
    }
    default:
      return undefined;
  }
}

function sameWall(a: Stamp | undefined, b: Extract<Stamp, { kind: 'wall' }>): boolean {
  return a?.kind === 'wall' && a.year === b.year && a.month === b.month && a.day === b.day && a.h === b.h && a.mi === b.mi && a.s === b.s && a.ms === b.ms;
}
