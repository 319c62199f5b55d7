import type { EventBus } from '../../events/index.ts';
import { isBlocking, type AuditReport } from '../../guard/index.ts';

/**
 * An audit's findings as events: every blocking one and the first 20 others (the full list is
 * in the report), then `audit-finished` with the counts. The same events for the audit stage
 * of a run and for `loki audit` on a directory.
 */
export function emitAuditEvents(events: EventBus, report: AuditReport): void {
  const blocking = report.findings.filter((finding) => isBlocking(finding, report.policy));
  const others = report.findings
    .filter((finding) => !isBlocking(finding, report.policy))
    .slice(0, 20);
  for (const finding of [...blocking, ...others]) {
    events.emit({
      type: 'finding-raised',
      stage: 'security-audit',
      source: 'guard',
      severity: finding.severity,
      file: finding.file,
      line: finding.line,
      title: finding.message,
      blocking: isBlocking(finding, report.policy),
      lessonId: null,
    });
  }
  events.emit({
    type: 'audit-finished',
    passed: report.passed,
    findings: report.findings.length,
    blocking: blocking.length,
    filesScanned: report.filesScanned,
    bytesScanned: report.bytesScanned,
    durationMs: report.durationMs,
  });
}
