import { isBlocking } from './audit-policy.ts';
import type { AuditReport } from './audit-report.ts';
import { findingCategories } from './finding.ts';

/**
 * The report as a plain-text table for a terminal: one row per finding (`!` marks those that
 * fail the policy), its fix on the next line, then what was skipped and a one-line verdict.
 */
export function formatReportText(report: AuditReport): string {
  const rows = report.findings.map((finding) => [
    isBlocking(finding, report.policy) ? '!' : ' ',
    finding.severity,
    `${finding.file}:${finding.line}:${finding.column}`,
    finding.ruleId,
  ]);
  const widths = [1, 8, 8, 4].map((least, column) =>
    Math.max(least, ...rows.map((row) => row[column]!.length)),
  );
  const lines: string[] = [];
  if (rows.length > 0) {
    lines.push(
      ['', 'SEVERITY', 'LOCATION', 'RULE']
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join(' ') + ' MESSAGE',
    );
    const indent = ' '.repeat(widths.reduce((sum, width) => sum + width + 1, 0));
    report.findings.forEach((finding, index) => {
      const cells = rows[index]!.map((cell, column) => cell.padEnd(widths[column]!));
      lines.push(`${cells.join(' ')} ${finding.message}`);
      lines.push(`${indent}fix: ${finding.fixHint}`);
    });
    lines.push('');
  }
  for (const skipped of report.skipped) {
    lines.push(
      `not read: ${skipped.file} (${skipped.reason === 'too-large' ? `larger than ${report.policy.maxFileBytes} bytes` : 'unreadable'})`,
    );
  }
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

/** `Audit failed: 2 of 7 findings fail the policy (…); 120 files, 1.2 MB in 0.4 s.` */
export function summaryLine(report: AuditReport): string {
  const blocking = report.findings.filter((finding) => isBlocking(finding, report.policy)).length;
  const thresholds = findingCategories
    .map((category) => `${category} >= ${report.policy.failOn[category]}`)
    .join(', ');
  const verdict = report.passed
    ? `Audit passed: ${report.findings.length} finding(s), none fail the policy (${thresholds})`
    : `Audit failed: ${blocking} of ${report.findings.length} finding(s) fail the policy (${thresholds})`;
  const megabytes = (report.bytesScanned / 1_000_000).toFixed(1);
  return `${verdict}; ${report.filesScanned} files, ${megabytes} MB in ${(report.durationMs / 1_000).toFixed(1)} s.`;
}
