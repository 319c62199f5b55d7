export {
  mediationDecisionSchema,
  mediationVerdicts,
  debateRecordSchema,
  type MediationDecision,
  type MemoryConflict,
  type DebateRecord,
} from './mediation-decision.ts';
export { debateConflict } from './debate-conflict.ts';
