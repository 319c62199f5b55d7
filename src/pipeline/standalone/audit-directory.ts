import type { Journal } from '../../journal/index.ts';
import {
  scanDirectory,
  summaryLine,
  type AuditPolicy,
  type AuditReport,
} from '../../guard/index.ts';
import { emitAuditEvents } from '../audit/audit-events.ts';
import { runStandalone } from '../standalone-run.ts';
import { withJournaledEvents } from './journaled-events.ts';

export interface AuditDirectoryOptions {
  journal: Journal;
  root: string;
  /** The default policy when not given. */
  policy?: AuditPolicy;
}

/**
 * The security audit of a directory, journaled as a run of kind `audit` with the same finding
 * events as the audit stage of a run. The same work for `loki audit` and the MCP tool
 * `loki_audit`.
 */
export async function auditDirectory(
  options: AuditDirectoryOptions,
): Promise<{ report: AuditReport; runId: string }> {
  const { journal, root, policy } = options;
  const { output: report, runId } = await runStandalone(
    { journal, kind: 'audit', target: root, title: 'Security audit' },
    (runId) =>
      withJournaledEvents(journal, runId, async (events) => {
        const report = await scanDirectory(root, policy ? { policy } : {});
        emitAuditEvents(events, report);
        return { output: report, passed: report.passed, summary: summaryLine(report) };
      }),
  );
  return { report, runId };
}
