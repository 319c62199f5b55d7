import { LokiError } from '../core/index.ts';
import {
  runEventSchema,
  runSummarySchema,
  type ErrorInfo,
  type RunEventBody,
  type RunEventType,
  type TestCounts,
} from '../events/index.ts';
import type { Journal, JournalEvent, UsageTotals } from '../journal/index.ts';
import {
  recordedGatesOf,
  runFiguresOf,
  type RecordedGate,
  type RunFigures,
} from '../pipeline/index.ts';

type EventOf<Type extends RunEventType> = Extract<RunEventBody, { type: Type }>;

export interface StageView {
  stage: string;
  title: string;
  state: 'pending' | 'running' | 'done' | 'restored' | 'skipped' | 'failed' | 'not-built';
  durationMs: number | null;
  summary: string | null;
}

export interface TaskView {
  taskId: string;
  name: string;
  role: string;
  dependsOn: string[];
  state: string;
  summary: string | null;
  rounds: number | null;
  filesChanged: number | null;
  tests: TestCounts | null;
  merge: 'merged' | 'unresolved' | null;
}

export interface AgentView {
  agent: string;
  role: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  toolCalls: number;
  lastAt: number;
}

/** Everything the dashboard shows of one run, rebuilt from its journal. */
export interface RunView {
  run: RunFigures & {
    prd: string;
    prdPath: string | null;
    outDir: string;
    error: ErrorInfo | null;
  };
  stages: StageView[];
  tasks: TaskView[];
  agents: AgentView[];
  usage: UsageTotals;
  findings: EventOf<'finding-raised'>[];
  gates: RecordedGate[];
  /** The deployment stage's checkpoint and deploy events; `null` while there is none. */
  deployment: { output: unknown; events: { type: string; at: number; data: unknown }[] } | null;
  warnings: string[];
  /** The seq of the last event read: where a live stream of this run carries on. */
  lastSeq: number;
}

/** Throws `run.not-found` (a bad-input error) for an id the journal does not hold. */
export function runNotFound(runId: string, journal: Journal): LokiError {
  return new LokiError({
    code: 'run.not-found',
    category: 'bad-input',
    message: `there is no run "${runId}" in ${journal.path}; list runs at /api/runs`,
    details: { runId },
  });
}

/** Folds a run's journal (record, events, tasks, checkpoints, model usage) into its view. */
export function buildRunView(journal: Journal, runId: string): RunView {
  const run = journal.getRun(runId);
  if (!run) throw runNotFound(runId, journal);
  const events = journal.listEvents(runId);
  const bodies = events.flatMap((event) => {
    const parsed = runEventSchema.safeParse({ ...(event.data as object), type: event.type });
    // An event of a newer Loki, or of a type this view does not know, is simply not shown.
    return parsed.success ? [{ event, body: parsed.data }] : [];
  });
  const of = <Type extends RunEventType>(type: Type) =>
    bodies.flatMap(({ body }) => (body.type === type ? [body as EventOf<Type>] : []));
  return {
    run: {
      ...runFiguresOf(journal, run),
      prd: run.prd,
      prdPath: run.prdPath,
      outDir: run.outDir,
      error: runSummarySchema.safeParse(run.summary).data?.error ?? null,
    },
    stages: stagesOf(bodies.map(({ body }) => body)),
    tasks: tasksOf(journal, runId, of),
    agents: agentsOf(bodies),
    usage: journal.usageTotals(runId),
    findings: of('finding-raised'),
    gates: recordedGatesOf(journal, runId),
    deployment: deploymentOf(journal, runId, events),
    warnings: of('warning-raised').map((warning) => warning.message),
    lastSeq: events.at(-1)?.seq ?? 0,
  };
}

