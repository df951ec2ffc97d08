// The prefilter that lets the scanner skip almost every line without decoding it:
// an Aho-Corasick automaton over bytes for every rule's literals, run as a table
// lookup per byte. Literals never span lines, so the state resets at each newline.

export interface Matcher {
  /** Next state for (state << 8 | byte). */
  table: Int32Array;
  /** Non-zero for states that complete a literal. */
  accept: Uint8Array;
}

export function buildMatcher(literals: string[]): Matcher {
  const goto: Int32Array[] = [new Int32Array(256).fill(-1)];
  const accept: number[] = [0];
  const fail: number[] = [0];
  for (const literal of new Set(literals)) {
    let s = 0;
    for (const b of Buffer.from(literal, 'utf8')) {
      if (goto[s][b] < 0) {
        goto[s][b] = goto.length;
        goto.push(new Int32Array(256).fill(-1));
        accept.push(0);
        fail.push(0);
      }
      s = goto[s][b];
    }
    accept[s] = 1;
  }
  // breadth-first: complete the transitions with the failure links (a DFA)
  const queue: number[] = [];
  for (let b = 0; b < 256; b++) {
    const s = goto[0][b];
    if (s < 0) goto[0][b] = 0;
    else queue.push(s);
  }
  for (let head = 0; head < queue.length; head++) {
    const r = queue[head];
    for (let b = 0; b < 256; b++) {
      const s = goto[r][b];
      if (s < 0) {
        goto[r][b] = goto[fail[r]][b];
        continue;
      }
      queue.push(s);
      fail[s] = goto[fail[r]][b];
      accept[s] |= accept[fail[s]];
    }
  }
  const table = new Int32Array(goto.length * 256);
  goto.forEach((row, s) => table.set(row, s * 256));
  // a newline always returns to the start state
  for (let s = 0; s < goto.length; s++) table[s * 256 + 10] = 0;
  return { table, accept: Uint8Array.from(accept) };
}
