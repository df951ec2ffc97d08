// A scanning worker thread: scans the files it is handed one at a time, posting each
// result and taking the next; a null file means there is no more work. A file's events
// travel as their store's typed arrays and message bytes (transferred, not cloned).
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from './engine';
import { packEvents } from './eventStore';
import { Cancelled, scanFile } from './fileScan';
import type { LogFormat } from './types';

interface Setup {
  workspacePack?: { text: string; source: string };
  maxFileBytes: number;
  /** Shared flag: non-zero once the scan is cancelled. */
  cancel: Int32Array;
}

/** A file to scan; `zone` is the IANA zone of its local times (captures are read with it). */
type File = { abs: string; rel: string; format?: LogFormat; zone?: string } | null;

const setup = workerData as Setup;
const engine = createEngine(setup.workspacePack);
const cancelled = () => Atomics.load(setup.cancel, 0) !== 0;
let bytes = 0;
const onBytes = (n: number) => {
  bytes += n;
  if (bytes > 16 * 1024 * 1024) {
    parentPort!.postMessage({ type: 'bytes', n: bytes });
    bytes = 0;
  }
};

parentPort!.on('message', async (f: File) => {
  if (f && !cancelled()) {
    try {
      const result = await scanFile(f.abs, f.rel, { engine, maxFileBytes: setup.maxFileBytes, format: f.format, zone: f.zone, cancelled, onBytes });
      // the events' arrays and message bytes move to the main thread, no copy and no objects
      const { packed, transfer } = packEvents(result.events);
      parentPort!.postMessage({ type: 'file', result: { ...result, events: [] }, events: packed }, transfer);
      return;
    } catch (e) {
      if (!(e instanceof Cancelled)) {
        parentPort!.postMessage({ type: 'error', file: f.rel, message: (e as Error).message });
        return;
      }
    }
  }
  parentPort!.postMessage({ type: 'bytes', n: bytes });
  parentPort!.postMessage({ type: 'done' });
});
