import { z } from 'zod';
import { defineStage, type Stage } from './stage.ts';
import { decompositionStage } from './stages/decomposition.ts';
import { createDeploymentStage } from './stages/deployment.ts';
import { executionStage } from './stages/execution.ts';
import { securityAuditStage } from './stages/security-audit.ts';
import { macroRecordingStage } from './stages/macro-recording.ts';
import { createMemoryRetrievalStage } from './stages/memory-retrieval.ts';
import { createConflictResolutionStage } from './stages/conflict-resolution.ts';
import { LokiError } from '../core/index.ts';
import type { ReviewFinding } from '../review/index.ts';

/** A stage of the mission that is not built yet: listed in every run summary as such. */
function notBuiltYet(name: string, title: string): Stage<never> {
  return defineStage<never>({
    name,
    title,
    outputSchema: z.never(),
    summarize: () => '',
    store: (state) => state,
  });
}

const memoryRetrievalStage = createMemoryRetrievalStage({ memoryOf: (context) => context.memory });

// The review stage is built beside this one: its findings are read where it stores them in the
// run state, and re-reviewing needs its reviewers (wired when both are merged).
const conflictResolutionStage = createConflictResolutionStage({
  findingsOf: (state) =>
    (state as { review?: { findings?: ReviewFinding[] } }).review?.findings ?? [],
  review: () =>
    Promise.reject(
      new LokiError({
        code: 'review.not-wired',
        category: 'internal',
        message: 'the reviewers are not wired into conflict resolution, so it cannot review again',
      }),
    ),
});

/** The eight stages of a run, in order. */
export const pipelineStages: readonly Stage<unknown>[] = [
  memoryRetrievalStage,
  decompositionStage,
  executionStage,
  notBuiltYet('review', 'Parallel review'),
  conflictResolutionStage,
  securityAuditStage,
  createDeploymentStage(),
  macroRecordingStage,
];

/** The stages of `loki plan`: the task graph only. */
export const planStages: readonly Stage<unknown>[] = [memoryRetrievalStage, decompositionStage];
