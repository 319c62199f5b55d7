import { stableHash } from '../core/index.ts';
import type { ReviewFinding } from './review-finding.ts';

/**
 * The id of a finding: reviewer, rule, file, line and title hashed, so a re-review of the same
 * code finds the same ids and a fixed finding's id disappears.
 */
export function findingId(finding: Omit<ReviewFinding, 'id'>): string {
  const hash = stableHash([
    finding.reviewer,
    finding.rule,
    finding.file,
    finding.line,
    finding.title,
  ]);
  return `${finding.reviewer}-${hash.slice(0, 12)}`;
}

/** A finding with its id. */
export function withId(finding: Omit<ReviewFinding, 'id'>): ReviewFinding {
  return { id: findingId(finding), ...finding };
}
