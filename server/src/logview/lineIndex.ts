// Browsing logs too big for the editor: one pass over a file notes where every `every`-th
// line starts, and from then on a window of lines is read from the nearest noted start.
// Memory stays at a few numbers per thousand lines, whatever the size of the file.
import { promises as fs } from 'node:fs';
import { type ByteSource, openSource } from '../logs/byteSource';
import { Cancelled } from '../logs/fileScan';
import { acquireBuffer, releaseBuffer, type ScanBuffer } from '../logs/scanBuffer';
import { WindowLines } from './windowLines';

export interface LineIndex {
  readonly path: string;
  readonly gzip: boolean;
  readonly every: number;
  /** offsets[k] is where line k·every + 1 starts in the text (decompressed, for gzip). */
  readonly offsets: readonly number[];
  /** Lines, counting a last one without a newline. */
  readonly lines: number;
  /** Newlines in the text. */
  readonly newlines: number;
  /** Length of the text. */
  readonly bytes: number;
  /** The file as it was indexed: its size on disk, mtime, inode and first bytes. */
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly head: Buffer;
}

export interface IndexOptions {
  /** Note the start of every this many lines (default 1024). */
  every?: number;
  cancelled?: () => boolean;
  /** Hears how many bytes of the file were read (compressed bytes, for gzip). */
  onBytes?: (n: number) => void;
}

type FileStat = { size: number; mtimeMs: number; ino: number };
type IndexState = { -readonly [K in keyof LineIndex]: LineIndex[K] } & { offsets: number[] };

export interface LineWindow {
  /** Number of the first line (1-based). */
  first: number;
  lines: string[];
}

const DEFAULT_EVERY = 1024;
const CHUNK = 1024 * 1024;
/** The vector counter looks at this much at once; only the block holding a noted start is searched. */
const BLOCK = 16 * 1024;
/** Below this, walking newline to newline is quicker than halving. */
const WALK = 256;
const WINDOW_CHUNK = 64 * 1024;
/** First bytes kept to tell a file that grew from one that was replaced. */
const HEAD_BYTES = 4096;
const LF = 0x0a;

export async function buildLineIndex(abs: string, opts: IndexOptions = {}): Promise<LineIndex> {
  const gzip = isGzip(abs);
  const every = Math.max(1, Math.floor(opts.every ?? DEFAULT_EVERY));
  const st = await fs.stat(abs);
  const empty: IndexState = { path: abs, gzip, every, offsets: [0], lines: 0, newlines: 0, bytes: 0, size: 0, mtimeMs: 0, ino: 0, head: Buffer.alloc(0) };
  return countLines(empty, st, gzip ? openSource(abs, (n) => opts.onBytes?.(n)) : await fileSource(abs, 0, st.size, opts.onBytes), opts);
}

/** Reads lines [firstLine, firstLine + count) (1-based), clamped to the file. */
export async function readWindow(index: LineIndex, firstLine: number, count: number): Promise<LineWindow> {
  const first = Math.max(1, Math.min(Math.floor(firstLine), index.lines));
  const want = Math.max(0, Math.min(Math.floor(count), index.lines - first + 1));
  if (!want) return { first, lines: [] };
  const k = Math.floor((first - 1) / index.every);
  const offset = index.offsets[k];
  const collector = new WindowLines(k * index.every + 1, first, want);
  // a gzip stream can only be read from its start: skip the text before the noted offset
  let at = index.gzip ? 0 : offset;
  const source = index.gzip ? openSource(index.path, () => {}) : await fileSource(index.path, offset, index.bytes);
  const buffer = Buffer.allocUnsafe(WINDOW_CHUNK);
  try {
    while (!collector.done) {
      const n = await source.read(buffer, 0, buffer.length);
      if (!n) break;
      if (at + n > offset) collector.push(buffer.subarray(Math.max(0, offset - at), n));
      at += n;
    }
  } finally {
    await source.close();
  }
  return { first, lines: collector.finish() };
}

/** A window of `size` lines holding `line`, centred on it unless the file starts or ends first. */
export function windowAround(index: LineIndex, line: number, size: number): Promise<LineWindow> {
  const first = Math.min(Math.floor(line) - Math.floor(size / 2), index.lines - Math.floor(size) + 1);
  return readWindow(index, Math.max(1, first), size);
}

