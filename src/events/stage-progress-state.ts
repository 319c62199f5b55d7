import type { ErrorInfo, RunEventOf, RunSummary, StageOutcome } from './run-event.ts';

/** Where one pipeline stage stands, as the progress view shows it. */
export type StageState =
  'pending' | 'running' | 'done' | 'restored' | 'not-built' | 'skipped' | 'failed' | 'not-reached';

/** One stage as the view knows it: its state and what the last event about it said. */
export interface StageProgress {
  stage: string;
  title: string;
  state: StageState;
  startedAt: number | null;
  durationMs: number | null;
  /** The stage's summary when done or restored, the reason when skipped. */
  detail: string;
  error: ErrorInfo | null;
}

/** Events that change a stage. */
export type StageEvent = RunEventOf<
  | 'run-started'
  | 'stage-started'
  | 'stage-finished'
  | 'stage-restored'
  | 'stage-skipped'
  | 'stage-failed'
>;

/** The view's state for a stage outcome of the run summary: the same words, one more state. */
export function stageStateOf(outcome: StageOutcome['outcome']): StageState {
  return outcome;
}

/** Folds one stage event into `stages`, in the order the run announced them. */
export function applyStageEvent(stages: StageProgress[], event: StageEvent): void {
  switch (event.type) {
    case 'run-started':
      for (const { stage, title, built } of event.stages) {
        updateStage(stages, stage, title, { state: built ? 'pending' : 'not-built' });
      }
      return;
    case 'stage-started':
      updateStage(stages, event.stage, event.title, { state: 'running', startedAt: event.at });
      return;
    case 'stage-finished':
      updateStage(stages, event.stage, event.title, {
        state: 'done',
        durationMs: event.durationMs,
        detail: event.summary,
      });
      return;
    case 'stage-restored':
      updateStage(stages, event.stage, event.title, { state: 'restored', detail: event.summary });
      return;
    case 'stage-skipped':
      updateStage(stages, event.stage, event.title, { state: 'skipped', detail: event.reason });
      return;
    case 'stage-failed': {
      const stage = stageOf(stages, event.stage, event.title);
      const durationMs = stage.startedAt === null ? null : event.at - stage.startedAt;
      updateStage(stages, event.stage, event.title, {
        state: 'failed',
        error: event.error,
        durationMs,
      });
      return;
    }
  }
}

/** The summary is the run's own account: it settles the stages we never heard the end of. */
export function settleStages(stages: StageProgress[], summary: RunSummary): void {
  for (const outcome of summary.stages) {
    const { state } = stageOf(stages, outcome.stage, outcome.title);
    if (state === 'pending' || state === 'running') {
      updateStage(stages, outcome.stage, outcome.title, {
        state: stageStateOf(outcome.outcome),
        durationMs: outcome.durationMs,
        detail: outcome.summary,
      });
    }
  }
}

function updateStage(
  stages: StageProgress[],
  stage: string,
  title: string,
  changes: Partial<StageProgress>,
): void {
  Object.assign(stageOf(stages, stage, title), changes);
}

function stageOf(stages: StageProgress[], stage: string, title: string): StageProgress {
  let found = stages.find((candidate) => candidate.stage === stage);
  if (!found) {
    found = {
      stage,
      title,
      state: 'pending',
      startedAt: null,
      durationMs: null,
      detail: '',
      error: null,
    };
    stages.push(found);
  }
  return found;
}
