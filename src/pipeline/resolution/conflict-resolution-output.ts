import { z } from 'zod';
import { debateRecordSchema } from '../../mediation/index.ts';
import { reviewFindingSchema } from '../../review/index.ts';
import { taskResultSchema } from '../execution/task-result.ts';
import { gateResultSchema } from '../quality/quality-gates.ts';
import { taskSchema } from '../task-graph.ts';

/** A lesson an EVOLVE decision replaced, and the lesson that replaced it. */
export const lessonEvolutionSchema = z.object({
  findingId: z.string(),
  oldLessonId: z.string(),
  newLessonId: z.string(),
});
export type LessonEvolution = z.infer<typeof lessonEvolutionSchema>;

/** One piece of remediation work: the task given to a sub-agent, why, and how it ended. */
export const remediationSchema = z.object({
  /**
   * `review`: findings (triage or a REMEDIATE decision); `gates`: a failing quality gate;
   * `acceptance`: acceptance criteria the merged product did not meet.
   */
  kind: z.enum(['review', 'gates', 'acceptance']),
  round: z.number().int().positive(),
  task: taskSchema,
  /** The files it was allowed to change (tests may always change); empty means unrestricted. */
  scope: z.array(z.string()),
  /** The findings (review) or acceptance criteria (acceptance) it addresses; empty for gates. */
  findingIds: z.array(z.string()),
  gate: gateResultSchema.shape.gate.nullable(),
  result: taskResultSchema,
});
export type Remediation = z.infer<typeof remediationSchema>;

/** Stage 5's output: what was debated, decided and fixed, what remains, and the final gates. */
export const conflictResolutionSchema = z.object({
  debates: z.array(debateRecordSchema),
  evolutions: z.array(lessonEvolutionSchema),
  remediations: z.array(remediationSchema),
  /** Remediation rounds after the review, each followed by a re-review. */
  reviewRounds: z.number().int().nonnegative(),
  /** Remediation rounds after failing quality gates, each followed by a new measurement. */
  gateRounds: z.number().int().nonnegative(),
  /**
   * Findings still standing after the last review: those below triage go to the report; any
   * critical or high one here is one remediation did not clear within the rounds allowed.
   */
  remainingFindings: z.array(reviewFindingSchema),
  /** The quality gates as last measured on main. */
  gates: z.object({ passed: z.boolean(), table: z.array(gateResultSchema) }),
});
export type ConflictResolutionOutput = z.infer<typeof conflictResolutionSchema>;
