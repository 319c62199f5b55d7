import { randomIdGenerator, systemClock, type Clock, type IdGenerator } from '../core/index.ts';
import type { RunSummary } from '../events/index.ts';
import type { Journal } from '../journal/index.ts';
import { asLokiError } from './run-stages.ts';
import type { RunKind } from './run-settings.ts';

export interface StandaloneRunOptions {
  journal: Journal;
  kind: Exclude<RunKind, 'run' | 'plan'>;
  /** The directory the stage works on. */
  target: string;
  title: string;
  clock?: Clock;
  generateId?: IdGenerator;
}

export interface StandaloneOutcome<Output> {
  output: Output;
  /** Whether the check passed (a review without blocking findings, a passing gate…). */
  passed: boolean;
  /** One line for the run's stage summary. */
  summary: string;
}

/**
 * Runs one stage on a directory as a run of its own kind, so `loki runs`, `status`, the
 * dashboard and stats see it: the record, its output as a checkpoint, its status and summary.
 */
export async function runStandalone<Output>(
  options: StandaloneRunOptions,
  work: (runId: string) => Promise<StandaloneOutcome<Output>>,
): Promise<StandaloneOutcome<Output> & { runId: string }> {
  const { journal, kind, target } = options;
  const clock = options.clock ?? systemClock;
  const runId = (options.generateId ?? randomIdGenerator)(kind);
  const startedAt = clock.now();
  journal.createRun({
    runId,
    prd: `loki ${kind} ${target}`,
    prdPath: null,
    outDir: target,
    settings: { kind, config: {} },
    createdAt: startedAt,
  });
  journal.updateRun(runId, { pid: process.pid, updatedAt: startedAt });
  const finish = (
    status: RunSummary['status'],
    summaryText: string,
    error: RunSummary['error'],
  ) => {
    const durationMs = clock.now() - startedAt;
    const summary: RunSummary = {
      runId,
      status,
      stopReason: error?.code ?? null,
      durationMs,
      stages: [
        {
          stage: kind,
          title: options.title,
          outcome: error ? 'failed' : 'done',
          durationMs,
          summary: summaryText,
        },
      ],
      usage: journal.usageTotals(runId),
      error,
      outDir: target,
    };
    journal.updateRun(runId, {
      status,
      stopReason: summary.stopReason,
      summary,
      activeMs: durationMs,
      pid: null,
      finishedAt: clock.now(),
      updatedAt: clock.now(),
    });
  };
  try {
    const outcome = await work(runId);
    journal.saveCheckpoint({ runId, stage: kind, output: outcome.output, at: clock.now() });
    finish(outcome.passed ? 'succeeded' : 'failed', outcome.summary, null);
    return { ...outcome, runId };
  } catch (thrown) {
    const error = asLokiError(thrown);
    finish('failed', error.message, error.toJSON());
    throw thrown;
  }
}
