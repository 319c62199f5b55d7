import { access } from 'node:fs/promises';
import { LokiError } from '../../core/index.ts';
import type { MemoryRetrieval } from '../../memory/index.ts';
import {
  atOrAbove,
  reviewOutputSchema,
  reviewProduct,
  type ReviewLesson,
  type ReviewOutput,
  type ReviewSeverity,
} from '../../review/index.ts';
import type { RunContext } from '../run-context.ts';
import type { RunState } from '../run-state.ts';
import { defineStage } from '../stage.ts';

/** Findings at or above this level fail the review's gate: triage makes them remediation work. */
export const reviewFailLevel: ReviewSeverity = 'high';

/** The lessons memory retrieved for this build, as plain data for the reviewers. */
export function lessonsOf(memory: MemoryRetrieval | undefined): ReviewLesson[] {
  return (memory?.lessons ?? []).map(({ id, content, tags }) => ({ id, content, tags }));
}

/**
 * Stage 4: the security, performance and architecture reviewers on the product, in parallel,
 * with the lessons memory retrieved. Every finding is raised as an event (and so journaled);
 * the review is the stage's checkpointed output, for conflict resolution and triage. A
 * product with no directory yet has nothing to review, which the run is told.
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
    signal: context.signal,
    clock: context.clock,
  });
  for (const finding of review.findings) {
    context.events.emit({
      type: 'finding-raised',
      stage,
      source: finding.reviewer,
      severity: finding.severity,
      file: finding.file,
      line: finding.line,
      title: finding.title,
      blocking: atOrAbove(finding.severity, reviewFailLevel),
      lessonId: finding.lessonId ?? null,
    });
  }
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
