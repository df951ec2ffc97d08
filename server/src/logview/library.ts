// The log folders the operator opened, each with its latest scan, and the files read on
// their own (a log opened from outside any such folder). Re-scans reuse what did not change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Capture } from '../captures/types';
import type { Timeline } from '../logs/correlate';
import { type FolderScanOptions, scanFolderWithCaptures } from '../logs/scan';
import { ScanCache } from '../logs/scanCache';

export type ScanSettings = Omit<FolderScanOptions, 'folder' | 'cache'>;

export interface LogScope {
  /** The folder (or, for a file read on its own, the file). */
  root: string;
  timeline: Timeline;
  captures: Capture[];
  windowMs: number;
  /** The scope is one file read on its own (root is the file). */
  single?: boolean;
}

interface Entry extends LogScope {
  cache: ScanCache;
}

export class LogLibrary {
  private readonly folders = new Map<string, Entry>();
  /** Files read on their own, by path: the scan (pending or done) of one size and mtime. */
  private readonly singles = new Map<string, { size: number; mtimeMs: number; entry: Promise<LogScope> }>();

  /** Scans a folder (again), keeping it open for the files in it. */
  async open(folder: string, settings: ScanSettings): Promise<LogScope> {
    const root = path.resolve(folder);
    const cache = this.folders.get(root)?.cache ?? new ScanCache();
    const { timeline, captures } = await scanFolderWithCaptures({ ...settings, folder: root, cache });
    const entry = { root, timeline, captures, windowMs: settings.windowMs ?? 60000, cache };
    this.folders.set(root, entry);
    return entry;
  }

  /** What the last scan of an open folder read, for other scans of it to reuse. */
  cacheOf(folder: string): ScanCache | undefined {
    return this.folders.get(path.resolve(folder))?.cache;
  }

  close(folder: string): void {
    this.folders.delete(path.resolve(folder));
  }

  opened(): LogScope[] {
    return [...this.folders.values()];
  }

  /** The open folder holding a file (the innermost), else none. */
  folderOf(file: string): LogScope | undefined {
    const abs = path.resolve(file);
    let best: Entry | undefined;
    for (const e of this.folders.values()) {
      if (abs.startsWith(e.root + path.sep) && (!best || e.root.length > best.root.length)) best = e;
    }
    return best;
  }

  /**
   * What xenops knows of a file: its open folder's scan, or a scan of the file on its
   * own (kept until the file changes). `rel` is the file's path in the scope's timeline.
   * `settings` is asked only when the file has to be scanned.
   */
  async scopeOf(file: string, settings: () => Promise<ScanSettings>): Promise<{ scope: LogScope; rel: string }> {
    const abs = path.resolve(file);
    const folder = this.folderOf(abs);
    if (folder) return { scope: folder, rel: path.relative(folder.root, abs).split(path.sep).join('/') };
    const st = fs.statSync(abs);
    let single = this.singles.get(abs);
    if (!single || single.size !== st.size || single.mtimeMs !== st.mtimeMs) {
      // hover, CodeLens and decorations ask at once when a log opens: they share one scan
      const entry = settings().then(async (s) => {
        const { timeline, captures } = await scanFolderWithCaptures({ ...s, folder: abs });
        return { root: abs, timeline, captures, windowMs: s.windowMs ?? 60000, single: true };
      });
      single = { size: st.size, mtimeMs: st.mtimeMs, entry };
      this.singles.set(abs, single);
      entry.catch(() => this.singles.delete(abs));
    }
    return { scope: await single.entry, rel: path.basename(abs) };
  }

  /** Forgets what was read under other settings. */
  clear(): void {
    for (const e of this.folders.values()) e.cache = new ScanCache();
    this.singles.clear();
  }
}
