import { dirname, join } from 'node:path';
import { LokiError } from '../../core/index.ts';
import { ProductRepository } from '../../workspace/index.ts';
import { runStackOf } from '../run-stack.ts';
import { announceTaskResult, runTask, type TaskEnvironment } from '../execution/run-task.ts';
import { inProcessScheduler } from '../execution/task-scheduler.ts';
import { skippedResult, taskResultSchema, type TaskResult } from '../execution/task-result.ts';
import { criteriaBriefOf, productCriteriaOf } from '../acceptance/product-criteria.ts';
import type { RunContext } from '../run-context.ts';
import type { RunState } from '../run-state.ts';
import type { Task } from '../task-graph.ts';
import type { Remediation } from './conflict-resolution-output.ts';
import type { RemediationWork } from './remediation-tasks.ts';

/** Where a remediation task's result is kept, so a resumed run does not fix the same thing twice. */
export const remediationCheckpoint = (taskId: string) => `conflict-resolution:task:${taskId}`;

/** The product's repository and what its sub-agents are given, as parallel execution has them. */
export async function openTaskEnvironment(
  context: RunContext,
  state: RunState,
): Promise<TaskEnvironment> {
  const worktrees = join(dirname(context.journal.path), 'worktrees', context.runId);
  const repository = await ProductRepository.open(context.outDir, worktrees);
  const summaries = new Map(
    (state.execution?.tasks ?? []).map((result) => [result.taskId, result.summary]),
  );
  const constraints = state.memory?.constraints.map((constraint) => constraint.text) ?? [];
  const criteria = criteriaBriefOf(
    productCriteriaOf(state.taskGraph, context.config.heldOutPercent),
  );
  const stack = await runStackOf(context);
  return { context, repository, summaries, constraints, stack, criteria };
}

/**
 * Runs remediation tasks side by side (each in its own worktree, merged into main one at a
 * time), each scoped to its files. A task that cannot finish fails alone, with the reason: the
 * findings it was for stay in the report. Only a stop of the run is thrown.
 */
export async function runRemediations(
  environment: TaskEnvironment,
  work: readonly RemediationWork[],
  meta: Pick<Remediation, 'kind' | 'round'>,
): Promise<Remediation[]> {
  const { context } = environment;
  const byId = new Map(work.map((item) => [item.task.id, item]));
  const results = await inProcessScheduler.schedule(
    work.map((item) => item.task),
    async (task) => {
      const restored = restore(context, task.id);
      if (restored) return announceTaskResult(context, restored);
      const scope = byId.get(task.id)?.scope ?? [];
      const result = await attempt(context, task, () =>
        runTask(task, environment, scope.length > 0 ? { scope } : {}),
      );
      record(context, task, result);
      return result;
    },
    { concurrency: context.config.concurrency, signal: context.signal },
  );
  return results.map((result) => {
    const item = byId.get(result.taskId);
    if (!item) throw new Error(`no remediation work for task ${result.taskId}`);
    return {
      ...meta,
      task: item.task,
      scope: item.scope,
      findingIds: item.findingIds,
      gate: item.gate ?? null,
      result,
    };
  });
}

/** A model or tool failure fails the remediation task, not the run; a stop of the run stops it. */
async function attempt(
  context: RunContext,
  task: Task,
  work: () => Promise<TaskResult>,
): Promise<TaskResult> {
  try {
    return await work();
  } catch (error) {
    if (context.signal.aborted || !LokiError.isInstance(error)) throw error;
    return announceTaskResult(context, {
      ...skippedResult(task.id, ''),
      status: 'failed',
      reason: `the remediation could not run: ${error.message}`,
    });
  }
}

function restore(context: RunContext, taskId: string): TaskResult | undefined {
  const checkpoint = context.journal.getCheckpoint(context.runId, remediationCheckpoint(taskId));
  const result = checkpoint ? taskResultSchema.safeParse(checkpoint.output).data : undefined;
  return result?.status === 'done' ? result : undefined;
}

function record(context: RunContext, task: Task, result: TaskResult): void {
  context.journal.saveCheckpoint({
    runId: context.runId,
    stage: remediationCheckpoint(task.id),
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
}
