import type { RunEventOf, TestCounts } from './run-event.ts';

/**
 * Where one task of the plan stands. `stopped` and `not-reached` are given when the run
 * finishes while the task still runs or waits: the run's end settles every task.
 */
export type TaskState =
  'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'stopped' | 'not-reached';

/** A task of the plan, as `tasks-planned` announced it. */
export type PlannedTask = RunEventOf<'tasks-planned'>['tasks'][number];

/** The latest test round the orchestrator ran for a task. */
export interface TestRound {
  round: number;
  passed: boolean;
  counts: TestCounts;
}

/** A tool call as the view keeps it: only the latest per task, to show what its agent does. */
export type ToolCall = Omit<RunEventOf<'tool-called'>, 'type' | 'runId' | 'at' | 'output'>;

/** One task as the view knows it: the plan's fields, its state and its latest facts. */
export interface TaskProgress extends PlannedTask {
  state: TaskState;
  startedAt: number | null;
  durationMs: number | null;
  /** The latest call of the task's agent or of its conflict resolver; cleared once it ends. */
  latestTool: ToolCall | null;
  tests: TestRound | null;
  /** Files whose conflict a resolver settled when the task merged into main. */
  resolvedConflicts: string[];
  /** Why it failed or was skipped. */
  reason: string | null;
  /** The agent's own account of what it built. */
  summary: string;
}

/** Events that change a task. */
export type TaskEvent = RunEventOf<
  | 'tasks-planned'
  | 'task-started'
  | 'tests-ran'
  | 'merge-finished'
  | 'task-finished'
  | 'tool-called'
>;

/** Folds one task event into `tasks`, the plan in order; a task never planned is added. */
export function applyTaskEvent(tasks: TaskProgress[], event: TaskEvent): void {
  switch (event.type) {
    case 'tasks-planned': {
      // Planned again (a resumed decomposition): keep what is known of the tasks that remain.
      const known = new Map(tasks.map((task) => [task.id, task]));
      const planned = event.tasks.map((task) => ({
        ...(known.get(task.id) ?? newTask(task)),
        ...task,
      }));
      tasks.splice(0, tasks.length, ...planned);
      return;
    }
    case 'task-started':
      Object.assign(taskOf(tasks, event.taskId, event), { state: 'running', startedAt: event.at });
      return;
    case 'tests-ran': {
      const { round, passed, counts } = event;
      taskOf(tasks, event.taskId).tests = { round, passed, counts };
      return;
    }
    case 'merge-finished':
      // An unresolved merge fails the task, whose reason names the files.
      if (event.status === 'merged') {
        taskOf(tasks, event.taskId).resolvedConflicts = event.conflictedFiles;
      }
      return;
    case 'task-finished': {
      const task = taskOf(tasks, event.taskId);
      // The result stands in for test rounds we did not see.
      if (event.tests && !task.tests) {
        task.tests = { round: event.rounds, passed: event.tests.failed === 0, counts: event.tests };
      }
      Object.assign(task, {
        state: event.status,
        durationMs: task.startedAt === null ? null : event.at - task.startedAt,
        latestTool: null,
        reason: event.reason,
        summary: event.summary,
      });
      return;
    }
    case 'tool-called': {
      // `task:t1` is a task's agent, `resolver:t1` the agent resolving its merge; others are
      // agents of other stages, not shown with the tasks.
      const { agent, tool, input, ok } = event;
      const taskId = agent.includes(':') ? agent.slice(agent.indexOf(':') + 1) : null;
      const task = tasks.find((candidate) => candidate.id === taskId);
      if (task?.state === 'running') task.latestTool = { agent, tool, input, ok };
      return;
    }
  }
}

/** Settles the tasks still running or waiting when the run finished at `at`. */
export function settleTasks(tasks: readonly TaskProgress[], at: number): void {
  for (const task of tasks) {
    if (task.state === 'running') {
      task.state = 'stopped';
      task.durationMs = task.startedAt === null ? null : at - task.startedAt;
      task.latestTool = null;
    } else if (task.state === 'pending') {
      task.state = 'not-reached';
    }
  }
}

function taskOf(
  tasks: TaskProgress[],
  taskId: string,
  started?: RunEventOf<'task-started'>,
): TaskProgress {
  let task = tasks.find((candidate) => candidate.id === taskId);
  if (!task) {
    // Not in the plan we saw (its decomposition was restored without `tasks-planned`).
    const name = started?.name ?? taskId;
    task = newTask({ id: taskId, name, role: started?.role ?? '', dependsOn: [] });
    tasks.push(task);
  }
  return task;
}

function newTask(planned: PlannedTask): TaskProgress {
  return {
    ...planned,
    state: 'pending',
    startedAt: null,
    durationMs: null,
    latestTool: null,
    tests: null,
    resolvedConflicts: [],
    reason: null,
    summary: '',
  };
}
