export {
  memoryTypes,
  memoryTypeSchema,
  severities,
  severitySchema,
  memoryItemSchema,
  newMemoryItemSchema,
  maxContentLength,
  type MemoryItem,
  type MemoryType,
  type NewMemoryItem,
  type Severity,
} from './memory-item.ts';
export type {
  MemoryStore,
  MemoryStoreDependencies,
  MemoryFilter,
  SearchOptions,
  ListOptions,
  SearchHit,
  WriteResult,
  WrittenId,
  SupersedeResult,
} from './memory-store.ts';
export { normaliseContent } from './merge-duplicate.ts';
export { searchTermsOf } from './search-terms.ts';
export { SqliteMemoryStore } from './sqlite-memory-store.ts';
export { PostgresMemoryStore } from './postgres-memory-store.ts';
export {
  resolveMemoryLocation,
  openMemoryStore,
  type MemoryLocation,
  type MemoryLocationInput,
} from './open-memory-store.ts';
export {
  defaultWindowSize,
  isCritical,
  selectLessonWindow,
  windowLessonSchema,
  type LessonCandidate,
  type WindowLesson,
} from './lesson-window.ts';
export {
  findLessonsFor,
  lessonQueriesFor,
  keyTermsOf,
  type FindLessonsOptions,
  type LessonSearchSubject,
} from './find-lessons.ts';
export {
  recordFailureFixed,
  recordRemediationOutcome,
  recordEvolution,
  type FailureFixed,
  type RemediationOutcome,
  type Evolution,
} from './record-lessons.ts';
export { recordFeedback, checkRating, type Feedback } from './record-feedback.ts';
export {
  memoryConstraintSchema,
  memoryRetrievalSchema,
  memoryPromptSection,
  agentConstraintsOf,
  type MemoryConstraint,
  type MemoryRetrieval,
} from './memory-retrieval-result.ts';
export {
  parseMemoryJsonl,
  memoryJsonlLine,
  type ImportLine,
  type BadLine,
} from './memory-jsonl.ts';
export { importMemoryLines, type ImportResult } from './import-memory.ts';