function stagesOf(bodies: readonly RunEventBody[]): StageView[] {
  const stages = new Map<string, StageView>();
  const update = (stage: string, title: string, change: Partial<StageView>) => {
    const current = stages.get(stage) ?? {
      stage,
      title,
      state: 'pending',
      durationMs: null,
      summary: null,
    };
    stages.set(stage, { ...current, ...change });
  };
  for (const body of bodies) {
    switch (body.type) {
      case 'run-started':
        for (const stage of body.stages)
          update(stage.stage, stage.title, stage.built ? {} : { state: 'not-built' });
        break;
      case 'stage-started':
        update(body.stage, body.title, { state: 'running' });
        break;
      case 'stage-finished':
        update(body.stage, body.title, {
          state: 'done',
          durationMs: body.durationMs,
          summary: body.summary,
        });
        break;
      case 'stage-restored':
        update(body.stage, body.title, { state: 'restored', summary: body.summary });
        break;
      case 'stage-skipped':
        update(body.stage, body.title, { state: 'skipped', summary: body.reason });
        break;
      case 'stage-failed':
        update(body.stage, body.title, { state: 'failed', summary: body.error.message });
        break;
      default:
        break;
    }
  }
  return [...stages.values()];
}

function tasksOf(
  journal: Journal,
  runId: string,
  of: <Type extends RunEventType>(type: Type) => EventOf<Type>[],
): TaskView[] {
  const tasks = new Map<string, TaskView>();
  const blank = { summary: null, rounds: null, filesChanged: null, tests: null, merge: null };
  // The plan as announced, then the task table, which holds each task's current state.
  for (const planned of of('tasks-planned').at(-1)?.tasks ?? []) {
    tasks.set(planned.id, {
      taskId: planned.id,
      name: planned.name,
      role: planned.role,
      dependsOn: planned.dependsOn,
      state: 'pending',
      ...blank,
    });
  }
  for (const task of journal.listTasks(runId)) {
    const { taskId, name, role, dependsOn, state, summary } = task;
    tasks.set(taskId, { ...blank, taskId, name, role, dependsOn, state, summary });
  }
  // The table records a task when it ends; that it is under way is known from its event only.
  for (const started of of('task-started')) {
    const task = tasks.get(started.taskId);
    if (task?.state === 'pending') task.state = 'running';
  }
  for (const finished of of('task-finished')) {
    const task = tasks.get(finished.taskId);
    if (!task) continue;
    Object.assign(task, {
      state: finished.status,
      summary: finished.summary,
      rounds: finished.rounds,
      filesChanged: finished.filesChanged,
      tests: finished.tests,
    });
  }
  for (const merge of of('merge-finished')) {
    const task = tasks.get(merge.taskId);
    if (task) task.merge = merge.status;
  }
  return [...tasks.values()];
}

function agentsOf(bodies: readonly { event: JournalEvent; body: RunEventBody }[]): AgentView[] {
  const agents = new Map<string, AgentView>();
  const agentOf = (name: string, at: number) => {
    const agent = agents.get(name) ?? {
      agent: name,
      role: '',
      model: '',
      calls: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      toolCalls: 0,
      lastAt: at,
    };
    agent.lastAt = at;
    agents.set(name, agent);
    return agent;
  };
  for (const { event, body } of bodies) {
    if (body.type === 'model-call-finished') {
      const agent = agentOf(body.agent, event.at);
      agent.role = body.role;
      agent.model = body.model;
      agent.calls += 1;
      agent.inputTokens += body.inputTokens;
      agent.outputTokens += body.outputTokens;
      agent.costUsd += body.costUsd;
    } else if (body.type === 'tool-called') {
      agentOf(body.agent, event.at).toolCalls += 1;
    }
  }
  return [...agents.values()];
}

function deploymentOf(
  journal: Journal,
  runId: string,
  events: readonly JournalEvent[],
): RunView['deployment'] {
  const checkpoint =
    journal.getCheckpoint(runId, 'deployment') ?? journal.getCheckpoint(runId, 'deploy');
  const deployEvents = events
    .filter((event) => event.type.startsWith('deploy'))
    .map(({ type, at, data }) => ({ type, at, data }));
  if (!checkpoint && deployEvents.length === 0) return null;
  return { output: checkpoint?.output ?? null, events: deployEvents };
}
