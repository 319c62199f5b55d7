export { startRun, resumeRun, isAlive, type RunRequest } from './start-run.ts';
export type { RunOutcome } from './execute-run.ts';
export type { RunServices } from './run-services.ts';
export { parsePrd, prdTooLarge, maxPrdBytes, type Prd } from './prd.ts';
export {
  taskGraphSchema,
  taskSchema,
  findGraphProblems,
  topologicalOrder,
  taskRoles,
  type Task,
  type TaskGraph,
} from './task-graph.ts';
export { pipelineStages, planStages } from './pipeline-stages.ts';
export { productCriteriaOf, type ProductCriterion } from './acceptance/product-criteria.ts';
export { runSettingsSchema, type RunSettings } from './run-settings.ts';
export { runKinds, type RunKind } from './run-settings.ts';
export {
  runStandalone,
  type StandaloneRunOptions,
  type StandaloneOutcome,
} from './standalone-run.ts';
export { runQualityGates, type GateReport, type GateResult } from './quality/quality-gates.ts';
export {
  proofSchema,
  proofPathOf,
  verifyProof,
  type Proof,
  type ProofCheck,
  type ProofVerification,
} from './proof/index.ts';
export {
  recordPersonDecision,
  pendingDecisions,
  type PersonDecision,
  type PersonVerdict,
} from './resolution/record-decision.ts';
export { exportRunMacro, type ExportRunMacroOptions } from './macros/export-run-macro.ts';
export { replayMacro, type ReplayOutcome, type ReplayServices } from './macros/replay-macro.ts';
export { rememberMacro } from './macros/macro-memory.ts';
export { taskGraphLines } from './macros/macro-memory.ts';
export {
  computeRunStats,
  type RunStats,
  type RunStatsOptions,
  type RunAggregate,
  type RunTrend,
  type DayFigures,
} from './stats/run-stats.ts';
export {
  runFiguresOf,
  effectiveStatusOf,
  runKindOf,
  type RunFigures,
  type EffectiveStatus,
} from './stats/run-figures.ts';
export { recordedGatesOf, qualityScoreOf, type RecordedGate } from './stats/run-gates.ts';
export { reviewDirectory, type ReviewDirectoryOptions } from './standalone/review-directory.ts';
export { auditDirectory, type AuditDirectoryOptions } from './standalone/audit-directory.ts';
