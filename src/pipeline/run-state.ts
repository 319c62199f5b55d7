import type { MemoryRetrieval } from '../memory/index.ts';
import type { AcceptanceOutput } from './acceptance/acceptance-output.ts';
import type { ReviewOutput } from '../review/index.ts';
import type { ExecutionOutput } from './execution/execution-output.ts';
import type { RunDeployment } from './stages/deployment.ts';
import type { ConflictResolutionOutput } from './resolution/conflict-resolution-output.ts';
import type { MacroRecording } from './stages/macro-recording.ts';
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
  /** Debates, remediation, the findings left for the report, and the final quality gates. */
  conflictResolution?: ConflictResolutionOutput;
  /** Each product acceptance criterion's verdict on the merged product, held-out ones marked. */
  acceptance?: AcceptanceOutput;
  securityAudit?: RunAudit;
  deployment?: RunDeployment;
  /** The run's macro: where it was saved and the tree hash of the product it records. */
  macro?: MacroRecording;
}
