import { z } from 'zod';

/** What the mediator may decide about code that contradicts a learned lesson. */
export const mediationVerdicts = ['REMEDIATE', 'EVOLVE', 'ESCALATE'] as const;

export const mediationDecisionSchema = z
  .object({
    decision: z.enum(mediationVerdicts),
    justification: z.string().min(1).describe('Why, weighing both advocates, in a few sentences'),
    remediation: z
      .string()
      .optional()
      .describe('REMEDIATE: what must change in the code so that it respects the lesson'),
    evolvedLesson: z
      .string()
      .optional()
      .describe('EVOLVE: the lesson as it should read from now on, replacing the old one'),
  })
  .refine((value) => value.decision !== 'REMEDIATE' || Boolean(value.remediation?.trim()), {
    message: 'a REMEDIATE decision says what must change (remediation)',
    path: ['remediation'],
  })
  .refine((value) => value.decision !== 'EVOLVE' || Boolean(value.evolvedLesson?.trim()), {
    message: 'an EVOLVE decision gives the lesson as it should read from now on (evolvedLesson)',
    path: ['evolvedLesson'],
  });
export type MediationDecision = z.infer<typeof mediationDecisionSchema>;

/** A memory conflict: a finding in the code that contradicts a lesson learned earlier. */
export interface MemoryConflict {
  findingId: string;
  lessonId: string;
  lessonText: string;
  title: string;
  detail: string;
  file: string;
  line: number;
  /** The code around the finding, as the reviewers saw it. */
  codeExcerpt: string;
}

/** A debate and its outcome, as journaled. */
export const debateRecordSchema = z.object({
  findingId: z.string(),
  lessonId: z.string(),
  lessonCase: z.string(),
  codeCase: z.string(),
  decision: mediationDecisionSchema,
  /** Who decided: the mediator model, or a person through `loki decide`. */
  decidedBy: z.enum(['mediator', 'person']),
});
export type DebateRecord = z.infer<typeof debateRecordSchema>;