/** Indexes by absolute path, kept while the file is unchanged and extended when it only grew. */
export class IndexCache {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(private readonly every = DEFAULT_EVERY) {}

  async get(abs: string, opts: Omit<IndexOptions, 'every'> = {}): Promise<LineIndex> {
    const old = this.indexes.get(abs);
    const st = await fs.stat(abs);
    if (old && old.size === st.size && old.mtimeMs === st.mtimeMs && old.ino === st.ino) return old;
    const next = old && (await onlyGrew(old, st)) ? await extend(old, st, opts) : await buildLineIndex(abs, { ...opts, every: this.every });
    this.indexes.set(abs, next);
    return next;
  }

  /** Forgets a file (closed, or deleted). */
  delete(abs: string): void {
    this.indexes.delete(abs);
  }
}

/** A plain file that is larger, is the same file and starts as before: lines were appended (a log being written). */
async function onlyGrew(old: LineIndex, st: FileStat): Promise<boolean> {
  if (old.gzip || st.size <= old.size || st.ino !== old.ino) return false;
  return (await readHead(old.path, old.head.length)).equals(old.head);
}

async function extend(old: LineIndex, st: FileStat, opts: IndexOptions): Promise<LineIndex> {
  return countLines({ ...old, offsets: [...old.offsets] }, st, await fileSource(old.path, old.bytes, st.size, opts.onBytes), opts);
}

/** Counts the source's lines on from `state` (which it updates) and notes the line starts due. */
async function countLines(state: IndexState, st: FileStat, source: ByteSource, opts: IndexOptions): Promise<LineIndex> {
  const scan = acquireBuffer(CHUNK);
  // the last line has no newline yet: it is counted, and new bytes go on with it
  let open = state.lines > state.newlines;
  try {
    for (;;) {
      if (opts.cancelled?.()) throw new Cancelled();
      const n = await source.read(scan.bytes, 0, CHUNK);
      if (!n) break;
      noteStarts(state, scan, n);
      state.bytes += n;
      open = scan.bytes[n - 1] !== LF;
    }
  } finally {
    await source.close();
    releaseBuffer(scan);
  }
  state.lines = state.newlines + (open ? 1 : 0);
  // a plain file is known up to where it was read, even if it changed meanwhile
  state.size = state.gzip ? st.size : state.bytes;
  state.mtimeMs = st.mtimeMs;
  state.ino = st.ino;
  state.head = state.gzip ? Buffer.alloc(0) : await readHead(state.path, HEAD_BYTES);
  return state;
}

/** Counts the newlines in scan.bytes[0, n) and notes the start of every `every`-th line. */
function noteStarts(state: IndexState, scan: ScanBuffer, n: number): void {
  for (let from = 0; from < n; ) {
    const end = Math.min(n, from + BLOCK);
    // line k·every + 1 starts after newline number k·every
    const due = state.offsets.length * state.every - state.newlines;
    const seen = scan.newlines(from, end);
    if (seen < due) {
      state.newlines += seen;
      from = end;
      continue;
    }
    from = afterNewline(scan, from, end, due);
    state.newlines += due;
    state.offsets.push(state.bytes + from);
  }
}

/** Where the `k`-th newline of scan.bytes[from, to) (which holds at least k) ends. */
function afterNewline(scan: ScanBuffer, from: number, to: number, k: number): number {
  while (to - from > WALK) {
    const mid = (from + to) >>> 1;
    const left = scan.newlines(from, mid);
    if (left >= k) to = mid;
    else {
      k -= left;
      from = mid;
    }
  }
  for (; k > 0; k--) from = scan.bytes.indexOf(LF, from) + 1;
  return from;
}

/** Reads bytes [from, to) of a plain file with positional reads, which leave the event loop free meanwhile. */
async function fileSource(abs: string, from: number, to: number, onBytes?: (n: number) => void): Promise<ByteSource> {
  const handle = await fs.open(abs, 'r');
  let at = from;
  return {
    async read(into, offset, max) {
      const { bytesRead } = await handle.read(into, offset, Math.min(max, to - at), at);
      at += bytesRead;
      onBytes?.(bytesRead);
      return bytesRead;
    },
    close: () => handle.close(),
  };
}

async function readHead(abs: string, length: number): Promise<Buffer> {
  const handle = await fs.open(abs, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isGzip(abs: string): boolean {
  return /\.gz$/.test(abs);
}
