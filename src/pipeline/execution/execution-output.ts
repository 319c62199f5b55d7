import { z } from 'zod';
import { errorInfoSchema } from '../../events/index.ts';
import { taskResultSchema } from './task-result.ts';

/** What parallel execution produced: every task's result, and main after the merges. */
export const executionOutputSchema = z.object({
  tasks: z.array(taskResultSchema),
  head: z.string(),
  /** Lines of code on main after the last merge. */
  lines: z.number(),
  /**
   * Why execution stopped before every task ran (the size limit), so later stages work on a
   * partial product and the run stops, resumable, before deployment; null when complete.
   */
  stoppedBy: errorInfoSchema.nullable(),
});
export type ExecutionOutput = z.infer<typeof executionOutputSchema>;
