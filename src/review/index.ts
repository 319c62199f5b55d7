export {
  reviewerNames,
  reviewSeverities,
  reviewFindingSchema,
  atOrAbove,
  type ReviewerName,
  type ReviewSeverity,
  type ReviewFinding,
} from './review-finding.ts';
