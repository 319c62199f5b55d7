import { z } from 'zod';
import { taskResultSchema } from './task-result.ts';

/** What parallel execution produced: every task's result, and main after the merges. */
export const executionOutputSchema = z.object({
  tasks: z.array(taskResultSchema),
  head: z.string(),
});
export type ExecutionOutput = z.infer<typeof executionOutputSchema>;
