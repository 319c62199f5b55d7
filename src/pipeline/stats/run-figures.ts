import type { Journal, RunRecord } from '../../journal/index.ts';
import { isAlive } from '../start-run.ts';
import { runKinds, type RunKind } from '../run-settings.ts';
import { qualityScoreOf, recordedGatesOf } from './run-gates.ts';

/** Where a run stands as a person sees it: a `running` run whose process is gone was interrupted. */
export type EffectiveStatus = RunRecord['status'] | 'interrupted';

/** The figures of one run that stats are made of. */
export interface RunFigures {
  runId: string;
  kind: RunKind;
  /** The first heading of the PRD, or its path, for people to recognise the run. */
  title: string;
  status: EffectiveStatus;
  stopReason: string | null;
  createdAt: number;
  finishedAt: number | null;
  /** Time the run spent working, over all its resumptions. */
  durationMs: number;
  costUsd: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  gatesPassed: number;
  gatesTotal: number;
  /** Share of quality gates passed, 0 to 1; `null` when no gate ran. */
  qualityScore: number | null;
}

/** A run recorded as running whose process is gone crashed or was killed: it can be resumed. */
export function effectiveStatusOf(run: RunRecord): EffectiveStatus {
  if (run.status === 'running' && (run.pid === null || !isAlive(run.pid))) return 'interrupted';
  return run.status;
}

/** The kind of work a run recorded (`run` for records that predate kinds). */
export function runKindOf(run: RunRecord): RunKind {
  const kind = (run.settings as { kind?: unknown } | null)?.kind;
  return runKinds.find((known) => known === kind) ?? 'run';
}

/** One run's status, time, spend and quality, read from the journal. */
export function runFiguresOf(journal: Journal, run: RunRecord): RunFigures {
  const usage = journal.usageTotals(run.runId).total;
  const gates = recordedGatesOf(journal, run.runId);
  return {
    runId: run.runId,
    kind: runKindOf(run),
    title: titleOf(run),
    status: effectiveStatusOf(run),
    stopReason: run.stopReason,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    durationMs: run.activeMs,
    costUsd: usage.costUsd,
    calls: usage.calls,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    gatesPassed: gates.filter((gate) => gate.passed).length,
    gatesTotal: gates.length,
    qualityScore: qualityScoreOf(gates),
  };
}

function titleOf(run: RunRecord): string {
  const heading = /^#\s+(.+)$/m.exec(run.prd)?.[1]?.trim();
  if (heading) return heading.slice(0, 120);
  return run.prdPath ?? run.prd.split('\n', 1)[0]?.slice(0, 120) ?? run.runId;
}
