import { pathToFileURL } from 'node:url';
import { atOrAbove, type ReviewFinding, type ReviewSeverity } from './review-finding.ts';
import type { ReviewOutput } from './review-output.ts';

type SarifLevel = 'error' | 'warning' | 'note';
const levels: Record<ReviewSeverity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
const rootId = 'SRCROOT';

/**
 * The review as a SARIF 2.1.0 log, one run per reviewer (each reviewer is a tool), one rule
 * per rule id, one result per finding; the fail level's verdict is on each result.
 */
export function reviewToSarif(review: ReviewOutput, root: string, failOn: ReviewSeverity) {
  const baseUri = pathToFileURL(root).href.replace(/\/?$/, '/');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0' as const,
    runs: review.reviewers.map((reviewer) => {
      const findings = review.findings.filter((finding) => finding.reviewer === reviewer.name);
      const ruleIds = [...new Set(findings.map((finding) => finding.rule))].sort();
      return {
        tool: {
          driver: {
            name: `loki-${reviewer.name}-reviewer`,
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: findings.find((finding) => finding.rule === id)!.title },
            })),
          },
        },
        originalUriBaseIds: { [rootId]: { uri: baseUri } },
        results: findings.map((finding) => result(finding, ruleIds.indexOf(finding.rule), failOn)),
        invocations: [
          {
            executionSuccessful: true,
            properties: {
              base: review.base,
              files: reviewer.files.length,
              promptTokens: reviewer.promptTokens,
              ...(reviewer.modelSkipped ? { modelSkipped: reviewer.modelSkipped } : {}),
            },
          },
        ],
      };
    }),
  };
}

function result(finding: ReviewFinding, ruleIndex: number, failOn: ReviewSeverity) {
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: levels[finding.severity],
    message: { text: `${finding.title}. ${finding.detail}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: {
            uri: finding.file.split('/').map(encodeURIComponent).join('/'),
            uriBaseId: rootId,
          },
          // SARIF lines start at 1; a finding about the whole file (line 0) points at its start.
          region: { startLine: Math.max(1, finding.line) },
        },
      },
    ],
    partialFingerprints: { lokiFindingId: finding.id },
    properties: {
      severity: finding.severity,
      source: finding.source,
      blocking: atOrAbove(finding.severity, failOn),
      ...(finding.lessonId ? { lessonId: finding.lessonId } : {}),
    },
  };
}
