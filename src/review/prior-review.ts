import { createHash } from 'node:crypto';
import { z } from 'zod';
import { reviewFindingSchema, type ReviewFinding } from './review-finding.ts';
import { reviewerReportSchema } from './review-output.ts';

/**
 * An earlier review of part of a tree (one merged task's change), kept so that a review of the
 * whole tree later neither pays for it again nor loses it: files whose text has not changed
 * since are not judged again, and the model's findings on them carry over.
 */
export const priorReviewSchema = z.object({
  /** The files the model judged: those the reviewed change touched. */
  judgedFiles: z.array(z.string()),
  /** The hash of each judged file's text, and of each file a finding is on, as reviewed. */
  textHashes: z.record(z.string(), z.string()),
  findings: z.array(reviewFindingSchema),
  reviewers: z.array(reviewerReportSchema),
});
export type PriorReview = z.infer<typeof priorReviewSchema>;

/** The hash a prior review keeps of a file's text. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** What earlier reviews settled about the tree as it is now. */
export interface PriorCoverage {
  /** Files judged by an earlier review and unchanged since: the model need not judge them. */
  covered: Set<string>;
  /** The model's findings of earlier reviews on files unchanged since they were reviewed. */
  carried: ReviewFinding[];
}

/**
 * Matches earlier reviews against the tree's current texts. Analyzer findings never carry
 * over: the analyzers run again on the whole tree, where lines may have moved and whole-tree
 * facts (cycles, orphans) are only known at the end.
 */
export function priorCoverage(
  priors: readonly PriorReview[],
  texts: ReadonlyMap<string, string>,
): PriorCoverage {
  const hashes = new Map<string, string>();
  const unchanged = (prior: PriorReview, file: string) => {
    const text = texts.get(file);
    if (text === undefined || prior.textHashes[file] === undefined) return false;
    if (!hashes.has(file)) hashes.set(file, textHash(text));
    return hashes.get(file) === prior.textHashes[file];
  };
  const covered = new Set<string>();
  const carried: ReviewFinding[] = [];
  for (const prior of priors) {
    for (const file of prior.judgedFiles) if (unchanged(prior, file)) covered.add(file);
    for (const finding of prior.findings)
      if (finding.source === 'model' && unchanged(prior, finding.file)) carried.push(finding);
  }
  return { covered, carried };
}
