// What an earlier scan of a folder found, per file: a re-scan (a file grew, a new file
// arrived) reads again only the files whose size, mtime or forced format changed.
import type { FileResult } from './fileScan';

export interface CacheKey {
  abs: string;
  /** The path the scan's results carry (relative to the folder). */
  rel: string;
  size: number;
  mtimeMs: number;
  format?: string;
  zone?: string;
}

export class ScanCache {
  private readonly entries = new Map<string, { key: CacheKey; result: FileResult }>();
  private rules?: string;

  /** Results found under other rules (the workspace pack changed) are dropped. */
  useRules(rules: string): void {
    if (this.rules !== rules) this.entries.clear();
    this.rules = rules;
  }

  get(key: CacheKey): FileResult | undefined {
    const e = this.entries.get(key.abs);
    return e && e.key.size === key.size && e.key.mtimeMs === key.mtimeMs && e.key.format === key.format && e.key.zone === key.zone ? e.result : undefined;
  }

  /** After a scan: keeps the files still listed, with the results of those read again. */
  replace(listed: CacheKey[], scanned: CacheKey[], results: FileResult[]): void {
    const keep = new Set(listed.map((k) => k.abs));
    for (const abs of this.entries.keys()) if (!keep.has(abs)) this.entries.delete(abs);
    const byRel = new Map(results.map((r) => [r.path, r]));
    for (const k of scanned) {
      const result = byRel.get(k.rel);
      // a file that could not be read is tried again next time (its mode may change, not its size or mtime)
      if (result && !unreadable(result.skipped)) this.entries.set(k.abs, { key: { abs: k.abs, rel: k.rel, size: k.size, mtimeMs: k.mtimeMs, format: k.format, zone: k.zone }, result });
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Skipped because reading failed (a worker's error, no permission), not because of what the file holds. */
function unreadable(skipped: string | undefined): boolean {
  return !!skipped && (/^(?:scan failed|cannot read|read failed)\b/.test(skipped) || /\b(?:EACCES|EPERM)\b/.test(skipped));
}
