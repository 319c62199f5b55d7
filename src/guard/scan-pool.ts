import { Worker } from 'node:worker_threads';
import { LokiError } from '../core/index.ts';
import type { FileScan } from './scan-file.ts';
import type { ScanBatch, ScanBatchResult } from './scan-worker.ts';
import type { WalkedFile } from './walk-files.ts';

const filesPerBatch = 16;

/**
 * Scans files on `workerCount` worker threads, handing out small batches as workers become
 * free, so one large file does not leave the other cores idle. Results come back in the order
 * of `files`. Workers are ended when the scan ends, fails or is aborted.
 */
export async function scanInWorkers(
  files: readonly WalkedFile[],
  maxBytes: number,
  workerCount: number,
  signal?: AbortSignal,
): Promise<FileScan[]> {
  const results: FileScan[] = new Array<FileScan>(files.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.max(1, Math.min(workerCount, Math.ceil(files.length / filesPerBatch))) },
    () => new Worker(new URL('./scan-worker.ts', import.meta.url)),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = 0;
      const onAbort = () => reject(signal?.reason as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      const feed = (worker: Worker) => {
        if (next >= files.length) {
          if (busy === 0) {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }
          return;
        }
        const batch: ScanBatch = {
          maxBytes,
          files: files.slice(next, next + filesPerBatch).map((file, offset) => ({
            index: next + offset,
            ...file,
          })),
        };
        next += batch.files.length;
        busy++;
        worker.postMessage(batch);
      };
      for (const worker of workers) {
        worker.on('message', (answer: ScanBatchResult) => {
          for (const { index, scan } of answer.results) results[index] = scan;
          busy--;
          feed(worker);
        });
        const fail = (reason: string, cause?: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(
            new LokiError({
              code: 'guard.worker-failed',
              category: 'internal',
              message: `an audit worker failed: ${reason}`,
              cause,
            }),
          );
        };
        worker.on('error', (error: Error) => fail(error.message, error));
        // A worker that dies without an error (out of memory, killed) would leave the scan
        // waiting for its batch forever.
        worker.on('exit', (code) => fail(`it exited with code ${code} before the scan ended`));
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
