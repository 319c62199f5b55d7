import type { Stage } from './stage.ts';
import { decompositionStage } from './stages/decomposition.ts';
import { createDeploymentStage } from './stages/deployment.ts';
import { executionStage } from './stages/execution.ts';
import { reviewRun, reviewStage } from './stages/review.ts';
import { securityAuditStage } from './stages/security-audit.ts';
import { macroRecordingStage } from './stages/macro-recording.ts';
import { createMemoryRetrievalStage } from './stages/memory-retrieval.ts';
import { createConflictResolutionStage } from './stages/conflict-resolution.ts';
import { createAcceptanceStage } from './stages/acceptance.ts';

const memoryRetrievalStage = createMemoryRetrievalStage({ memoryOf: (context) => context.memory });

// After a remediation the same reviewers look again; their model calls are journaled apart.
const conflictResolutionStage = createConflictResolutionStage({
  findingsOf: (state) => state.review?.findings ?? [],
  review: async (context, state) =>
    (await reviewRun(context, state, { stage: 'conflict-resolution' })).findings,
});

/** The stages of a run, in order. */
export const pipelineStages: readonly Stage<unknown>[] = [
  memoryRetrievalStage,
  decompositionStage,
  executionStage,
  reviewStage,
  conflictResolutionStage,
  createAcceptanceStage(),
  securityAuditStage,
  createDeploymentStage(),
  macroRecordingStage,
];

/** The stages of `loki plan`: the task graph only. */
export const planStages: readonly Stage<unknown>[] = [memoryRetrievalStage, decompositionStage];
