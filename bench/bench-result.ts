/** One measured figure of a benchmark, with its target and whether it was met. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
}

/** `name: value unit (target …) ok|MISSED`, one line, for people and CI logs. */
export function formatBenchResult(result: BenchResult): string {
  const value =
    result.value >= 100
      ? Math.round(result.value).toLocaleString('en-US')
      : result.value.toFixed(2);
  return `${result.name}: ${value} ${result.unit} (target ${result.target}) ${result.ok ? 'ok' : 'MISSED'}`;
}

/** Whether this module is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && new URL(moduleUrl).pathname === process.argv[1];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
