import { z } from 'zod';
import { parseJson, type ParseJsonResult } from '../../core/index.ts';

const metricSchema = z.looseObject({ total: z.number(), covered: z.number() });
const summarySchema = z.looseObject({ total: z.looseObject({ lines: metricSchema }) });

/**
 * Line coverage in percent from istanbul's `coverage-summary.json` (vitest's v8 and istanbul
 * providers and jest all write it), rounded to two decimals; null when there were no lines.
 * Computed from the counts, because `pct` is the string "Unknown" when the total is zero.
 */
export function parseIstanbulCoverageSummary(text: string): ParseJsonResult<number | null> {
  const parsed = parseJson(text, summarySchema);
  if (!parsed.success) return parsed;
  const { total, covered } = parsed.value.total.lines;
  return { success: true, repaired: false, value: percent(covered, total) };
}

/** `covered / total` in percent with two decimals, or null when there is nothing to cover. */
export function percent(covered: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((covered / total) * 10_000) / 100;
}
