import { z } from 'zod';

/** The three reviewers of stage 4. */
export const reviewerNames = ['security', 'performance', 'architecture'] as const;
export type ReviewerName = (typeof reviewerNames)[number];

/** Severities, worst first; the review's fail level and triage compare by this order. */
export const reviewSeverities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type ReviewSeverity = (typeof reviewSeverities)[number];

/**
 * One finding of a reviewer, as journaled. `source` says whether a deterministic analyzer
 * established it (a fact) or the model judged it. A memory conflict is a finding that names
 * the lesson it contradicts in `lessonId`.
 */
export const reviewFindingSchema = z.object({
  /** Stable within a run: reviewer, rule, file and line hashed; a re-review keeps the id. */
  id: z.string(),
  reviewer: z.enum(reviewerNames),
  severity: z.enum(reviewSeverities),
  /** Relative to the product's root, with forward slashes. */
  file: z.string(),
  /** 1-based; 0 when the finding is about the whole file. */
  line: z.number().int().nonnegative(),
  title: z.string(),
  detail: z.string(),
  /** The analyzer rule (e.g. `guard/sql-concatenation`, `perf/query-in-loop`, `arch/cycle`), or `model`. */
  rule: z.string(),
  source: z.enum(['analyzer', 'model']),
  lessonId: z.string().optional(),
});
export type ReviewFinding = z.infer<typeof reviewFindingSchema>;

/** Whether `severity` is at or above `level` (critical is the highest). */
export function atOrAbove(severity: ReviewSeverity, level: ReviewSeverity): boolean {
  return reviewSeverities.indexOf(severity) <= reviewSeverities.indexOf(level);
}
