// The prefilter that lets the scanner skip almost every byte of a log: a Wu-Manber
// multi-literal search. It looks at the last three bytes of an m-byte window (m is the
// shortest literal) and, unless they can end some literal's window, jumps ahead by up to
// m - 2 bytes without reading the bytes in between. Which m bytes of each literal form
// its window is chosen from a sample of the file itself: windows ending in trigrams the
// file rarely contains keep the jumps long and the exact comparisons few. Over the scan
// buffer the jumps are taken by WebAssembly (scanBuffer.ts); only candidates come back here
// to be verified.
import { MAX_LANES, type ScanBuffer, type SearchLane } from './scanBuffer';
import { HASH_BITS, trigram } from './trigram';

const SLOTS = 1 << HASH_BITS;
/** Literals shorter than this cannot be searched this way (rule packs reject them). */
export const MIN_LITERAL_BYTES = 3;

export class Prefilter {
  /** The window length: the shortest literal, in bytes. */
  readonly m: number;
  /** The longest literal, in bytes. */
  readonly longest: number;
  /** How far the window may move when its last trigram hashes to a slot. */
  private readonly shift: Uint8Array;
  /** Per slot, the literals whose window ends in that trigram: [bucket[s], bucket[s+1]) in lit/end. */
  private readonly bucket: Int32Array;
  private readonly lit: Int32Array;
  /** Where the window ends inside the literal. */
  private readonly end: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly start: Int32Array;

  /** `sample` (some of the text to search) tunes the windows; without it they are the literals' first bytes. */
  constructor(literals: string[], sample?: Uint8Array) {
    const encoded = [...new Set(literals)].map((l) => Buffer.from(l, 'utf8'));
    if (!encoded.length) throw new Error('a prefilter needs at least one literal');
    // a loop, not Math.min(...): a workspace pack may hold any number of literals; and a small
    // integer from the start (not Infinity), or V8 keeps m as a double and the search loop with it
    let m = encoded[0].length;
    for (const l of encoded) if (l.length < m) m = l.length;
    if (m < MIN_LITERAL_BYTES) throw new Error(`literals need at least ${MIN_LITERAL_BYTES} bytes`);
    this.m = m;
    let longest = m;
    for (const l of encoded) if (l.length > longest) longest = l.length;
    this.longest = longest;
    const freq = new Uint32Array(SLOTS);
    if (sample) for (let i = 2; i < sample.length; i++) freq[trigram(sample[i - 2], sample[i - 1], sample[i])]++;
    this.shift = new Uint8Array(SLOTS).fill(m - 2);
    const ends: Array<[slot: number, lit: number, end: number]> = [];
    encoded.forEach((l, k) => {
      const o = sample ? quietestWindow(l, m, freq) : 0;
      for (let j = o + 2; j < o + m; j++) {
        const slot = trigram(l[j - 2], l[j - 1], l[j]);
        this.shift[slot] = Math.min(this.shift[slot], o + m - 1 - j);
      }
      ends.push([trigram(l[o + m - 3], l[o + m - 2], l[o + m - 1]), k, o + m - 1]);
    });
    ends.sort((a, b) => a[0] - b[0]);
    this.bucket = new Int32Array(SLOTS + 1);
    for (const [slot] of ends) this.bucket[slot + 1]++;
    for (let s = 0; s < SLOTS; s++) this.bucket[s + 1] += this.bucket[s];
    this.lit = Int32Array.from(ends, (e) => e[1]);
    this.end = Int32Array.from(ends, (e) => e[2]);
    this.start = new Int32Array(encoded.length + 1);
    encoded.forEach((l, k) => (this.start[k + 1] = this.start[k] + l.length));
    this.bytes = Buffer.concat(encoded);
  }

  /** Where the first literal found in sb.bytes[from, to) starts, or -1. */
  find(sb: ScanBuffer, from: number, to: number): number {
    const lane: Lane = { from, to, at: from + this.m - 1, hits: [] };
    const lanes = [lane];
    while (lane.at < lane.to && !lane.hits.length) {
      if (sb.search(this.shift, lanes) === 0) this.candidate(sb.bytes, lane);
    }
    return lane.hits.length ? lane.hits[0] : -1;
  }

  /**
   * Where the first literal starts in each line of sb.bytes[from, to) that holds one. The range
   * is cut into MAX_LANES stretches of whole lines, searched side by side: the steps of one
   * search do not wait on the others', so the processor overlaps them.
   */
  lineHits(sb: ScanBuffer, from: number, to: number): number[] {
    const buf = sb.bytes;
    const lanes: Lane[] = [];
    for (let k = 0, start = from; k < MAX_LANES; k++) {
      const nl = k === MAX_LANES - 1 ? -1 : buf.indexOf(10, from + Math.floor(((to - from) * (k + 1)) / MAX_LANES));
      const end = nl < 0 || nl >= to ? to : Math.max(start, nl + 1);
      lanes.push({ from: start, to: end, at: start + this.m - 1, hits: [] });
      start = end;
    }
    let active = lanes.filter((l) => l.at < l.to);
    while (active.length) {
      const stop = sb.search(this.shift, active);
      if (stop < active.length) this.candidate(buf, active[stop]);
      else active = active.filter((l) => l.at < l.to);
    }
    return lanes.flatMap((l) => l.hits);
  }

  /** A lane's window ends in a trigram some literal's window ends in: verifies, and moves the window on. */
  private candidate(buf: Uint8Array, lane: Lane): void {
    const i = lane.at;
    const at = this.verify(buf, i, trigram(buf[i - 2], buf[i - 1], buf[i]), lane.from, lane.to);
    if (at < 0) lane.at = i + 1;
    else {
      this.hit(buf, at, lane);
      lane.at = lane.from + this.m - 1;
    }
  }

  /** Notes a literal at `at` and moves the lane on to the next line. */
  private hit(buf: Uint8Array, at: number, lane: Lane): void {
    lane.hits.push(at);
    const nl = buf.indexOf(10, at);
    lane.from = nl < 0 || nl >= lane.to ? lane.to : nl + 1;
  }

  /** The literal whose window ends at i (its last trigram hashing to `slot`), if it is really there. */
  private verify(buf: Uint8Array, i: number, slot: number, from: number, to: number): number {
    const { bucket, lit, end, bytes, start } = this;
    for (let q = bucket[slot]; q < bucket[slot + 1]; q++) {
      const k = lit[q];
      const at = i - end[q];
      const len = start[k + 1] - start[k];
      if (at < from || at + len > to) continue;
      let j = 0;
      while (j < len && buf[at + j] === bytes[start[k] + j]) j++;
      if (j === len) return at;
    }
    return -1;
  }
}

/** A stretch of lines searched on its own: literals are looked for from `from` on, the window ends at `at`. */
interface Lane extends SearchLane {
  from: number;
  hits: number[];
}

/** The offset of the m-byte window of `l` whose trigrams the sample holds least (its last one counts most). */
function quietestWindow(l: Uint8Array, m: number, freq: Uint32Array): number {
  let best = 0;
  let bestCost = Infinity;
  for (let o = 0; o + m <= l.length; o++) {
    let cost = 3 * freq[trigram(l[o + m - 3], l[o + m - 2], l[o + m - 1])];
    for (let j = o + 2; j < o + m; j++) cost += freq[trigram(l[j - 2], l[j - 1], l[j])];
    if (cost < bestCost) {
      bestCost = cost;
      best = o;
    }
  }
  return best;
}
