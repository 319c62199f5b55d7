import { z } from 'zod';
import { reviewerNames, reviewFindingSchema } from './review-finding.ts';

/** What one reviewer did: its facts, its judgement, what it read and what that cost. */
export const reviewerReportSchema = z.object({
  name: z.enum(reviewerNames),
  /** Findings of the deterministic analyzers: facts, kept whatever the model says. */
  analyzerFindings: z.number().int().nonnegative(),
  /** Findings the model added (after those outside the reviewed files were dropped). */
  modelFindings: z.number().int().nonnegative(),
  /** The files the model was shown, relative to the product's root. */
  files: z.array(z.string()),
  /** Prompt tokens of the reviewer's model calls; 0 when the model judgement was skipped. */
  promptTokens: z.number().int().nonnegative(),
  /** Why the model was not asked (no model reachable), when it was not. */
  modelSkipped: z.string().optional(),
});
export type ReviewerReport = z.infer<typeof reviewerReportSchema>;

/** The review of a product: every finding, worst first, and each reviewer's account. */
export const reviewOutputSchema = z.object({
  /** The revision the diff was taken from; null when the whole tree was reviewed. */
  base: z.string().nullable(),
  findings: z.array(reviewFindingSchema),
  reviewers: z.array(reviewerReportSchema),
});
export type ReviewOutput = z.infer<typeof reviewOutputSchema>;

/** A lesson as reviewers take it: plain data, so review does not depend on memory. */
export const reviewLessonSchema = z.object({
  id: z.string(),
  content: z.string(),
  tags: z.array(z.string()).default([]),
});
export type ReviewLesson = z.infer<typeof reviewLessonSchema>;
