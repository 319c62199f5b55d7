import { EventBus, type EventSink } from './event-bus.ts';
import { createManualClock, type ManualClock } from './manual-clock.ts';
import type { RunEvent, RunEventBody, StageOutcome } from './run-event.ts';
import { samplePlan, sampleTaskEvents, type TimedEvent } from './sample-run-tasks.ts';

const model = { planner: 'anthropic/claude-sonnet-4-5', coder: 'openai/gpt-5-mini' };
const callFields = (callId: string, stage: string, role: keyof typeof model) => ({
  callId,
  stage,
  agent: `${role}-1`,
  role,
  model: model[role],
});

/**
 * A realistic resumed run, for tests of sinks: one stage restored from its checkpoint, a
 * rate-limited planner call retried, three tasks built in parallel (tool calls, a failing test
 * round sent back, a merge conflict resolved; see {@link sampleTaskEvents}), a coder call
 * served from the journal, a warning, a budget warning, a skipped stage, a security audit
 * that fails, two stages not built yet.
 * Events go through a real {@link EventBus} on `clock`, which this advances as it goes, so
 * `sink` sees each one at its time; all of them are returned too.
 */
export function playSampleRun(
  sink?: EventSink,
  clock: ManualClock = createManualClock(),
): RunEvent[] {
  const bus = new EventBus('run_sample', clock);
  const events: RunEvent[] = [];
  bus.subscribe((event) => events.push(event));
  if (sink) bus.subscribe(sink);
  const at = (ms: number, body: RunEventBody): void => {
    clock.advance(ms);
    bus.emit(body);
  };
  const stage = (id: string, title: string) => ({ stage: id, title });
  const executeSummary = '3 tasks built and merged, 30 tests passing, 1 conflict resolved';
  const outcome = (
    id: string,
    title: string,
    result: StageOutcome['outcome'],
    durationMs: number,
    summary: string,
  ): StageOutcome => ({ ...stage(id, title), outcome: result, durationMs, summary });

  at(0, {
    type: 'run-started',
    prdPath: 'examples/todo-api/PRD.md',
    outDir: 'out/todo-api',
    models: model,
    resumed: true,
    stages: [
      { ...stage('memory', 'Memory retrieval'), built: true },
      { ...stage('decompose', 'Decomposition'), built: true },
      { ...stage('execute', 'Parallel execution'), built: true },
      { ...stage('review', 'Parallel review'), built: true },
      { ...stage('resolve', 'Conflict resolution'), built: true },
      { ...stage('audit', 'Security audit'), built: true },
      { ...stage('deploy', 'Deployment'), built: false },
      { ...stage('record', 'Macro and lessons'), built: false },
    ],
  });
  at(5, { type: 'stage-restored', ...stage('memory', 'Memory retrieval'), summary: '3 lessons' });
  at(5, { type: 'stage-started', ...stage('decompose', 'Decomposition') });
  at(10, { type: 'model-call-started', ...callFields('call_1', 'decompose', 'planner') });
  at(1_500, {
    type: 'model-call-retried',
    ...callFields('call_1', 'decompose', 'planner'),
    attempt: 1,
    delayMs: 2_000,
    reason: 'HTTP 429 Too Many Requests',
  });
  at(2_700, {
    type: 'model-call-finished',
    ...callFields('call_1', 'decompose', 'planner'),
    inputTokens: 1_200,
    outputTokens: 800,
    costUsd: 0.0123,
    latencyMs: 2_690,
    fromJournal: false,
  });
  at(10, { type: 'tasks-planned', tasks: samplePlan });
  at(20, {
    type: 'stage-finished',
    ...stage('decompose', 'Decomposition'),
    durationMs: 4_240,
    summary: '3 tasks',
  });
  at(0, { type: 'stage-started', ...stage('execute', 'Parallel execution') });
  const execution: TimedEvent[] = [
    [
      0,
      {
        type: 'model-call-finished',
        ...callFields('call_2', 'execute', 'coder'),
        inputTokens: 5_000,
        outputTokens: 2_000,
        costUsd: 0.045,
        latencyMs: 0,
        fromJournal: true,
      },
    ],
    [
      4_000,
      {
        type: 'warning-raised',
        message: 'bwrap not found: commands run without a network sandbox',
      },
    ],
    [
      30_000,
      {
        type: 'model-call-finished',
        ...callFields('call_3', 'execute', 'coder'),
        inputTokens: 3_000,
        outputTokens: 1_500,
        costUsd: 0.03,
        latencyMs: 29_000,
        fromJournal: false,
      },
    ],
    [30_010, { type: 'limit-approached', limit: 'budget', used: 0.0873, max: 0.1 }],
    [
      60_700,
      {
        type: 'stage-finished',
        ...stage('execute', 'Parallel execution'),
        durationMs: 60_700,
        summary: executeSummary,
      },
    ],
  ];
  // A stable sort: at the same offset the task events come first, the stage's own end last.
  const timeline = [...sampleTaskEvents(), ...execution].sort(([left], [right]) => left - right);
  timeline.forEach(([offset, body], index) => at(offset - (timeline[index - 1]?.[0] ?? 0), body));
  at(0, { type: 'stage-started', ...stage('review', 'Parallel review') });
  at(12_300, {
    type: 'stage-finished',
    ...stage('review', 'Parallel review'),
    durationMs: 12_300,
    summary: '2 findings',
  });
  at(0, {
    type: 'stage-skipped',
    ...stage('resolve', 'Conflict resolution'),
    reason: 'no memory conflicts',
  });
  at(0, { type: 'stage-started', ...stage('audit', 'Security audit') });
  const secret = {
    code: 'guard.secret-found',
    category: 'work-failed',
    message: 'an AWS access key in src/config.ts:12',
  };
  at(850, { type: 'stage-failed', ...stage('audit', 'Security audit'), error: secret });
  at(5, {
    type: 'run-finished',
    summary: {
      runId: 'run_sample',
      status: 'failed',
      stopReason: 'security audit failed',
      durationMs: 78_105,
      stages: [
        outcome('memory', 'Memory retrieval', 'restored', 0, '3 lessons'),
        outcome('decompose', 'Decomposition', 'done', 4_240, '3 tasks'),
        outcome('execute', 'Parallel execution', 'done', 60_700, executeSummary),
        outcome('review', 'Parallel review', 'done', 12_300, '2 findings'),
        outcome('resolve', 'Conflict resolution', 'done', 0, ''),
        outcome('audit', 'Security audit', 'failed', 850, secret.message),
        outcome('deploy', 'Deployment', 'not-built', 0, ''),
        outcome('record', 'Macro and lessons', 'not-built', 0, ''),
      ],
      usage: {
        total: { calls: 3, inputTokens: 9_200, outputTokens: 4_300, costUsd: 0.0873 },
        byModel: {
          [model.planner]: { calls: 1, inputTokens: 1_200, outputTokens: 800, costUsd: 0.0123 },
          [model.coder]: { calls: 2, inputTokens: 8_000, outputTokens: 3_500, costUsd: 0.075 },
        },
        byRole: {
          planner: { calls: 1, inputTokens: 1_200, outputTokens: 800, costUsd: 0.0123 },
          coder: { calls: 2, inputTokens: 8_000, outputTokens: 3_500, costUsd: 0.075 },
        },
      },
      error: secret,
      outDir: 'out/todo-api',
    },
  });
  return events;
}
