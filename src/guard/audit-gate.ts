import { LokiError } from '../core/index.ts';
import { blockingFindings, type AuditReport } from './audit-report.ts';
import { severities } from './finding.ts';

/**
 * The error a failed audit stops a run with (`guard.audit-failed`, the work failed: exit 1),
 * or null when the report passed. Its message names the worst findings; its details carry
 * the counts and those findings (secrets masked), so the journal keeps the gist of the report
 * even though a failed stage saves no checkpoint.
 */
export function auditFailure(report: AuditReport, listed = 5): LokiError | null {
  if (report.passed) return null;
  const blocking = blockingFindings(report);
  const top = blocking.slice(0, listed);
  const more = blocking.length > top.length ? `, and ${blocking.length - top.length} more` : '';
  const where = top
    .map(
      (finding) =>
        `${finding.severity} ${finding.ruleId} at ${finding.file}:${finding.line}:${finding.column}`,
    )
    .join('; ');
  const bySeverity = Object.fromEntries(
    severities.map((severity) => [
      severity,
      report.findings.filter((finding) => finding.severity === severity).length,
    ]),
  );
  return new LokiError({
    code: 'guard.audit-failed',
    category: 'work-failed',
    message: `the security audit of ${report.root} failed: ${blocking.length} finding(s) fail the policy: ${where}${more}. Fix them (or change the audit policy) and audit again.`,
    details: {
      root: report.root,
      blocking: blocking.length,
      findings: report.findings.length,
      bySeverity,
      top,
      filesScanned: report.filesScanned,
      bytesScanned: report.bytesScanned,
    },
  });
}
