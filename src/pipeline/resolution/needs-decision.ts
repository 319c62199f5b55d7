import { LokiError } from '../../core/index.ts';
import type { Escalation } from './memory-conflicts.ts';

/** The code of the pause a run takes when a memory conflict needs a person's decision. */
export const needsDecisionCode = 'run.needs-decision';

/**
 * The run pauses (status `needs_decision`): the mediator escalated these conflicts. The message
 * names each finding, the lesson, why it was escalated, and the command that decides it.
 */
export function needsDecision(runId: string, escalated: readonly Escalation[]): LokiError {
  const items = escalated.map(
    ({ finding, lesson, debate }) =>
      `- ${finding.id}: ${finding.title} (${finding.file}:${finding.line}) contradicts the lesson [${lesson.id}] "${lesson.content}". The mediator escalated: ${debate.decision.justification}`,
  );
  return new LokiError({
    code: needsDecisionCode,
    category: 'work-failed',
    message: [
      `run ${runId} needs a person's decision on ${escalated.length} memory conflict${escalated.length === 1 ? '' : 's'}:`,
      ...items,
      `Decide with: loki decide ${runId} <finding> remediate   (the code must keep the lesson)`,
      `         or: loki decide ${runId} <finding> evolve --lesson "the lesson as it should read"`,
      'The run then continues from where it paused.',
    ].join('\n'),
    details: {
      runId,
      findings: escalated.map(({ finding, lesson }) => ({
        findingId: finding.id,
        lessonId: lesson.id,
        file: finding.file,
        line: finding.line,
      })),
    },
  });
}
