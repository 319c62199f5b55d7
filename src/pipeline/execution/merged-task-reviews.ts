import { dirname, join } from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import { z } from 'zod';
import { LokiError } from '../../core/index.ts';
import type { MemoryRetrieval } from '../../memory/index.ts';
import {
  atOrAbove,
  priorReviewSchema,
  reviewMerge,
  type PriorReview,
  type ReviewFinding,
  type ReviewLesson,
  type ReviewSeverity,
} from '../../review/index.ts';
import type { RunContext } from '../run-context.ts';
import type { Task } from '../task-graph.ts';
import type { TaskResult } from './task-result.ts';

/** Findings at or above this level fail the review's gate: triage makes them remediation work. */
export const reviewFailLevel: ReviewSeverity = 'high';

/** The lessons memory retrieved for this build, as plain data for the reviewers. */
export function lessonsOf(memory: MemoryRetrieval | undefined): ReviewLesson[] {
  return (memory?.lessons ?? []).map(({ id, content, tags }) => ({ id, content, tags }));
}

/** Where the review of one merged task is kept: a resumed run does not review it again. */
export const taskReviewCheckpoint = (taskId: string) => `review:${taskId}`;

/**
 * The stage the reviewers' model calls for one task are journaled under: one conversation per
 * reviewer and task, so a replayed macro serves each task's review its own replies.
 */
export const taskReviewStage = (taskId: string) => `review:${taskId}`;

/** The review of one merged task, as checkpointed. */
export const taskReviewSchema = z.object({
  taskId: z.string(),
  /** The merge commit reviewed (its diff against its first parent). */
  commit: z.string(),
  prior: priorReviewSchema,
});
export type TaskReview = z.infer<typeof taskReviewSchema>;

/** The review of a task kept in the journal, if it is of the merge the task ended with. */
export function restoreTaskReview(
  context: Pick<RunContext, 'journal' | 'runId'>,
  taskId: string,
  commit: string,
): TaskReview | undefined {
  const checkpoint = context.journal.getCheckpoint(context.runId, taskReviewCheckpoint(taskId));
  const review = checkpoint ? taskReviewSchema.safeParse(checkpoint.output).data : undefined;
  return review?.commit === commit ? review : undefined;
}

/** The reviews of the merged tasks of an execution, for the review of the whole tree. */
export function taskReviewsOf(
  context: Pick<RunContext, 'journal' | 'runId'>,
  tasks: readonly TaskResult[],
): PriorReview[] {
  return tasks.flatMap((result) => {
    if (result.status !== 'done' || !result.mergedAs) return [];
    const review = restoreTaskReview(context, result.taskId, result.mergedAs);
    return review ? [review.prior] : [];
  });
}

/**
 * Reviews each task's change as soon as it is merged, beside the tasks still running, at most
 * `concurrency` reviews at once. Each review's findings are raised as they arrive and the
 * review is checkpointed; the review stage then only judges what no task review covered.
 * A review that fails (the model, a tool) is left to the review stage, with a warning; only a
 * stop of the run or a bug is thrown, by `settle`.
 */
export class MergedTaskReviews {
  readonly #context: RunContext;
  readonly #lessons: readonly ReviewLesson[];
  readonly #limit: LimitFunction;
  readonly #pending: Promise<void>[] = [];
  #failure: { error: unknown } | null = null;

  constructor(context: RunContext, lessons: readonly ReviewLesson[]) {
    this.#context = context;
    this.#lessons = lessons;
    this.#limit = pLimit(Math.max(1, context.config.concurrency));
  }

  /** Starts the review of a task that was merged (and not reviewed before); others are ignored. */
  add(task: Task, result: TaskResult): void {
    const commit = result.mergedAs;
    if (result.status !== 'done' || !commit) return;
    if (restoreTaskReview(this.#context, task.id, commit)) return;
    this.#pending.push(
      this.#limit(() => this.#review(task.id, commit)).catch((error: unknown) =>
        this.#failed(task.id, error),
      ),
    );
  }

  /** Waits for every review started; then throws what must stop the run, if anything did. */
  async settle(): Promise<void> {
    await this.drain();
    if (this.#failure) throw this.#failure.error;
  }

  /** Waits for every review started, throwing nothing (clean-up after a failed execution). */
  async drain(): Promise<void> {
    while (this.#pending.length > 0) await Promise.all(this.#pending.splice(0));
  }

  async #review(taskId: string, commit: string): Promise<void> {
    const context = this.#context;
    // A stopped run starts no review: a resumed one reviews what is left.
    if (context.signal.aborted) return;
    const checkout = join(
      dirname(context.journal.path),
      'worktrees',
      context.runId,
      '.reviews',
      taskId,
    );
    const { prior } = await reviewMerge({
      repository: context.outDir,
      commit,
      checkout,
      lessons: this.#lessons,
      gateway: context.gateway,
      stage: taskReviewStage(taskId),
      signal: context.signal,
      clock: context.clock,
    });
    raiseReviewFindings(context, 'review', prior.findings, { once: true });
    context.journal.saveCheckpoint({
      runId: context.runId,
      stage: taskReviewCheckpoint(taskId),
      output: { taskId, commit, prior } satisfies TaskReview,
      at: context.clock.now(),
    });
  }

  #failed(taskId: string, error: unknown): void {
    if (this.#context.signal.aborted || !LokiError.isInstance(error)) {
      this.#failure ??= { error };
      return;
    }
    this.#context.events.emit({
      type: 'warning-raised',
      message: `the review of ${taskId} as merged failed (${error.message}); the review stage reviews its change with the rest`,
    });
  }
}

/** Findings already raised in a run, by what identifies them in a `finding-raised` event. */
const raisedByRun = new WeakMap<RunContext, Set<string>>();

const raisedKey = (event: {
  stage: string;
  source: string;
  file: string;
  line: number;
  title: string;
}) => JSON.stringify([event.stage, event.source, event.file, event.line, event.title]);

/**
 * Raises reviewers' findings as `finding-raised` events (and so journals them). With `once`, a
 * finding this run already raised in the same stage — a task's review found it first, or the
 * stage ran before an interruption — is not raised again.
 */
export function raiseReviewFindings(
  context: RunContext,
  stage: string,
  findings: readonly ReviewFinding[],
  options: { once?: boolean } = {},
): void {
  const raised = options.once ? raisedIn(context) : null;
  for (const finding of findings) {
    const event = {
      type: 'finding-raised' as const,
      stage,
      source: finding.reviewer,
      severity: finding.severity,
      file: finding.file,
      line: finding.line,
      title: finding.title,
      blocking: atOrAbove(finding.severity, reviewFailLevel),
      lessonId: finding.lessonId ?? null,
    };
    if (raised) {
      const key = raisedKey(event);
      if (raised.has(key)) continue;
      raised.add(key);
    }
    context.events.emit(event);
  }
}

function raisedIn(context: RunContext): Set<string> {
  let raised = raisedByRun.get(context);
  if (!raised) {
    const earlier = context.journal
      .listEvents(context.runId, { types: ['finding-raised'] })
      .map((event) => event.data as Parameters<typeof raisedKey>[0]);
    raised = new Set(earlier.map(raisedKey));
    raisedByRun.set(context, raised);
  }
  return raised;
}
