import {
  auditFailure,
  auditReportSchema,
  isBlocking,
  scanDirectory,
  type AuditReport,
} from '../../guard/index.ts';
import type { RunContext } from '../run-context.ts';
import { defineStage } from '../stage.ts';

/**
 * Stage 6: audits the product's directory (Trojan Source and invisible characters, homoglyph
 * identifiers, secrets, injection patterns) against the audit policy. A report that fails the
 * policy throws `guard.audit-failed` (the work failed, exit 1) naming its worst findings: the
 * stage then saves no checkpoint, so the stages after it (deployment) are not reached, and a
 * resumed run audits again, seeing any fix; a failed gate can never be restored as passed. The
 * error's details (counts and top findings, secrets masked) reach the journal with the
 * stage-failed event. A passing report is the stage's checkpointed output.
 */
export async function auditProduct(context: RunContext): Promise<AuditReport> {
  const report = await scanDirectory(context.outDir, {
    signal: context.signal,
    clock: context.clock,
  });
  const failure = auditFailure(report);
  if (failure) throw failure;
  const below = report.findings.filter((finding) => !isBlocking(finding, report.policy));
  if (below.length > 0) {
    const first = below
      .slice(0, 3)
      .map((finding) => `${finding.severity} ${finding.ruleId} at ${finding.file}:${finding.line}`)
      .join('; ');
    context.events.emit({
      type: 'warning-raised',
      message: `security audit passed with ${below.length} finding(s) below the failing level: ${first}${below.length > 3 ? '; …' : ''}`,
    });
  }
  return report;
}

export const securityAuditStage = defineStage<AuditReport>({
  name: 'security-audit',
  title: 'Security audit',
  outputSchema: auditReportSchema,
  run: (context) => auditProduct(context),
  summarize: (report) =>
    `${report.findings.length} findings, audit ${report.passed ? 'passed' : 'failed'}`,
  // RunState has no place for the report yet (see the note to the pipeline's owner); the
  // checkpoint keeps it meanwhile.
  store: (state) => state,
});
