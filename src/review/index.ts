export {
  reviewerNames,
  reviewSeverities,
  reviewFindingSchema,
  atOrAbove,
  type ReviewerName,
  type ReviewSeverity,
  type ReviewFinding,
} from './review-finding.ts';
export {
  reviewOutputSchema,
  reviewerReportSchema,
  reviewLessonSchema,
  type ReviewOutput,
  type ReviewerReport,
  type ReviewLesson,
} from './review-output.ts';
export { reviewProduct, defaultReviewTokenBudget, type ReviewInput } from './review-product.ts';
export { reviewMerge, type MergeReview, type MergeReviewInput } from './review-merge.ts';
export { priorReviewSchema, type PriorReview } from './prior-review.ts';
export { reviewerReplySchema } from './judge-findings.ts';
export { estimateTokens } from './relevant-files.ts';
export { formatReviewText, reviewSummaryLine } from './format-review.ts';
export { reviewToSarif } from './review-sarif.ts';
