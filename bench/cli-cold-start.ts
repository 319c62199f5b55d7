// How long `loki --help` takes in a new process: what a person feels on every command. Measured
// twice: as usual (Node's compile cache already holds Loki's compiled sources) and on the very
// first start (an empty cache, as right after installing).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBenchResult, isMain, median, type BenchResult } from './bench-result.ts';

const loki = fileURLToPath(new URL('../bin/loki.js', import.meta.url));
const targetMs = 300;

function timeHelp(cacheDirectory: string): number {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [loki, '--help'], {
    encoding: 'utf8',
    env: { ...process.env, NODE_COMPILE_CACHE: cacheDirectory },
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0 || !child.stdout.includes('Usage: loki')) {
    throw new Error(`loki --help failed: ${child.stderr}`);
  }
  return elapsed;
}

export function benchCliColdStart(runs = 15): BenchResult[] {
  const root = mkdtempSync(join(tmpdir(), 'loki-bench-cache-'));
  try {
    const usualCache = join(root, 'usual');
    timeHelp(usualCache);
    const usual = median(Array.from({ length: runs }, () => timeHelp(usualCache)));
    const first = median(
      Array.from({ length: runs }, (_, run) => timeHelp(join(root, `first-${run}`))),
    );
    return [
      {
        name: `loki --help cold start (new process, median of ${runs})`,
        value: usual,
        unit: 'ms',
        target: `<= ${targetMs} ms`,
        ok: usual <= targetMs,
      },
      {
        name: `loki --help first start after install (empty compile cache, median of ${runs})`,
        value: first,
        unit: 'ms',
        target: `<= ${targetMs} ms`,
        ok: first <= targetMs,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url))
  benchCliColdStart()
    .map(formatBenchResult)
    .forEach((line) => console.log(line));
