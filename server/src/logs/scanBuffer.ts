// The scanner's read buffer, and the two loops a scan spends most of its time in: the
// prefilter's search (see prefilter.ts) and counting newlines. Both run as small
// WebAssembly functions over the buffer, in place: the buffer lives in their memory.
// WebAssembly has no bounds checks to pay for (guard pages catch a wild read), and
// newlines are compared 16 bytes at a time (SIMD) instead of one Buffer.indexOf per line.
import { HASH_BITS, HASH_MULTIPLIER } from './trigram';

/**
 * The memory: the prefilter's shift table (one byte per hash slot), the search lanes'
 * window ends and lane ends (two i32 per lane), then the buffer itself, page-aligned.
 */
const SHIFTS = 0;
const LANES = 1 << HASH_BITS;
const BYTES = 65536;
/** The most search lanes run side by side: enough to keep the processor busy while each waits on its loads. */
export const MAX_LANES = 4;

/**
 * The module, assembled by hand; in text form (`hash(x)` stands for the trigram hash of the
 * bytes at x-2, x-1 and x: `((i32.load (x - 2)) & 0xffffff) * HASH_MULTIPLIER >>> (32 - HASH_BITS)`):
 *   (import "env" "memory" (memory 1))
 *   (func (export "count") (param $p i32) (param $end i32) (result i32) (local $n i32)
 *     block  loop      ;; 16 bytes at a time: $n += popcnt(bitmask(load($p) == splat(10)))
 *       local.get $p  i32.const 16  i32.add  local.get $end  i32.gt_u  br_if 1
 *       local.get $n  local.get $p  v128.load  i32.const 10  i8x16.splat  i8x16.eq
 *       i8x16.bitmask  i32.popcnt  i32.add  local.set $n
 *       local.get $p  i32.const 16  i32.add  local.set $p  br 0
 *     end end
 *     block  loop      ;; the last bytes one by one
 *       local.get $p  local.get $end  i32.ge_u  br_if 1
 *       local.get $n  local.get $p  i32.load8_u  i32.const 10  i32.eq  i32.add  local.set $n
 *       local.get $p  i32.const 1  i32.add  local.set $p  br 0
 *     end end
 *     local.get $n)
 *   (func (export "lanes4") (result i32) (local $at0 … $at3 $to0 … $to3 $s0 … $s3 i32)
 *     ;; each lane's window end and lane end from LANES; moves every window by its shift
 *     ;; until one may end a literal (returns its lane, 0..3) or reaches its lane's end
 *     ;; (returns 4 + its lane); every return first stores the window ends back
 *     loop
 *       $at0 >= $to0: return 4   …   $at3 >= $to3: return 7
 *       $s0 = shift[hash($at0)]  …   $s3 = shift[hash($at3)]
 *       $s0 == 0: return 0       …   $s3 == 0: return 3
 *       $at0 += $s0  …  $at3 += $s3  br 0
 *     end
 *     i32.const -1)
 *   and the same for one, two and three lanes ("lanes1" … "lanes3").
 */
