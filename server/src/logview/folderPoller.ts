// Tail mode without file events: log folders on NFS or CIFS mounts, or a host out of
// inotify watches, never report a change. While a folder is open its files are listed
// every few seconds (as `tail -F` does), and a change in names, sizes or mtimes is
// reported so the folder can be scanned again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FolderScanOptions, listFiles } from '../logs/scan';

export const POLL_INTERVAL_MS = 2000;

type Listing = Pick<FolderScanOptions, 'ignore' | 'formats' | 'zones' | 'zone'>;

interface Polled {
  timer: NodeJS.Timeout;
  seen: string;
}

export class FolderPoller {
  private readonly polled = new Map<string, Polled>();

  constructor(private readonly intervalMs = POLL_INTERVAL_MS) {}

  /**
   * Starts (or restarts) polling `folder`, taking its files as they are now: call it just
   * before a scan, so a change during the scan is seen on the next poll.
   */
  watch(folder: string, listing: Listing, onChange: () => void): void {
    this.stop(folder);
    const entry: Polled = { seen: fingerprint(folder, listing), timer: setInterval(() => {
      const now = fingerprint(folder, listing);
      if (now === entry.seen) return;
      entry.seen = now;
      onChange();
    }, this.intervalMs) };
    entry.timer.unref(); // never keeps a process alive on its own
    this.polled.set(folder, entry);
  }

  stop(folder: string): void {
    clearInterval(this.polled.get(folder)?.timer);
    this.polled.delete(folder);
  }

  dispose(): void {
    for (const folder of [...this.polled.keys()]) this.stop(folder);
  }
}

/** Names, sizes and mtimes of the files a scan would read, its rule pack's too; empty when the folder is gone. */
function fingerprint(folder: string, listing: Listing): string {
  try {
    const isDir = fs.statSync(folder).isDirectory();
    const pack = fs.statSync(path.join(isDir ? folder : path.dirname(folder), '.xenops', 'rules.yaml'), { throwIfNoEntry: false });
    const files = listFiles(folder, isDir, listing).map((f) => `${f.rel}\0${f.size}\0${f.mtimeMs}`);
    return [`pack\0${pack?.size}\0${pack?.mtimeMs}`, ...files].join('\n');
  } catch {
    return '';
  }
}
