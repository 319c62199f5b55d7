import { generateObject, type ModelGateway } from '../model/index.ts';
import {
  mediationDecisionSchema,
  type DebateRecord,
  type MemoryConflict,
} from './mediation-decision.ts';

const advocateInstructions = (side: string) => `You take part in a review debate in Loki, an
autonomous software-development system. A reviewer found code that contradicts a lesson learned
in an earlier build. You argue for ${side}: make the strongest honest case in at most 150 words,
with concrete consequences (bugs, security, cost, maintenance). Do not argue the other side.`;

const mediatorInstructions = `You are the mediator of a review debate in Loki, an autonomous
software-development system. Code contradicts a lesson learned in an earlier build. Two
advocates have argued. Decide:
- REMEDIATE: the lesson still holds here; the code must change (say what, in remediation).
- EVOLVE: the new code is right and the lesson is outdated or too broad; give the lesson as it
  should read from now on (evolvedLesson), precise about when it applies.
- ESCALATE: the trade-off needs a person (product or risk judgement you cannot make).
Weigh the arguments, not their length. Give a short justification.`;

function describeConflict(conflict: MemoryConflict): string {
  return [
    `Lesson [${conflict.lessonId}]: ${conflict.lessonText}`,
    `Finding: ${conflict.title} (${conflict.file}:${conflict.line})`,
    conflict.detail,
    `The code:\n${conflict.codeExcerpt}`,
  ].join('\n\n');
}

/**
 * The debate over one memory conflict: an advocate for the lesson, an advocate for the new
 * code, and a mediator who decides REMEDIATE, EVOLVE or ESCALATE with a justification
 * (structured output, validated; a decision missing its remediation or new lesson is re-asked).
 */
export async function debateConflict(
  gateway: ModelGateway,
  conflict: MemoryConflict,
): Promise<DebateRecord> {
  const facts = describeConflict(conflict);
  const argue = async (side: 'lesson' | 'code') => {
    const reply = await gateway.generate({
      role: 'mediator',
      stage: 'conflict-resolution',
      agent: `advocate-${side}:${conflict.findingId}`,
      system: advocateInstructions(
        side === 'lesson'
          ? 'the lesson: the code should change'
          : 'the new code: the lesson should evolve',
      ),
      messages: [{ role: 'user', content: [{ type: 'text', text: facts }] }],
    });
    return reply.text.trim();
  };
  const [lessonCase, codeCase] = await Promise.all([argue('lesson'), argue('code')]);
  const { object: decision } = await generateObject(
    gateway,
    {
      role: 'mediator',
      stage: 'conflict-resolution',
      agent: `mediator:${conflict.findingId}`,
      system: mediatorInstructions,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: `${facts}\n\nFor the lesson:\n${lessonCase}\n\nFor the new code:\n${codeCase}`,
            },
          ],
        },
      ],
    },
    { schema: mediationDecisionSchema, name: 'mediation_decision', maxRepairs: 2 },
  );
  return {
    findingId: conflict.findingId,
    lessonId: conflict.lessonId,
    lessonCase,
    codeCase,
    decision,
    decidedBy: 'mediator',
  };
}
