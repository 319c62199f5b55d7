import { z } from 'zod';
import { findingCategories, severities } from './finding-order.ts';

export {
  compareFindings,
  findingCategories,
  severities,
  severityRank,
  type FindingCategory,
  type Severity,
} from './finding-order.ts';

/**
 * One fact the audit found, at one place. Messages never contain a secret itself, only its
 * masked form (first four characters and length), so a report is safe to journal and share.
 */
export const findingSchema = z.object({
  /** Stable rule id, `category.reason`: `unicode.bidi-control`, `secret.github`. */
  ruleId: z.string(),
  category: z.enum(findingCategories),
  severity: z.enum(severities),
  /** Path relative to the scanned root, with forward slashes. */
  file: z.string(),
  /** 1-based line. */
  line: z.int().positive(),
  /** 1-based column, in UTF-16 code units (as editors and SARIF count by default). */
  column: z.int().positive(),
  message: z.string(),
  /** What to do about it. */
  fixHint: z.string(),
  /** The offending code point, `U+202E RIGHT-TO-LEFT OVERRIDE`, for character findings. */
  codePoint: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
