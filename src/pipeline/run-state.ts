import type { MemoryRetrieval } from '../memory/index.ts';
import type { ReviewOutput } from '../review/index.ts';
import type { ExecutionOutput } from './execution/execution-output.ts';
import type { RunAudit } from './stages/security-audit.ts';
import type { TaskGraph } from './task-graph.ts';

/** What the stages of a run have produced so far; each stage reads what it needs. */
export interface RunState {
  /** The lessons that apply, and the constraints distilled from them. */
  memory?: MemoryRetrieval;
  taskGraph?: TaskGraph;
  execution?: ExecutionOutput;
  /** The findings of the three reviewers. */
  review?: ReviewOutput;
  securityAudit?: RunAudit;
}
