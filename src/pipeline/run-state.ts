import type { ExecutionOutput } from './execution/execution-output.ts';
import type { TaskGraph } from './task-graph.ts';

/** What the stages of a run have produced so far; each stage reads what it needs. */
export interface RunState {
  /** Constraints distilled from learned lessons (memory retrieval). */
  constraints?: string[];
  taskGraph?: TaskGraph;
  execution?: ExecutionOutput;
}
