import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { LokiError } from '../core/index.ts';
import { git } from '../workspace/index.ts';
import { textHash, type PriorReview } from './prior-review.ts';
import { reviewerNames } from './review-finding.ts';
import type { ReviewOutput } from './review-output.ts';
import { isSourceFile } from './review-scope.ts';
import { reviewWithScope, type ReviewInput } from './review-product.ts';

export interface MergeReviewInput extends Omit<
  ReviewInput,
  'root' | 'base' | 'priors' | 'growing'
> {
  /** The product's git repository. */
  repository: string;
  /** The merge commit to review: its change is its diff against its first parent. */
  commit: string;
  /** A directory of its own where the commit is checked out for the analyzers. */
  checkout: string;
}

/** The review of one merge, and what a later review of the whole tree keeps of it. */
export interface MergeReview {
  /** The merge's first parent: main before the merge. */
  base: string;
  review: ReviewOutput;
  prior: PriorReview;
}

/**
 * Reviews the change one merge brought to main — the merge commit's diff against its first
 * parent, so a conflict's resolution is reviewed with it — while main moves on: the commit is
 * checked out apart (a detached worktree), so later merges never change the files under the
 * reviewers. The tree is still growing, so facts only a finished tree can tell are left out.
 */
export async function reviewMerge(input: MergeReviewInput): Promise<MergeReview> {
  const { repository, commit, checkout, ...review } = input;
  const parent = await git(repository, ['rev-parse', '--verify', '--quiet', `${commit}^1`], {
    allowFailure: true,
  });
  if (parent.exitCode !== 0) {
    throw new LokiError({
      code: 'review.not-a-merge',
      category: 'internal',
      message: `${commit} in ${repository} has no parent: only a commit merged onto main has a change to review`,
      details: { repository, commit },
    });
  }
  const base = parent.stdout.trim();
  const changed = (await git(repository, ['diff', '--name-only', '-z', base, commit])).stdout
    .split('\0')
    .filter(Boolean);
  // A merge that changed no source file (docs, config) has nothing for the reviewers.
  if (!changed.some(isSourceFile))
    return unreviewed(base, input.gateway === null, input.modelSkipped);
  await removeCheckout(repository, checkout);
  // --force: a checkout a crashed run registered and whose folder is gone is taken over.
  await git(repository, ['worktree', 'add', '--quiet', '--force', '--detach', checkout, commit]);
  try {
    const { review: output, scope } = await reviewWithScope({
      ...review,
      root: checkout,
      base,
      growing: true,
    });
    const hashed = new Set([...scope.changedFiles, ...output.findings.map((f) => f.file)]);
    const textHashes: Record<string, string> = {};
    for (const file of [...hashed].sort()) {
      const text = scope.texts.get(file);
      if (text !== undefined) textHashes[file] = textHash(text);
    }
    return {
      base,
      review: output,
      prior: {
        judgedFiles: scope.changedFiles,
        textHashes,
        findings: output.findings,
        reviewers: output.reviewers,
      },
    };
  } finally {
    await removeCheckout(repository, checkout);
  }
}

function unreviewed(base: string, noModel: boolean, modelSkipped: string | undefined): MergeReview {
  const reviewers = reviewerNames.map((name) => ({
    name,
    analyzerFindings: 0,
    modelFindings: 0,
    files: [],
    promptTokens: 0,
    ...(noModel ? { modelSkipped: modelSkipped ?? 'no model was given' } : {}),
  }));
  return {
    base,
    review: { base, findings: [], reviewers },
    prior: { judgedFiles: [], textHashes: {}, findings: [], reviewers },
  };
}

/** Removes a review checkout, also one a crashed run left behind. */
async function removeCheckout(repository: string, checkout: string): Promise<void> {
  if (!existsSync(checkout)) return;
  await git(repository, ['worktree', 'remove', '--force', checkout], { allowFailure: true });
  await rm(checkout, { recursive: true, force: true });
}
