// A worker thread of the audit: scans the batches of files it is sent and posts their results.
// Scanning is CPU-bound (regular expressions over every byte), so a large tree is split
// across cores; each worker loads its own copy of the rules once.
import { parentPort } from 'node:worker_threads';
import { scanFile, type FileScan } from './scan-file.ts';

/** A batch of files for a worker, by their index in the walk. */
export interface ScanBatch {
  maxBytes: number;
  files: { index: number; path: string; relative: string }[];
}

/** A worker's answer to one batch. */
export interface ScanBatchResult {
  results: { index: number; scan: FileScan }[];
}

parentPort?.on('message', (batch: ScanBatch) => {
  void (async () => {
    const results: ScanBatchResult['results'] = [];
    for (const file of batch.files) {
      results.push({
        index: file.index,
        scan: await scanFile(file.path, file.relative, batch.maxBytes),
      });
    }
    parentPort?.postMessage({ results } satisfies ScanBatchResult);
  })();
});
