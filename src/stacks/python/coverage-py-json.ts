import { z } from 'zod';
import { parseJson, type ParseJsonResult } from '../../core/index.ts';

const reportSchema = z.looseObject({
  totals: z.looseObject({ covered_lines: z.number(), num_statements: z.number() }),
});

/**
 * Line coverage in percent from coverage.py's `coverage json` report, rounded to two decimals.
 * Computed from covered lines over statements, not `percent_covered`, which mixes in branches
 * when branch coverage is on. Null when there were no statements.
 */
export function parseCoveragePyJson(text: string): ParseJsonResult<number | null> {
  const parsed = parseJson(text, reportSchema);
  if (!parsed.success) return parsed;
  const { covered_lines: covered, num_statements: statements } = parsed.value.totals;
  const value = statements > 0 ? Math.round((covered / statements) * 10_000) / 100 : null;
  return { success: true, repaired: false, value };
}
