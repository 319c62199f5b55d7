import { z } from 'zod';
import { defineStage, type Stage } from './stage.ts';
import { decompositionStage } from './stages/decomposition.ts';
import { executionStage } from './stages/execution.ts';
import { reviewStage } from './stages/review.ts';
import { securityAuditStage } from './stages/security-audit.ts';
import { createMemoryRetrievalStage } from './stages/memory-retrieval.ts';

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

/** The eight stages of a run, in order. */
export const pipelineStages: readonly Stage<unknown>[] = [
  memoryRetrievalStage,
  decompositionStage,
  executionStage,
  reviewStage,
  notBuiltYet('conflict-resolution', 'Conflict resolution'),
  securityAuditStage,
  notBuiltYet('deployment', 'Deployment'),
  notBuiltYet('macro-recording', 'Macro recording'),
];

/** The stages of `loki plan`: the task graph only. */
export const planStages: readonly Stage<unknown>[] = [memoryRetrievalStage, decompositionStage];
