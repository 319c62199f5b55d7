import type { ReviewerName } from './review-finding.ts';
import type { ReviewScope } from './review-scope.ts';

const testFile =
  /(?:^|\/)(?:tests?|__tests__|spec)\/|[._](?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)test_[^/]*\.py$|_test\.py$/;

/** Whether a path is a test file (by the usual Node and Python conventions). */
export function isTestFile(path: string): boolean {
  return testFile.test(path);
}

/**
 * The part of a review's scope one reviewer reads. Test code never runs in production, so the
 * security and performance reviewers leave test files out (their diff hunks too); the
 * architecture reviewer reads them, since what tests import is part of the structure.
 */
export function scopeFor(reviewer: ReviewerName, scope: ReviewScope): ReviewScope {
  if (reviewer === 'architecture') return scope;
  const keep = (file: string) => !isTestFile(file);
  return {
    ...scope,
    diff: filterDiff(scope.diff, keep),
    changedFiles: scope.changedFiles.filter(keep),
    addedFiles: scope.addedFiles.filter(keep),
  };
}

/** The file sections of a unified git diff whose path passes `keep`. */
export function filterDiff(diff: string, keep: (file: string) => boolean): string {
  if (diff === '') return diff;
  return diff
    .split(/^(?=diff --git )/m)
    .filter((section) => {
      const path = /^diff --git a\/(.+?) b\//.exec(section)?.[1];
      return path === undefined || keep(path);
    })
    .join('');
}
