import { LokiError } from '../../core/index.ts';
import { asLokiError } from '../run-stages.ts';
import type { Task } from '../task-graph.ts';
import { skippedResult, type TaskResult } from './task-result.ts';

export interface ScheduleOptions {
  /** At most this many tasks run at once. */
  concurrency: number;
  /** When aborted, no task starts; running ones are awaited and the reason is thrown. */
  signal: AbortSignal;
  /** Told of each task skipped because of another, as it is skipped. */
  onSkipped?: (task: Task, result: TaskResult) => void;
}

/**
 * Runs a task graph: each task as soon as everything it depends on is done, at most
 * `concurrency` at once. A failed task fails alone; the tasks that depend on it are skipped
 * with the reason. A distributed queue (workers on other machines) implements the same shape.
 */
export interface TaskScheduler {
  schedule(
    tasks: readonly Task[],
    runTask: (task: Task) => Promise<TaskResult>,
    options: ScheduleOptions,
  ): Promise<TaskResult[]>;
}

/** The default scheduler: tasks run in this process. */
export const inProcessScheduler: TaskScheduler = {
  async schedule(tasks, runTask, { concurrency, signal, onSkipped }) {
    const results = new Map<string, TaskResult>();
    const waiting = new Map(tasks.map((task) => [task.id, task]));
    const running = new Map<string, Promise<void>>();
    let firstError: unknown;

    const settle = (task: Task, result: TaskResult) => {
      results.set(task.id, result);
      running.delete(task.id);
    };
    const startReady = () => {
      for (const task of [...waiting.values()]) {
        if (!task.dependsOn.every((id) => results.has(id))) continue;
        const blocker = task.dependsOn
          .map((id) => results.get(id)!)
          .find((result) => result.status !== 'done');
        if (blocker) {
          waiting.delete(task.id);
          const skipped = skippedResult(
            task.id,
            `it depends on ${blocker.taskId}, which ${blocker.status === 'failed' ? `failed: ${blocker.reason ?? ''}` : 'was skipped'}`,
          );
          results.set(task.id, skipped);
          onSkipped?.(task, skipped);
          return startReady();
        }
        if (running.size >= concurrency || signal.aborted || firstError !== undefined) return;
        waiting.delete(task.id);
        running.set(
          task.id,
          runTask(task).then(
            (result) => settle(task, result),
            (error: unknown) => {
              running.delete(task.id);
              firstError ??= error;
            },
          ),
        );
      }
    };

    startReady();
    while (running.size > 0) {
      await Promise.race(running.values());
      startReady();
    }
    if (firstError !== undefined) throw asLokiError(firstError);
    if (signal.aborted) throw signal.reason;
    if (waiting.size > 0) {
      throw new LokiError({
        code: 'execution.unschedulable',
        category: 'internal',
        message: `tasks ${[...waiting.keys()].join(', ')} could never start: their dependencies do not resolve`,
      });
    }
    return tasks.map((task) => results.get(task.id)!);
  },
};
