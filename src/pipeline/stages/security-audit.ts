import { mkdir, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { dirname, join } from 'node:path';
import { LokiError } from '../../core/index.ts';
import {
  auditFailure,
  auditReportSchema,
  defaultAuditPolicy,
  isBlocking,
  scanDirectory,
  toSarif,
  type AuditReport,
} from '../../guard/index.ts';
import { emitAuditEvents } from '../audit/audit-events.ts';
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
/** The audit of a run: the report, and where its SARIF file was written. */
export const runAuditSchema = auditReportSchema.extend({ sarifPath: z.string() });
export type RunAudit = z.infer<typeof runAuditSchema>;

export async function auditProduct(context: RunContext): Promise<RunAudit> {
  const report = await scanProduct(context);
  emitAuditEvents(context.events, report);
  const sarifPath = await writeSarif(context, report);
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
  return { ...report, sarifPath };
}

/** Where a run's audit is written as SARIF, for code-scanning tools: beside the journal. */
export function sarifPathOf(context: Pick<RunContext, 'journal' | 'runId'>): string {
  return join(dirname(context.journal.path), 'reports', context.runId, 'security-audit.sarif');
}

async function writeSarif(context: RunContext, report: AuditReport): Promise<string> {
  const path = sarifPathOf(context);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(toSarif(report), null, 2)}\n`);
  return path;
}

/**
 * The audit of the product's directory. No directory means no stage has built anything yet:
 * there is nothing to audit, which the run is told, rather than a failure of bad input.
 */
async function scanProduct(context: RunContext): Promise<AuditReport> {
  try {
    return await scanDirectory(context.outDir, { signal: context.signal, clock: context.clock });
  } catch (error) {
    if (!LokiError.isInstance(error) || error.code !== 'guard.directory-missing') throw error;
    context.events.emit({
      type: 'warning-raised',
      message: `security audit: nothing to audit, ${context.outDir} does not exist yet`,
    });
    return {
      root: context.outDir,
      passed: true,
      findings: [],
      filesScanned: 0,
      bytesScanned: 0,
      durationMs: 0,
      policy: defaultAuditPolicy,
      skipped: [],
    };
  }
}

export const securityAuditStage = defineStage<RunAudit>({
  name: 'security-audit',
  title: 'Security audit',
  outputSchema: runAuditSchema,
  run: (context) => auditProduct(context),
  summarize: (report) =>
    `${report.findings.length} findings, audit ${report.passed ? 'passed' : 'failed'} (SARIF: ${report.sarifPath})`,
  store: (state, securityAudit) => ({ ...state, securityAudit }),
});
