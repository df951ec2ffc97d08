// The hash of three bytes that the prefilter's shift table is indexed by. The table is built
// here in TypeScript and searched in WebAssembly (scanBuffer.ts): both compute this, the
// WebAssembly from one i32 load of the bytes (little-endian, the top byte masked off).

export const HASH_BITS = 15;
/** Multiplicative hashing (Knuth): the top HASH_BITS bits of the three bytes times this. */
export const HASH_MULTIPLIER = 0x9e3779b1 | 0;

/** The slot of the bytes a, b, c (in that order in the text). */
export function trigram(a: number, b: number, c: number): number {
  return Math.imul(a | (b << 8) | (c << 16), HASH_MULTIPLIER) >>> (32 - HASH_BITS);
}
