import { atOrAbove, type ReviewSeverity } from './review-finding.ts';
import type { ReviewOutput } from './review-output.ts';

/**
 * The review as a plain-text table for a terminal: one row per finding (`!` marks those at or
 * above the fail level; `model` marks the model's judgement, the rest are analyzer facts),
 * its detail on the next line, then each reviewer's account and a one-line verdict.
 */
export function formatReviewText(review: ReviewOutput, failOn: ReviewSeverity): string {
  const rows = review.findings.map((finding) => [
    atOrAbove(finding.severity, failOn) ? '!' : ' ',
    finding.severity,
    finding.reviewer,
    `${finding.file}:${finding.line}`,
    finding.lessonId ? `${finding.rule} (lesson ${finding.lessonId})` : finding.rule,
  ]);
  const headers = ['', 'SEVERITY', 'REVIEWER', 'LOCATION', 'RULE'];
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column]!.length)),
  );
  const lines: string[] = [];
  if (rows.length > 0) {
    lines.push(`${headers.map((cell, column) => cell.padEnd(widths[column]!)).join(' ')} TITLE`);
    const indent = ' '.repeat(widths.reduce((sum, width) => sum + width + 1, 0));
    review.findings.forEach((finding, index) => {
      lines.push(
        `${rows[index]!.map((cell, column) => cell.padEnd(widths[column]!)).join(' ')} ${finding.title}`,
      );
      lines.push(`${indent}${finding.detail}`);
    });
    lines.push('');
  }
  for (const reviewer of review.reviewers) {
    const model = reviewer.modelSkipped
      ? 'model judgement SKIPPED'
      : `${reviewer.modelFindings} from the model (${reviewer.promptTokens} prompt tokens)`;
    lines.push(
      `${reviewer.name}: ${reviewer.analyzerFindings} analyzer finding(s), ${model}; ${reviewer.files.length} file(s) read`,
    );
  }
  const skipped = review.reviewers.find((reviewer) => reviewer.modelSkipped)?.modelSkipped;
  if (skipped) lines.push(`Model judgement skipped: ${skipped}`);
  lines.push(reviewSummaryLine(review, failOn));
  return `${lines.join('\n')}\n`;
}

/** `Review failed: 2 of 5 finding(s) at or above high (base main).` */
export function reviewSummaryLine(review: ReviewOutput, failOn: ReviewSeverity): string {
  const blocking = review.findings.filter((finding) => atOrAbove(finding.severity, failOn)).length;
  const scope = review.base ? `changes since ${review.base}` : 'the whole tree';
  const skipped = review.reviewers.some((reviewer) => reviewer.modelSkipped)
    ? '; analyzers only, the model judgement was skipped'
    : '';
  return blocking > 0
    ? `Review failed: ${blocking} of ${review.findings.length} finding(s) at or above ${failOn} in ${scope}${skipped}.`
    : `Review passed: ${review.findings.length} finding(s), none at or above ${failOn} in ${scope}${skipped}.`;
}
