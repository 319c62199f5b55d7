import { z } from 'zod';
import type { Journal } from '../../journal/index.ts';

/** One quality gate as a run recorded it: which, whether it passed, and where it was read. */
export interface RecordedGate {
  gate: string;
  passed: boolean;
  measured: string | null;
  /** The stage whose checkpoint held it, or `audit` for the security audit's event. */
  source: string;
}

// Read leniently: checkpoints are written by stages of several versions, and stats only need
// the name and the verdict of each gate.
const gateShape = z.looseObject({
  gate: z.string(),
  passed: z.boolean(),
  measured: z.string().nullish(),
});
const gateList = z.array(gateShape).min(1);
const gateReport = z.looseObject({ gates: gateList });
const auditFinished = z.looseObject({ passed: z.boolean(), findings: z.number() });

/**
 * The quality gates a run measured: the gate results kept in its stage checkpoints (a
 * `loki gates` run, or any stage whose output is a gate report), and the security audit's
 * verdict (its last `audit-finished` event) unless a checkpoint already holds an audit gate.
 * Empty when no gate ran: such a run has no quality score, rather than a score of zero.
 */
export function recordedGatesOf(journal: Journal, runId: string): RecordedGate[] {
  const gates: RecordedGate[] = [];
  for (const checkpoint of journal.listCheckpoints(runId)) {
    const list =
      gateList.safeParse(checkpoint.output).data ??
      gateReport.safeParse(checkpoint.output).data?.gates;
    for (const gate of list ?? []) {
      gates.push({
        gate: gate.gate,
        passed: gate.passed,
        measured: gate.measured ?? null,
        source: checkpoint.stage,
      });
    }
  }
  if (!gates.some((gate) => gate.gate === 'audit')) {
    const audit = journal.listEvents(runId, { types: ['audit-finished'] }).at(-1);
    const parsed = auditFinished.safeParse(audit?.data);
    if (parsed.success) {
      gates.push({
        gate: 'audit',
        passed: parsed.data.passed,
        measured: `${parsed.data.findings} findings`,
        source: 'audit',
      });
    }
  }
  return gates;
}

/** The share of gates passed, 0 to 1; `null` when no gate ran. */
export function qualityScoreOf(gates: readonly RecordedGate[]): number | null {
  if (gates.length === 0) return null;
  return gates.filter((gate) => gate.passed).length / gates.length;
}
