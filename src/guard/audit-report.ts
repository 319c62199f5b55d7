import { z } from 'zod';
import { auditPolicySchema, isBlocking } from './audit-policy.ts';
import { findingSchema, severityRank, type Finding } from './finding.ts';

/**
 * The outcome of one audit: every finding, whether the policy passed it, and what was read.
 * Safe to journal and to share: findings carry masked secrets only.
 */
export const auditReportSchema = z.object({
  /** The directory audited, absolute. */
  root: z.string(),
  passed: z.boolean(),
  findings: z.array(findingSchema),
  filesScanned: z.int().nonnegative(),
  bytesScanned: z.int().nonnegative(),
  durationMs: z.number().nonnegative(),
  policy: auditPolicySchema,
  /** Files not read, and why: nothing is left out silently. */
  skipped: z.array(z.object({ file: z.string(), reason: z.enum(['too-large', 'unreadable']) })),
});
export type AuditReport = z.infer<typeof auditReportSchema>;

/** The findings that fail the report's policy, worst first. */
export function blockingFindings(report: AuditReport): Finding[] {
  return report.findings
    .filter((finding) => isBlocking(finding, report.policy))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}
