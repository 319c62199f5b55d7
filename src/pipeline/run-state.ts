import type { TaskGraph } from './task-graph.ts';

/** What the stages of a run have produced so far; each stage reads what it needs. */
export interface RunState {
  taskGraph?: TaskGraph;
}
