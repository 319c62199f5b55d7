import { dirname, join } from 'node:path';
import { LokiError } from '../../core/index.ts';
import { agentConstraintsOf } from '../../memory/index.ts';
import { ProductRepository, chooseSandbox, countCodeLines } from '../../workspace/index.ts';
import { executionOutputSchema, type ExecutionOutput } from '../execution/execution-output.ts';
import { MergedTaskReviews, lessonsOf } from '../execution/merged-task-reviews.ts';
import { announceTaskResult, runTask } from '../execution/run-task.ts';
import { skippedResult, taskResultSchema, type TaskResult } from '../execution/task-result.ts';
import { inProcessScheduler, type TaskScheduler } from '../execution/task-scheduler.ts';
import { criteriaBriefOf, productCriteriaOf } from '../acceptance/product-criteria.ts';
import type { RunContext } from '../run-context.ts';
import { runStackOf } from '../run-stack.ts';
import type { RunState } from '../run-state.ts';
import { defineStage } from '../stage.ts';
import type { Task } from '../task-graph.ts';

const taskCheckpoint = (taskId: string) => `execution:${taskId}`;

export interface ExecuteOptions {
  scheduler?: TaskScheduler;
  /**
   * Review each task's change as soon as it is merged (stage 4 started early, beside the tasks
   * still running); the review stage then judges only what these reviews did not cover.
   */
  reviewAsMerged?: boolean;
}

/**
 * Stage 3: one sub-agent per task, in parallel as the graph allows, each in its own worktree,
 * merged into the product's main branch. A finished task is checkpointed on its own, so a
 * resumed run only redoes what did not finish. Any failed task fails the stage (after all the
 * others ran), naming each failure.
 */
export async function executeTasks(
  context: RunContext,
  state: RunState,
  options: ExecuteOptions = {},
): Promise<ExecutionOutput> {
  const { scheduler = inProcessScheduler } = options;
  const graph = state.taskGraph;
  if (!graph) {
    throw new LokiError({
      code: 'execution.no-plan',
      category: 'internal',
      message: 'the execution stage ran without a task graph',
    });
  }
  const worktrees = join(dirname(context.journal.path), 'worktrees', context.runId);
  const repository = await ProductRepository.open(context.outDir, worktrees);
  // The base of everything the run builds, for its receipt; a resumed run keeps the first.
  if (
    context.journal.listEvents(context.runId, { types: ['repository-opened'], limit: 1 }).length ===
    0
  )
    context.events.emit({
      type: 'repository-opened',
      root: context.outDir,
      base: await repository.head(),
    });
  const sandbox = await chooseSandbox(context.config.sandbox, process.env);
  // Never a silent downgrade: without a sandbox the run says which protections are off.
  if (sandbox.report.kind === 'none')
    context.events.emit({ type: 'warning-raised', message: sandbox.report.summary });
  const summaries = new Map<string, string>();
  const record = (task: Task, result: TaskResult) => {
    if (result.status === 'done') summaries.set(task.id, result.summary);
    context.journal.saveCheckpoint({
      runId: context.runId,
      stage: taskCheckpoint(task.id),
      output: result,
      at: context.clock.now(),
    });
    context.journal.upsertTask({
      runId: context.runId,
      taskId: task.id,
      name: task.name,
      role: task.role,
      description: task.description,
      dependsOn: task.dependsOn,
      acceptanceCriteria: task.acceptanceCriteria,
      state: result.status,
      summary: result.summary || result.reason,
      updatedAt: context.clock.now(),
    });
    return result;
  };
  const maxLines = context.config.maxLines;
  let lines = await countCodeLines(repository.root);
  // A holder, not a variable: the scheduler's callbacks set it, which narrowing cannot see.
  const limit: { reached: LokiError | null } = { reached: null };
  const reviews = options.reviewAsMerged
    ? new MergedTaskReviews(context, lessonsOf(state.memory))
    : null;
  const run = async (task: Task): Promise<TaskResult> => {
    const result = await build(task);
    reviews?.add(task, result);
    return result;
  };
  const build = async (task: Task): Promise<TaskResult> => {
    const restored = restoreTask(context, task.id);
    if (restored?.status === 'done') return record(task, announceTaskResult(context, restored));
    // Past the size limit no task starts: what exists is reviewed and audited, then the run stops.
    if (limit.reached)
      return record(
        task,
        announceTaskResult(context, skippedResult(task.id, limit.reached.message)),
      );
    const environment = { context, repository, summaries, constraints, stack, criteria };
    const result = await withServiceRetry(context, task, () => runTask(task, environment));
    if (result.status === 'done') {
      lines = await countCodeLines(repository.root);
      if (lines > maxLines) limit.reached ??= sizeLimitReached(lines, maxLines);
    }
    return record(task, result);
  };
  const constraints = agentConstraintsOf(state.memory);
  const stack = await runStackOf(context);
  const criteria = criteriaBriefOf(productCriteriaOf(graph, context.config.heldOutPercent));
  let results: TaskResult[];
  try {
    results = await scheduler.schedule(graph.tasks, run, {
      concurrency: context.config.concurrency,
      signal: context.signal,
      onSkipped: (task, result) => record(task, announceTaskResult(context, result)),
    });
  } finally {
    // No review outlives the stage, also when it fails: it writes to the run's journal.
    await reviews?.drain();
  }
  await reviews?.settle();
  const failed = results.filter(
    (result) => result.status === 'failed' || (result.status === 'skipped' && !limit.reached),
  );
  if (failed.length > 0) {
    throw new LokiError({
      code: 'execution.tasks-failed',
      category: 'work-failed',
      message: `${failed.length} of ${results.length} tasks did not finish:\n${failed.map((result) => `- ${result.taskId} ${result.status}: ${result.reason ?? ''}`).join('\n')}\nContinue with loki resume <run> to retry them.`,
      details: { failed: failed.map(({ taskId, status, reason }) => ({ taskId, status, reason })) },
    });
  }
  if (limit.reached)
    context.events.emit({ type: 'limit-reached', limit: 'size', used: lines, max: maxLines });
  return {
    tasks: results,
    head: await repository.head(),
    lines,
    stoppedBy: limit.reached?.toJSON() ?? null,
  };
}

