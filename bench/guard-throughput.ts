// How fast the security audit reads a large tree of real source: JavaScript and TypeScript
// copied from this project's node_modules into a temporary directory (about 64 MB), scanned
// as `loki audit` scans a product. Run: `node bench/guard-throughput.ts`.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { scanDirectory } from '../src/guard/index.ts';
import { formatBenchResult, isMain, median, type BenchResult } from './bench-result.ts';

const corpusBytes = 64 * 1024 * 1024;
/** Minified bundles over this are left out: the corpus should read like source. */
const largestFile = 1024 * 1024;
const runs = 3;
/** The audit's promise: it reads a product's tree at 20 MB/s or more on two shared cores. */
const target = 20;
const sourceExtensions = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx']);

/** Copies source files of installed packages, in a stable order, until `bytes` are copied. */
function copyCorpus(from: string, to: string, bytes: number): { files: number; bytes: number } {
  let copied = 0;
  let files = 0;
  const visit = (directory: string): boolean => {
    const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    for (const entry of entries) {
      if (copied >= bytes) return false;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === '.bin' || entry.name === '.cache') continue;
        if (!visit(path)) return false;
      } else if (entry.isFile() && sourceExtensions.has(extname(entry.name))) {
        const size = statSync(path).size;
        if (size > largestFile) continue;
        // The copy lives under corpus/, not node_modules/, which the audit skips by design.
        const target = join(to, relative(from, path));
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(path, target);
        copied += size;
        files++;
      }
    }
    return true;
  };
  visit(from);
  return { files, bytes: copied };
}

/**
 * Scans a 64 MB copy of real JavaScript and TypeScript with the default policy and worker
 * count, three times, and reports the median throughput against the 20 MB/s target.
 */
export async function benchGuardThroughput(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'loki-bench-guard-'));
  try {
    const corpus = join(dir, 'corpus');
    const copied = copyCorpus(join(import.meta.dirname, '..', 'node_modules'), corpus, corpusBytes);
    const rates: number[] = [];
    let findings = 0;
    for (let run = 0; run < runs; run++) {
      const report = await scanDirectory(corpus);
      rates.push(report.bytesScanned / 1_000_000 / (report.durationMs / 1_000));
      findings = report.findings.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const value = median(rates);
    const megabytes = Math.round(copied.bytes / 1_000_000);
    return [
      {
        name: `guard audit throughput (${megabytes} MB, ${copied.files} files, ${Math.min(4, availableParallelism())} workers, ${findings} findings)`,
        value,
        unit: 'MB/s',
        target: `>= ${target} MB/s`,
        ok: value >= target,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  for (const result of await benchGuardThroughput()) console.log(formatBenchResult(result));
}