function moduleBytes(): Uint8Array {
  const text = (s: string) => [s.length, ...Buffer.from(s, 'latin1')];
  const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
  const [block, loop, ifVoid, end, br, brIf, ret] = [[0x02, 0x40], [0x03, 0x40], [0x04, 0x40], [0x0b], [0x0c], [0x0d], [0x0f]];
  const [get, set, i32] = [0x20, 0x21, 0x41];
  const [add, sub, mul, and, shrU, eqz, geU] = [0x6a, 0x6b, 0x6c, 0x71, 0x76, 0x45, 0x4f];
  const load = (offset: number) => [0x28, 2, ...uleb(offset)];
  const store = (offset: number) => [0x36, 2, ...uleb(offset)];

  const [P, END, N] = [0, 1, 2];
  const count = [
    1, 1, 0x7f, // one local: $n i32
    ...block, ...loop,
    get, P, i32, 16, add, get, END, 0x4b, ...brIf, 1,
    get, N, get, P, 0xfd, 0x00, 4, 0, i32, 10, 0xfd, 0x0f, 0xfd, 0x23,
    0xfd, 0x64, 0x69, add, set, N,
    get, P, i32, 16, add, set, P, ...br, 0,
    ...end, ...end,
    ...block, ...loop,
    get, P, get, END, geU, ...brIf, 1,
    get, N, get, P, 0x2d, 0, 0, i32, 10, 0x46, add, set, N,
    get, P, i32, 1, add, set, P, ...br, 0,
    ...end, ...end,
    get, N, ...end,
  ];

  const shiftAt = (x: number) => [
    get, x, i32, 2, sub, 0x28, 0, 0, // i32.load align=1: the bytes at x-2 .. x+1
    i32, ...sleb(0xffffff), and, i32, ...sleb(HASH_MULTIPLIER), mul, i32, 32 - HASH_BITS, shrU,
    0x2d, 0, ...uleb(SHIFTS), // i32.load8_u from the shift table
  ];
  const lanes = (n: number) => {
    const ks = Array.from({ length: n }, (_, k) => k);
    const [at, to, s] = [(k: number) => k, (k: number) => n + k, (k: number) => 2 * n + k];
    const leave = (code: number) => [...ks.flatMap((k) => [i32, 0, get, at(k), ...store(LANES + 8 * k)]), i32, code, ...ret];
    return [
      1, 3 * n, 0x7f, // the locals: $at, $to and $s of each lane
      ...ks.flatMap((k) => [i32, 0, ...load(LANES + 8 * k), set, at(k), i32, 0, ...load(LANES + 8 * k + 4), set, to(k)]),
      ...loop,
      ...ks.flatMap((k) => [get, at(k), get, to(k), geU, ...ifVoid, ...leave(n + k), ...end]),
      ...ks.flatMap((k) => [...shiftAt(at(k)), set, s(k)]),
      ...ks.flatMap((k) => [get, s(k), eqz, ...ifVoid, ...leave(k), ...end]),
      ...ks.flatMap((k) => [get, at(k), get, s(k), add, set, at(k)]),
      ...br, 0,
      ...end,
      i32, 0x7f, ...end, // -1: never reached (the loop only leaves by returning)
    ];
  };
  const searches = Array.from({ length: MAX_LANES }, (_, k) => lanes(k + 1));
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [2, 0x60, 2, 0x7f, 0x7f, 1, 0x7f, 0x60, 0, 1, 0x7f]), // types: (i32, i32) -> i32, () -> i32
    ...section(2, [1, ...text('env'), ...text('memory'), 0x02, 0x00, 1]), // import the memory
    ...section(3, [1 + MAX_LANES, 0, ...searches.map(() => 1)]), // count, then lanes1 … lanes4
    ...section(7, [1 + MAX_LANES, ...text('count'), 0x00, 0, ...searches.flatMap((_, k) => [...text(`lanes${k + 1}`), 0x00, k + 1])]),
    ...section(10, [1 + MAX_LANES, ...uleb(count.length), ...count, ...searches.flatMap((f) => [...uleb(f.length), ...f])]),
  ]);
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const b = n & 0x7f;
    n >>>= 7;
    out.push(n ? b | 0x80 : b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

let compiled: WebAssembly.Module | undefined;

/** A search lane: its window ends at `at`, and the lane ends before `to`. */
export interface SearchLane {
  at: number;
  to: number;
}

export class ScanBuffer {
  readonly bytes: Buffer;
  private readonly counter: (from: number, to: number) => number;
  /** The search over n lanes, at index n. */
  private readonly searches: Array<() => number>;
  private readonly memory: Uint8Array;
  private readonly laneState: Int32Array;
  /** The shift table now in memory. */
  private shifts?: Uint8Array;

  constructor(size: number) {
    // 4 bytes to spare: the hash reads a whole i32 at the last position
    const memory = new WebAssembly.Memory({ initial: Math.ceil((BYTES + size + 4) / 65536) });
    compiled ??= new WebAssembly.Module(moduleBytes());
    const api = new WebAssembly.Instance(compiled, { env: { memory } }).exports;
    this.counter = api.count as (from: number, to: number) => number;
    this.searches = Array.from({ length: MAX_LANES + 1 }, (_, n) => api[`lanes${n}`] as () => number); // [0] is undefined
    this.memory = new Uint8Array(memory.buffer);
    this.laneState = new Int32Array(memory.buffer, LANES, 2 * MAX_LANES);
    this.bytes = Buffer.from(memory.buffer, BYTES, size);
  }

  /** How many newlines bytes[from, to) holds. */
  newlines(from: number, to: number): number {
    return to > from ? this.counter(BYTES + from, BYTES + to) : 0;
  }

  /**
   * Moves the lanes' windows (at most MAX_LANES) through the bytes by the prefilter's shift
   * table until one may end a literal (returns its index) or reaches its lane's end (returns
   * lanes.length + its index). Each lane's `at` is where its window stopped.
   */
  search(shifts: Uint8Array, lanes: SearchLane[]): number {
    if (this.shifts !== shifts) {
      this.memory.set(shifts, SHIFTS);
      this.shifts = shifts;
    }
    const state = this.laneState;
    for (let k = 0; k < lanes.length; k++) {
      state[2 * k] = BYTES + lanes[k].at;
      state[2 * k + 1] = BYTES + lanes[k].to;
    }
    const stop = this.searches[lanes.length]();
    for (let k = 0; k < lanes.length; k++) lanes[k].at = state[2 * k] - BYTES;
    return stop;
  }
}

const idle: ScanBuffer[] = [];

/** A buffer of READ size for one file's scan; give it back with `release`. */
export function acquireBuffer(size: number): ScanBuffer {
  const i = idle.findIndex((b) => b.bytes.length === size);
  return i >= 0 ? idle.splice(i, 1)[0] : new ScanBuffer(size);
}

export function releaseBuffer(b: ScanBuffer): void {
  idle.push(b);
}
