import type { z } from 'zod';
import type { RunContext } from './run-context.ts';
import type { RunState } from './run-state.ts';

/**
 * One stage of the pipeline: a typed function from the run so far to its output, whose output
 * is checkpointed in the journal. A stage without `run` is not built yet, and a run says so.
 */
export interface Stage<Output> {
  name: string;
  title: string;
  /** Parses the checkpointed output back on resume. */
  outputSchema: z.ZodType<Output>;
  /**
   * Ships or records the whole product (deployment, macro): not run on a partial build (one
   * stopped by the size limit), where the run stops instead, resumable.
   */
  requiresCompleteBuild?: boolean;
  // Methods, not function properties: a list of stages of different outputs stays assignable.
  run?(context: RunContext, state: RunState): Promise<Output>;
  /** One line describing the output, for the terminal and the run summary. */
  summarize(output: Output): string;
  /** Where the output goes in the run state, for the stages after it. */
  store(state: RunState, output: Output): RunState;
}

/** Declares a stage, keeping its output type (a plain array of stages would lose it). */
export function defineStage<Output>(stage: Stage<Output>): Stage<Output> {
  return stage;
}
