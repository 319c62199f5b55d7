import { z } from 'zod';
import { testCountsSchema } from '../../events/index.ts';

/** What became of one task: kept as the task's checkpoint, so a resumed run skips it. */
export const taskResultSchema = z.object({
  taskId: z.string(),
  status: z.enum(['done', 'failed', 'skipped']),
  /** Why it failed or was skipped; null when done. */
  reason: z.string().nullable(),
  /** The agent's own account of what it built. */
  summary: z.string(),
  /** The task's commit on its branch; null when nothing was committed. */
  commit: z.string().nullable(),
  /** main after the task was merged; null when it was not. */
  mergedAs: z.string().nullable(),
  filesChanged: z.array(z.string()),
  conflictedFiles: z.array(z.string()),
  tests: testCountsSchema.nullable(),
  /** Test rounds run by the orchestrator (failures sent back to the agent in between). */
  rounds: z.number(),
  steps: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
});
export type TaskResult = z.infer<typeof taskResultSchema>;

/** The result of a task that never ran because of another one. */
export function skippedResult(taskId: string, reason: string): TaskResult {
  return {
    taskId,
    status: 'skipped',
    reason,
    summary: '',
    commit: null,
    mergedAs: null,
    filesChanged: [],
    conflictedFiles: [],
    tests: null,
    rounds: 0,
    steps: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
  };
}
