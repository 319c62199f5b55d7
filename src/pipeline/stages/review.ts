import { access } from 'node:fs/promises';
import { LokiError } from '../../core/index.ts';
import {
  atOrAbove,
  reviewOutputSchema,
  reviewProduct,
  type ReviewOutput,
} from '../../review/index.ts';
import {
  lessonsOf,
  raiseReviewFindings,
  reviewFailLevel,
  taskReviewsOf,
} from '../execution/merged-task-reviews.ts';
import type { RunContext } from '../run-context.ts';
import type { RunState } from '../run-state.ts';
import { defineStage } from '../stage.ts';

/**
 * Stage 4: the security, performance and architecture reviewers on the product, in parallel,
 * with the lessons memory retrieved. Each task's change was reviewed as it was merged (during
 * execution); here the analyzers run on the whole tree — a cycle may span two tasks — and the
 * model judges only the files no task review judged as they are now (a later task changed
 * them, or the task's review did not finish), the task reviews' model findings on the rest
 * carried over. Every finding is raised as an event (and so journaled), once: those a task
 * review raised already are not raised again. The review is the stage's checkpointed output,
 * for conflict resolution and triage. A product with no directory yet has nothing to review,
 * which the run is told.
 */
export async function reviewRun(
  context: RunContext,
  state: RunState,
  options: { stage?: string } = {},
): Promise<ReviewOutput> {
  const stage = options.stage ?? 'review';
  if (!(await exists(context.outDir))) {
    context.events.emit({
      type: 'warning-raised',
      message: `review: nothing to review, ${context.outDir} does not exist yet`,
    });
    return { base: null, findings: [], reviewers: [] };
  }
  const review = await reviewProduct({
    root: context.outDir,
    base: null,
    lessons: lessonsOf(state.memory),
    gateway: context.gateway,
    stage,
    priors: taskReviewsOf(context, state.execution?.tasks ?? []),
    signal: context.signal,
    clock: context.clock,
  });
  // The stage's own findings are raised once (task reviews raised theirs as they came); a
  // re-review after remediation raises what still stands, round after round.
  raiseReviewFindings(context, stage, review.findings, { once: stage === 'review' });
  return review;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new LokiError({
      code: 'review.unreadable',
      category: 'work-failed',
      message: `cannot read the product directory ${path}: ${(error as Error).message}`,
      details: { path },
      cause: error,
    });
  }
}

export const reviewStage = defineStage<ReviewOutput>({
  name: 'review',
  title: 'Parallel review',
  outputSchema: reviewOutputSchema,
  run: (context, state) => reviewRun(context, state),
  summarize: (review) => {
    const blocking = review.findings.filter((finding) =>
      atOrAbove(finding.severity, reviewFailLevel),
    );
    const conflicts = review.findings.filter((finding) => finding.lessonId).length;
    const tokens = review.reviewers.reduce((sum, reviewer) => sum + reviewer.promptTokens, 0);
    return `${review.findings.length} findings (${blocking.length} at or above ${reviewFailLevel}, ${conflicts} memory conflicts), ${tokens} prompt tokens`;
  },
  store: (state, review) => ({ ...state, review }),
});
