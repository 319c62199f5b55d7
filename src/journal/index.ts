// The journal's public surface: what other modules may import from `src/journal/`.
export { Journal } from './journal.ts';
export {
  runStatuses,
  type RunStatus,
  type RunRecord,
  type NewRun,
  type RunPatch,
  type ListRunsOptions,
} from './run-records.ts';
export { type NewEvent, type JournalEvent, type ListEventsOptions } from './event-records.ts';
export { type NewCheckpoint, type Checkpoint } from './checkpoint-records.ts';
export { type ModelCallRecordInput, type ModelCallRecord } from './model-call-records.ts';
export { type Usage, type UsageTotals } from './usage-totals.ts';
export { taskStates, type TaskState, type TaskRecord } from './task-records.ts';
export { journalSchemaVersion } from './schema.ts';
export { busyTimeoutMs } from './busy-timeout.ts';