function sizeLimitReached(lines: number, maxLines: number): LokiError {
  return new LokiError({
    code: 'limit.size',
    category: 'limit-reached',
    message: `the product reached ${lines} lines of code, over the limit of ${maxLines}: no new task starts; what exists is reviewed and audited, then the run stops. Continue with loki resume <run> --max-lines <more>.`,
    details: { lines, maxLines },
  });
}

/**
 * A model that keeps failing (after the gateway's own retries) fails one task, not the run:
 * the task is tried once more from the start (answered calls come from the journal), and
 * if it fails again it is a failed task with the reason. A stop of the run still stops it.
 */
async function withServiceRetry(
  context: RunContext,
  task: Task,
  attempt: () => Promise<TaskResult>,
): Promise<TaskResult> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (
        context.signal.aborted ||
        !LokiError.isInstance(error) ||
        error.category !== 'service-failed'
      )
        throw error;
      if (tries >= 2) {
        return announceTaskResult(context, {
          ...skippedResult(task.id, ''),
          status: 'failed',
          reason: `the model failed twice: ${error.message}`,
        });
      }
      context.events.emit({
        type: 'warning-raised',
        message: `${task.id}: the model failed (${error.message}); trying the task again`,
      });
    }
  }
}

function restoreTask(context: RunContext, taskId: string): TaskResult | undefined {
  const checkpoint = context.journal.getCheckpoint(context.runId, taskCheckpoint(taskId));
  return checkpoint ? taskResultSchema.safeParse(checkpoint.output).data : undefined;
}

export const executionStage = defineStage<ExecutionOutput>({
  name: 'execution',
  title: 'Parallel execution',
  outputSchema: executionOutputSchema,
  run: (context, state) => executeTasks(context, state, { reviewAsMerged: true }),
  summarize: (output) => {
    // Each task's tests ran on main plus its own work; the largest count is the product's suite.
    const tests = Math.max(0, ...output.tasks.map((task) => task.tests?.passed ?? 0));
    const conflicts = output.tasks.filter((task) => task.conflictedFiles.length > 0).length;
    const resolved =
      conflicts === 0 ? '' : `, ${conflicts} conflict${conflicts === 1 ? '' : 's'} resolved`;
    if (output.stoppedBy) {
      const done = output.tasks.filter((task) => task.status === 'done').length;
      return `${done} of ${output.tasks.length} tasks built before the size limit (${output.lines} lines)`;
    }
    return `${output.tasks.length} tasks built and merged, tests passing after each (${tests} tests, ${output.lines} lines)${resolved}`;
  },
  store: (state, execution) => ({ ...state, execution }),
});
