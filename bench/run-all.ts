// `npm run bench`: every benchmark with its target, one line each; exits 1 if a target is missed.
import { formatBenchResult, type BenchResult } from './bench-result.ts';
import { benchCliColdStart } from './cli-cold-start.ts';
import { benchExecutionOverhead } from './execution-overhead.ts';
import { benchGatewayOverhead } from './gateway-overhead.ts';
import { benchGuardThroughput } from './guard-throughput.ts';
import { benchJournalAppend } from './journal-append.ts';
import { benchReviewTokens } from './review-tokens.ts';
import { benchMemorySearch } from './memory-search.ts';

const results: BenchResult[] = [];
for (const bench of [
  benchCliColdStart,
  benchJournalAppend,
  benchGatewayOverhead,
  benchExecutionOverhead,
  benchGuardThroughput,
  benchReviewTokens,
  benchMemorySearch,
]) {
  for (const result of await bench()) {
    results.push(result);
    console.log(formatBenchResult(result));
  }
}
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
