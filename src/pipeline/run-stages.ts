import { LokiError, type ErrorCategory } from '../core/index.ts';
import type { ErrorInfo, StageOutcome } from '../events/index.ts';
import type { RunContext } from './run-context.ts';
import type { RunState } from './run-state.ts';
import type { Stage } from './stage.ts';

export interface StagesResult {
  outcomes: StageOutcome[];
  state: RunState;
  /** Why the stages stopped early; null when every stage ran or was restored. */
  error: LokiError | null;
}

/**
 * Runs stages in order. A stage checkpointed by an earlier session is restored, not run again;
 * a stage not built yet is reported as such; the first failure (or a limit) stops the rest.
 */
export async function runStages(
  context: RunContext,
  stages: readonly Stage<unknown>[],
): Promise<StagesResult> {
  const { journal, events, runId, clock } = context;
  const outcomes: StageOutcome[] = [];
  let state: RunState = {};
  let error: LokiError | null = null;
  for (const stage of stages) {
    const { name, title } = stage;
    const incomplete = state.execution?.stoppedBy;
    if (incomplete && stage.requiresCompleteBuild) error ??= errorFromInfo(incomplete);
    if (error || context.signal.aborted) {
      error ??= asLokiError(context.signal.reason);
      outcomes.push({ stage: name, title, outcome: 'not-reached', durationMs: 0, summary: '' });
      continue;
    }
    const checkpoint = journal.getCheckpoint(runId, name);
    const restored = checkpoint && stage.outputSchema.safeParse(checkpoint.output);
    if (restored?.success) {
      state = stage.store(state, restored.data);
      const summary = stage.summarize(restored.data);
      events.emit({ type: 'stage-restored', stage: name, title, summary });
      outcomes.push({ stage: name, title, outcome: 'restored', durationMs: 0, summary });
      continue;
    }
    if (!stage.run) {
      events.emit({ type: 'stage-skipped', stage: name, title, reason: 'not built yet' });
      outcomes.push({
        stage: name,
        title,
        outcome: 'not-built',
        durationMs: 0,
        summary: 'not built yet',
      });
      continue;
    }
    const startedAt = clock.now();
    events.emit({ type: 'stage-started', stage: name, title });
    try {
      const output = await stage.run(context, state);
      const durationMs = clock.now() - startedAt;
      state = stage.store(state, output);
      // Work on a partial build is done again on resume, when the build is complete.
      if (!state.execution?.stoppedBy)
        journal.saveCheckpoint({ runId, stage: name, output, at: clock.now() });
      const summary = stage.summarize(output);
      events.emit({ type: 'stage-finished', stage: name, title, durationMs, summary });
      outcomes.push({ stage: name, title, outcome: 'done', durationMs, summary });
    } catch (thrown) {
      error = context.signal.aborted ? asLokiError(context.signal.reason) : asLokiError(thrown);
      events.emit({ type: 'stage-failed', stage: name, title, error: error.toJSON() });
      outcomes.push({
        stage: name,
        title,
        outcome: 'failed',
        durationMs: clock.now() - startedAt,
        summary: error.message,
      });
    }
  }
  const incomplete = state.execution?.stoppedBy;
  if (!error && incomplete) error = errorFromInfo(incomplete);
  return { outcomes, state, error };
}

function errorFromInfo(info: ErrorInfo): LokiError {
  return new LokiError({
    code: info.code,
    category: info.category as ErrorCategory,
    message: info.message,
    details: info.details ?? {},
  });
}

/** Anything thrown, as a LokiError; an unknown error is a defect of Loki's (internal). */
export function asLokiError(thrown: unknown): LokiError {
  if (LokiError.isInstance(thrown)) return thrown;
  return new LokiError({
    code: 'internal.unexpected',
    category: 'internal',
    message: `unexpected error: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`,
    cause: thrown,
  });
}
