import { z } from 'zod';
import {
  defaultWindowSize,
  findLessonsFor,
  memoryConstraintSchema,
  memoryRetrievalSchema,
  selectLessonWindow,
  type MemoryConstraint,
  type MemoryRetrieval,
  type MemoryStore,
  type LessonCandidate,
  type WindowLesson,
} from '../../memory/index.ts';
import { generateObject, type ModelGateway } from '../../model/index.ts';
import { lessonFitsStack, stackIdOf, stackTag, type Stack } from '../../stacks/index.ts';
import type { Prd } from '../prd.ts';
import { runStackOf } from '../run-stack.ts';
import type { RunContext } from '../run-context.ts';
import { defineStage, type Stage } from '../stage.ts';

/** The most constraints a distillation may give: a planner's context holds a few rules well. */
const maxConstraints = 12;
/** Lesson text shown to the distiller, per lesson; longer lessons are cut. */
const maxLessonChars = 2_000;

const distillationSchema = z.strictObject({
  constraints: z.array(memoryConstraintSchema).max(maxConstraints),
});

const distillerInstructions = `You are the memory distiller of Loki, an autonomous software-development system.
Lessons learned in earlier builds were found relevant to a new product requirements document
(PRD). Turn them into the few constraints that must hold for this build.

Rules:
- Each constraint is one concrete, checkable rule for the engineers of this build, in the
  imperative ("Validate every request body with a schema before it reaches a handler").
- lessonIds lists the id of every lesson a constraint comes from; cite only ids shown below.
- Every lesson marked CRITICAL that applies to this PRD must be covered by a constraint.
- Leave out lessons that do not apply to this PRD, and merge lessons that say the same thing.
- Do not add rules that no lesson supports. If no lesson applies, reply with no constraints.
- At most ${maxConstraints} constraints; fewer is better.`;

/** What retrieval needs of a run: its PRD, the model gateway and the memory store. */
export interface MemoryRetrievalContext {
  prd: Pick<Prd, 'title' | 'text'>;
  gateway: ModelGateway;
  memory: MemoryStore;
  /** The stack the build uses, when known: its lessons are found, other stacks' left out. */
  stack?: Stack | null;
}

export interface MemoryRetrievalOptions {
  /** Lessons in the window (default 20). */
  windowSize?: number;
}

/**
 * Stage 1: finds the lessons relevant to the PRD, keeps the priority window (critical first,
 * then the most recent; superseded ones never), and has the planner model distill them into
 * constraints, each citing lessons of the window; a reply citing any other id is sent back.
 * An empty window makes no model call.
 */
export async function retrieveMemory(
  context: MemoryRetrievalContext,
  options: MemoryRetrievalOptions = {},
): Promise<MemoryRetrieval> {
  const candidates = await stackCandidates(
    context,
    await findLessonsFor(context.memory, context.prd),
  );
  const lessons = selectLessonWindow(candidates, options.windowSize ?? defaultWindowSize);
  if (lessons.length === 0) return { lessons, constraints: [] };
  const windowIds = new Set(lessons.map((lesson) => lesson.id));
  const { object } = await generateObject(
    context.gateway,
    {
      role: 'planner',
      stage: 'memory-retrieval',
      agent: 'distiller',
      system: distillerInstructions,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: `The PRD:\n\n${context.prd.text}\n\nLessons from earlier builds:\n${lessons.map(describeLesson).join('\n')}`,
            },
          ],
        },
      ],
    },
    {
      schema: distillationSchema,
      name: 'memory_constraints',
      validate: (reply) => citationProblems(reply.constraints, windowIds),
      maxRepairs: 2,
    },
  );
  const constraints = object.constraints.map((constraint) => ({
    text: constraint.text,
    lessonIds: [...new Set(constraint.lessonIds)],
  }));
  return { lessons, constraints };
}

/** Lessons tagged with the build's stack weigh like a hit of one more query. */
const stackTagRelevance = 1 / 61;

/**
 * With a stack chosen: lessons tagged for another stack are left out, and lessons tagged for
 * this stack (or its language) join the candidates even when the PRD's words did not find
 * them, since they are about the very tools this build uses.
 */
async function stackCandidates(
  context: MemoryRetrievalContext,
  found: LessonCandidate[],
): Promise<LessonCandidate[]> {
  const stack = context.stack;
  if (!stack) return found;
  const tags = [...new Set([stackTag(stackIdOf(stack)), stackTag(stack.name)])];
  const tagged = await Promise.all(
    tags.map((tag) =>
      context.memory.list({ type: ['learned_lesson', 'feedback'], tags: [tag], limit: 50 }),
    ),
  );
  const byId = new Map(found.map((candidate) => [candidate.item.id, { ...candidate }]));
  for (const item of tagged.flat()) {
    const candidate = byId.get(item.id) ?? { item, relevance: 0 };
    candidate.relevance += stackTagRelevance;
    byId.set(item.id, candidate);
  }
  return [...byId.values()]
    .filter((candidate) => lessonFitsStack(candidate.item.tags, stack))
    .sort((a, b) => b.relevance - a.relevance);
}

/** Each citation of an id outside the window, as a sentence the model can act on. */
function citationProblems(constraints: MemoryConstraint[], windowIds: Set<string>): string[] {
  const known = [...windowIds].join(', ');
  return constraints.flatMap((constraint, index) =>
    constraint.lessonIds
      .filter((id) => !windowIds.has(id))
      .map(
        (id) =>
          `constraints.${index}.lessonIds cites "${id}", which is not one of the lessons shown; cite only these ids: ${known}`,
      ),
  );
}

function describeLesson(lesson: WindowLesson): string {
  const marks = [
    lesson.critical ? 'CRITICAL' : '',
    lesson.type === 'feedback' ? 'user feedback' : '',
  ]
    .concat(lesson.tags.length > 0 ? [`tags: ${lesson.tags.join(', ')}`] : [])
    .filter(Boolean);
  const text =
    lesson.content.length > maxLessonChars
      ? `${lesson.content.slice(0, maxLessonChars)} […]`
      : lesson.content;
  return `- [${lesson.id}]${marks.length > 0 ? ` (${marks.join('; ')})` : ''} ${text}`;
}

export interface MemoryRetrievalStageOptions extends MemoryRetrievalOptions {
  /** The run's memory store. */
  memoryOf(context: RunContext): MemoryStore;
}

/** The memory-retrieval stage; its output goes to `state.memory`. */
export function createMemoryRetrievalStage(
  options: MemoryRetrievalStageOptions,
): Stage<MemoryRetrieval> {
  return defineStage<MemoryRetrieval>({
    name: 'memory-retrieval',
    title: 'Memory retrieval',
    outputSchema: memoryRetrievalSchema,
    run: async (context) =>
      retrieveMemory(
        {
          prd: context.prd,
          gateway: context.gateway,
          memory: options.memoryOf(context),
          stack: (await runStackOf(context))?.stack ?? null,
        },
        options,
      ),
    summarize: ({ lessons, constraints }) => {
      if (lessons.length === 0) return 'no earlier lessons apply';
      const critical = lessons.filter((lesson) => lesson.critical).length;
      return `${lessons.length} lessons (${critical} critical) distilled into ${constraints.length} constraints`;
    },
    store: (state, memory) => ({ ...state, memory }),
  });
}
