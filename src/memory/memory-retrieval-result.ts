import { z } from 'zod';
import { windowLessonSchema } from './lesson-window.ts';

/** One rule that must hold for a build, with the ids of the lessons it was distilled from. */
export const memoryConstraintSchema = z.strictObject({
  text: z.string().trim().min(1),
  lessonIds: z.array(z.string()).min(1),
});
export type MemoryConstraint = z.infer<typeof memoryConstraintSchema>;

/**
 * What memory tells one build: the lesson window and the constraints distilled from it. The
 * output of the memory-retrieval stage, checkpointed in the journal and handed to
 * decomposition, sub-agents and reviewers.
 */
export const memoryRetrievalSchema = z.strictObject({
  lessons: z.array(windowLessonSchema),
  constraints: z.array(memoryConstraintSchema),
});
export type MemoryRetrieval = z.infer<typeof memoryRetrievalSchema>;

/**
 * The memory section of a prompt for the planner, sub-agents and reviewers: the constraints,
 * and the critical lessons no constraint cites (so none is lost to a distillation). Empty
 * when memory holds nothing for this build.
 */
export function memoryPromptSection(retrieval: MemoryRetrieval | undefined): string {
  if (!retrieval) return '';
  const cited = new Set(retrieval.constraints.flatMap((constraint) => constraint.lessonIds));
  const uncitedCritical = retrieval.lessons.filter(
    (lesson) => lesson.critical && !cited.has(lesson.id),
  );
  const parts: string[] = [];
  if (retrieval.constraints.length > 0) {
    parts.push(
      'Constraints learned from earlier builds; each must hold in this one:',
      ...retrieval.constraints.map(
        (constraint, index) =>
          `${index + 1}. ${constraint.text} (from ${constraint.lessonIds.join(', ')})`,
      ),
    );
  }
  if (uncitedCritical.length > 0) {
    parts.push('Critical lessons from earlier builds; never break them:');
    parts.push(...uncitedCritical.map((lesson) => `- [${lesson.id}] ${lesson.content}`));
  }
  return parts.join('\n');
}

/**
 * The rules a sub-agent is given, one line each: the distilled constraints, then every
 * critical lesson no constraint cites, so a distillation that misses one loses nothing.
 */
export function agentConstraintsOf(retrieval: MemoryRetrieval | undefined): string[] {
  if (!retrieval) return [];
  const cited = new Set(retrieval.constraints.flatMap((constraint) => constraint.lessonIds));
  return [
    ...retrieval.constraints.map((constraint) => constraint.text),
    ...retrieval.lessons
      .filter((lesson) => lesson.critical && !cited.has(lesson.id))
      .map((lesson) => `CRITICAL lesson ${lesson.id}: ${lesson.content}`),
  ];
}
