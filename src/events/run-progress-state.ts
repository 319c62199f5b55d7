import type { RunEvent, RunEventOf, RunSummary } from './run-event.ts';
import { applyStageEvent, settleStages, type StageProgress } from './stage-progress-state.ts';
import { applyTaskEvent, settleTasks, type TaskProgress } from './task-progress-state.ts';

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
  /** The plan's tasks in order, each with its state. */
  tasks: TaskProgress[];
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

/** Folds one event into the view. Events arrive in order, so the latest fact wins. */
export function applyRunEvent(progress: RunProgress, event: RunEvent): void {
  progress.runId ??= event.runId;
  switch (event.type) {
    case 'run-started':
      progress.startedAt = event.at;
      progress.resumed = event.resumed;
      progress.outDir = event.outDir;
      applyStageEvent(progress.stages, event);
      return;
    case 'stage-started':
    case 'stage-finished':
    case 'stage-restored':
    case 'stage-skipped':
    case 'stage-failed':
      applyStageEvent(progress.stages, event);
      return;
    case 'tasks-planned':
    case 'task-started':
    case 'tests-ran':
    case 'merge-finished':
    case 'task-finished':
    case 'tool-called':
      applyTaskEvent(progress.tasks, event);
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
      settleTasks(progress.tasks, event.at);
      settleStages(progress.stages, event.summary);
      return;
    case 'warning-raised':
      progress.warnings.push(event.message);
      return;
    case 'finding-raised':
    case 'audit-finished':
    case 'deployment-finished':
    case 'deployment-health-changed':
    case 'model-call-started':
      return;
  }
}
