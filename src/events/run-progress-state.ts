import type { ErrorInfo, RunEvent, RunEventOf, RunSummary, StageOutcome } from './run-event.ts';

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

/** A task of the plan, as `tasks-planned` announced it. */
export type PlannedTask = RunEventOf<'tasks-planned'>['tasks'][number];

/** Model usage summed from `model-call-finished`; journal-served calls are counted apart too. */
export interface UsageTally {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  journalCalls: number;
  failedCalls: number;
  retries: number;
}

/** Everything the progress view knows about a run, folded from its events in order. */
export interface RunProgress {
  runId: string | null;
  startedAt: number | null;
  resumed: boolean;
  outDir: string | null;
  stages: StageProgress[];
  tasks: PlannedTask[];
  usage: UsageTally;
  /** Retries still waiting, by call: shown until that call finishes or fails. */
  pendingRetries: Map<string, RunEventOf<'model-call-retried'>>;
  /** The latest warning or stop per limit kind, kept on screen in the footer. */
  limits: Map<string, RunEventOf<'limit-approached' | 'limit-reached'>>;
  /** Every `warning-raised` message, repeated in the summary in case it scrolled away. */
  warnings: string[];
  summary: RunSummary | null;
}

/** An empty view, before `run-started`. */
export function createRunProgress(): RunProgress {
  return {
    runId: null,
    startedAt: null,
    resumed: false,
    outDir: null,
    stages: [],
    tasks: [],
    usage: {
      calls: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      journalCalls: 0,
      failedCalls: 0,
      retries: 0,
    },
    pendingRetries: new Map(),
    limits: new Map(),
    warnings: [],
    summary: null,
  };
}

/** The view's state for a stage outcome of the run summary: the same words, one more state. */
export function stageStateOf(outcome: StageOutcome['outcome']): StageState {
  return outcome;
}

/** Folds one event into the view. Events arrive in order, so the latest fact wins. */
export function applyRunEvent(progress: RunProgress, event: RunEvent): void {
  progress.runId ??= event.runId;
  switch (event.type) {
    case 'run-started':
      progress.startedAt = event.at;
      progress.resumed = event.resumed;
      progress.outDir = event.outDir;
      for (const { stage, title, built } of event.stages) {
        updateStage(progress, stage, title, { state: built ? 'pending' : 'not-built' });
      }
      return;
    case 'stage-started':
      updateStage(progress, event.stage, event.title, {
        state: 'running',
        startedAt: event.at,
      });
      return;
    case 'stage-finished':
      updateStage(progress, event.stage, event.title, {
        state: 'done',
        durationMs: event.durationMs,
        detail: event.summary,
      });
      return;
    case 'stage-restored':
      updateStage(progress, event.stage, event.title, {
        state: 'restored',
        detail: event.summary,
      });
      return;
    case 'stage-skipped':
      updateStage(progress, event.stage, event.title, {
        state: 'skipped',
        detail: event.reason,
      });
      return;
    case 'stage-failed': {
      const stage = stageOf(progress, event.stage, event.title);
      const durationMs = stage.startedAt === null ? null : event.at - stage.startedAt;
      updateStage(progress, event.stage, event.title, {
        state: 'failed',
        error: event.error,
        durationMs,
      });
      return;
    }
    case 'tasks-planned':
      progress.tasks = event.tasks;
      return;
    case 'model-call-finished': {
      const { usage } = progress;
      usage.calls += 1;
      usage.inputTokens += event.inputTokens;
      usage.outputTokens += event.outputTokens;
      usage.costUsd += event.costUsd;
      if (event.fromJournal) usage.journalCalls += 1;
      progress.pendingRetries.delete(event.callId);
      return;
    }
    case 'model-call-retried':
      progress.usage.retries += 1;
      progress.pendingRetries.set(event.callId, event);
      return;
    case 'model-call-failed':
      progress.usage.failedCalls += 1;
      progress.pendingRetries.delete(event.callId);
      return;
    case 'limit-approached':
    case 'limit-reached':
      progress.limits.set(event.limit, event);
      return;
    case 'run-finished':
      progress.summary = event.summary;
      progress.pendingRetries.clear();
      // The summary is the run's own account: it settles stages we never heard the end of.
      for (const outcome of event.summary.stages) {
        const { state } = stageOf(progress, outcome.stage, outcome.title);
        if (state === 'pending' || state === 'running') {
          updateStage(progress, outcome.stage, outcome.title, {
            state: stageStateOf(outcome.outcome),
            durationMs: outcome.durationMs,
            detail: outcome.summary,
          });
        }
      }
      return;
    case 'warning-raised':
      progress.warnings.push(event.message);
      return;
    case 'model-call-started':
      return;
  }
}

function updateStage(
  progress: RunProgress,
  stage: string,
  title: string,
  changes: Partial<StageProgress>,
): void {
  Object.assign(stageOf(progress, stage, title), changes);
}

function stageOf(progress: RunProgress, stage: string, title: string): StageProgress {
  let found = progress.stages.find((candidate) => candidate.stage === stage);
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
    progress.stages.push(found);
  }
  return found;
}
