// Finding the files to check under a folder (or the paths given on the command line), and
// reading them with clear reasons when that is not possible.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ReadResult = { text: string } | { problem: string };

const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/** Reads a file as UTF-8 text, refusing binaries and absurd sizes with a reason. */
export function readText(file: string): ReadResult {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    return { problem: reason(e) };
  }
  if (!st.isFile()) return { problem: 'not a regular file' };
  if (st.size > MAX_TEXT_BYTES) return { problem: `too large for a config (${Math.round(st.size / 1048576)} MiB)` };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return { problem: reason(e) };
  }
  if (buf.subarray(0, 8192).includes(0)) return { problem: 'binary file (contains NUL bytes), not a text config' };
  return { text: buf.toString('utf8') };
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (e as Error).message;
}

/** Every file under `dir`, depth first, in a stable order; hidden folders and node_modules skipped. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && e.name !== 'node_modules') for (const f of walk(full)) out.push(f);
    } else if (e.isFile()) out.push(full);
  }
  return out;
}

/** The nearest `name` in `dir` or one of its parents. */
export function findUp(dir: string, name: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return undefined;
  }
}
