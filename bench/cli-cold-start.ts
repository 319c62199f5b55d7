// How long `loki --help` takes from a cold process: what a person feels on every command.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatBenchResult, isMain, median, type BenchResult } from './bench-result.ts';

const loki = fileURLToPath(new URL('../bin/loki.js', import.meta.url));

export function benchCliColdStart(runs = 15): BenchResult[] {
  spawnSync(process.execPath, [loki, '--help']); // warm the disk cache; the process stays cold
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [loki, '--help'], { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (child.status !== 0 || !child.stdout.includes('Usage: loki')) {
      throw new Error(`loki --help failed: ${child.stderr}`);
    }
  }
  const value = median(times);
  return [
    {
      name: `loki --help cold start (median of ${runs})`,
      value,
      unit: 'ms',
      target: '<= 300 ms',
      ok: value <= 300,
    },
  ];
}

if (isMain(import.meta.url))
  benchCliColdStart()
    .map(formatBenchResult)
    .forEach((line) => console.log(line));
