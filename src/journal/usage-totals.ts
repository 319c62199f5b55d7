import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { readRow } from './json-column.ts';

/** Calls, tokens and cost, summed over some set of model calls. */
export interface Usage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** A run's usage in total, per model (keyed `provider/modelId`) and per role. */
export interface UsageTotals {
  total: Usage;
  byModel: Record<string, Usage>;
  byRole: Record<string, Usage>;
}

const usageRow = z.object({
  dimension: z.enum(['total', 'model', 'role']),
  key: z.string(),
  calls: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cost_usd: z.number(),
});

/**
 * Sums a run's model calls in SQL. Every recorded call counts, failed ones included: a call
 * that failed after spending tokens was still paid for.
 */
export class UsageQueries {
  readonly #totals: StatementSync;

  constructor(db: DatabaseSync) {
    // One statement, so the three groupings are read from one snapshot and always agree, even
    // while another process is recording calls.
    const sums = `COUNT(*) AS calls, COALESCE(SUM(input_tokens), 0) AS input_tokens,
      COALESCE(SUM(output_tokens), 0) AS output_tokens, COALESCE(SUM(cost_usd), 0.0) AS cost_usd
      FROM model_calls WHERE run_id = :runId`;
    this.#totals = db.prepare(
      `SELECT 'total' AS dimension, '' AS key, ${sums}
       UNION ALL
       SELECT 'model', provider || '/' || model_id, ${sums} GROUP BY provider, model_id
       UNION ALL
       SELECT 'role', role, ${sums} GROUP BY role`,
    );
  }

  totals(runId: string): UsageTotals {
    const totals: UsageTotals = {
      total: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
      byModel: {},
      byRole: {},
    };
    for (const row of this.#totals.all({ runId })) {
      const parsed = readRow(usageRow, row, `the usage of run "${runId}"`);
      const usage: Usage = {
        calls: parsed.calls,
        inputTokens: parsed.input_tokens,
        outputTokens: parsed.output_tokens,
        costUsd: parsed.cost_usd,
      };
      if (parsed.dimension === 'total') totals.total = usage;
      else if (parsed.dimension === 'model') totals.byModel[parsed.key] = usage;
      else totals.byRole[parsed.key] = usage;
    }
    return totals;
  }
}
