// A scanning worker thread: scans the files it is given and posts each result.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from './engine';
import { Cancelled, scanFile } from './fileScan';
import type { LogFormat } from './types';

interface Job {
  files: Array<{ abs: string; rel: string; format?: LogFormat }>;
  workspacePack?: { text: string; source: string };
  maxFileBytes: number;
  /** Shared flag: non-zero once the scan is cancelled. */
  cancel: Int32Array;
}

async function main(job: Job): Promise<void> {
  const engine = createEngine(job.workspacePack);
  const cancelled = () => Atomics.load(job.cancel, 0) !== 0;
  let bytes = 0;
  for (const f of job.files) {
    try {
      const result = await scanFile(f.abs, f.rel, {
        engine,
        maxFileBytes: job.maxFileBytes,
        format: f.format,
        cancelled,
        onBytes: (n) => {
          bytes += n;
          if (bytes > 16 * 1024 * 1024) {
            parentPort!.postMessage({ type: 'bytes', n: bytes });
            bytes = 0;
          }
        },
      });
      parentPort!.postMessage({ type: 'file', result });
    } catch (e) {
      if (e instanceof Cancelled) break;
      parentPort!.postMessage({ type: 'error', file: f.rel, message: (e as Error).message });
    }
  }
  parentPort!.postMessage({ type: 'bytes', n: bytes });
  parentPort!.postMessage({ type: 'done' });
}

void main(workerData as Job);
