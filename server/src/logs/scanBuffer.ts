// The scanner's read buffer, and counting the newlines in it. Counting lines is, after
// the prefilter, most of a scan's work: one Buffer.indexOf per line costs a native call
// each. Here the buffer lives in a WebAssembly memory and a tiny function compares 16
// bytes at a time (SIMD), in place, without copying.

/**
 * The module, assembled by hand; in text form:
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
 */
function moduleBytes(): Uint8Array {
  const text = (s: string) => [s.length, ...Buffer.from(s, 'latin1')];
  const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
  const [block, loop, end, br, brIf] = [[0x02, 0x40], [0x03, 0x40], [0x0b], [0x0c], [0x0d]];
  const [get, set, i32] = [0x20, 0x21, 0x41];
  const [P, END, N] = [0, 1, 2];
  const body = [
    1, 1, 0x7f, // one local: $n i32
    ...block, ...loop,
    get, P, i32, 16, 0x6a, get, END, 0x4b, ...brIf, 1,
    get, N, get, P, 0xfd, 0x00, 4, 0, i32, 10, 0xfd, 0x0f, 0xfd, 0x23,
    0xfd, 0x64, 0x69, 0x6a, set, N,
    get, P, i32, 16, 0x6a, set, P, ...br, 0,
    ...end, ...end,
    ...block, ...loop,
    get, P, get, END, 0x4f, ...brIf, 1,
    get, N, get, P, 0x2d, 0, 0, i32, 10, 0x46, 0x6a, set, N,
    get, P, i32, 1, 0x6a, set, P, ...br, 0,
    ...end, ...end,
    get, N, ...end,
  ];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f]), // type: (i32, i32) -> i32
    ...section(2, [1, ...text('env'), ...text('memory'), 0x02, 0x00, 1]), // import the memory
    ...section(3, [1, 0]), // one function of that type
    ...section(7, [1, ...text('count'), 0x00, 0]), // export it as "count"
    ...section(10, [1, ...uleb(body.length), ...body]),
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

let compiled: WebAssembly.Module | undefined;

export class ScanBuffer {
  readonly bytes: Buffer;
  private readonly counter: (from: number, to: number) => number;

  constructor(size: number) {
    const memory = new WebAssembly.Memory({ initial: Math.ceil(size / 65536) });
    compiled ??= new WebAssembly.Module(moduleBytes());
    const instance = new WebAssembly.Instance(compiled, { env: { memory } });
    this.counter = instance.exports.count as (from: number, to: number) => number;
    this.bytes = Buffer.from(memory.buffer, 0, size);
  }

  /** How many newlines bytes[from, to) holds. */
  newlines(from: number, to: number): number {
    return to > from ? this.counter(from, to) : 0;
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
