// Reading a log's bytes into the scanner's own buffer, plain or gzipped, without
// allocating a new buffer per chunk.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';

export interface ByteSource {
  /** Copies up to `max` bytes into `into` at `at`; 0 at the end of the data. */
  read(into: Buffer, at: number, max: number): Promise<number>;
  close(): Promise<void>;
}

/** `onBytes` hears how many bytes of the file itself were read (compressed bytes for gzip). */
export function openSource(file: string, onBytes: (n: number) => void): ByteSource {
  return /\.gz$/.test(file) ? gunzipSource(file, onBytes) : plainSource(file, onBytes);
}

/** Reads synchronously: the scanning thread has nothing else to do while the page cache is copied. */
function plainSource(file: string, onBytes: (n: number) => void): ByteSource {
  const fd = openSync(file, 'r');
  return {
    async read(into, at, max) {
      const n = readSync(fd, into, at, max, null);
      onBytes(n);
      return n;
    },
    async close() {
      closeSync(fd);
    },
  };
}

function gunzipSource(file: string, onBytes: (n: number) => void): ByteSource {
  const raw = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  raw.on('data', (c) => onBytes(c.length));
  raw.on('error', (e) => gunzip.destroy(e));
  const chunks = raw.pipe(gunzip)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer | undefined;
  return {
    async read(into, at, max) {
      if (!pending?.length) {
        const next = await chunks.next();
        if (next.done) return 0;
        pending = next.value;
      }
      const n = pending.copy(into, at, 0, Math.min(max, pending.length));
      pending = pending.subarray(n);
      return n;
    },
    async close() {
      raw.destroy();
      gunzip.destroy();
    },
  };
}
