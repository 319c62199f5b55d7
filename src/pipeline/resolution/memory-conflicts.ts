import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  debateConflict,
  debateRecordSchema,
  type DebateRecord,
  type MemoryConflict,
} from '../../mediation/index.ts';
import { recordEvolution, type MemoryItem } from '../../memory/index.ts';
import type { ReviewFinding } from '../../review/index.ts';
import type { RunContext } from '../run-context.ts';
import { lessonEvolutionSchema, type LessonEvolution } from './conflict-resolution-output.ts';
import type { FindingToFix } from './remediation-tasks.ts';

/** Where the mediator's decision on a finding is kept: a resumed run never debates it twice. */
export const debateCheckpoint = (findingId: string) => `conflict-resolution:debate:${findingId}`;
/** Where a person's decision (`loki decide`) is kept; it overrides the mediator's. */
export const decisionCheckpoint = (findingId: string) =>
  `conflict-resolution:decision:${findingId}`;
const evolutionCheckpoint = (findingId: string) => `conflict-resolution:evolution:${findingId}`;

/** A conflict the mediator escalated and no person has decided yet. */
export interface Escalation {
  finding: ReviewFinding;
  lesson: MemoryItem;
  debate: DebateRecord;
}

export interface ConflictsOutcome {
  /** The decision that holds for each conflict debated (a person's over the mediator's). */
  debates: DebateRecord[];
  evolutions: LessonEvolution[];
  toRemediate: FindingToFix[];
  escalated: Escalation[];
  /** Conflicts naming a lesson memory no longer holds: triaged like any other finding. */
  withoutLesson: ReviewFinding[];
}

/**
 * Settles the memory conflicts among `findings`: each is debated once (advocates and mediator),
 * journaled, and its decision carried out — EVOLVE writes the new lesson superseding the old
 * one, REMEDIATE hands the finding to remediation, ESCALATE waits for a person.
 */
export async function settleMemoryConflicts(
  context: RunContext,
  findings: readonly ReviewFinding[],
): Promise<ConflictsOutcome> {
  const outcome: ConflictsOutcome = {
    debates: [],
    evolutions: [],
    toRemediate: [],
    escalated: [],
    withoutLesson: [],
  };
  const conflicts: { finding: ReviewFinding; lesson: MemoryItem }[] = [];
  for (const finding of findings) {
    if (!finding.lessonId) continue;
    const lesson = await context.memory.get(finding.lessonId);
    if (lesson) conflicts.push({ finding, lesson });
    else {
      context.events.emit({
        type: 'warning-raised',
        message: `finding ${finding.id} names lesson ${finding.lessonId}, which memory no longer holds; it is triaged like any other finding`,
      });
      outcome.withoutLesson.push(finding);
    }
  }
  const debates = await Promise.all(
    conflicts.map(({ finding, lesson }) => decisionOn(context, finding, lesson)),
  );
  for (const [index, { finding, lesson }] of conflicts.entries()) {
    const debate = debates[index]!;
    outcome.debates.push(debate);
    context.events.emit({
      type: 'debate-finished',
      findingId: finding.id,
      lessonId: lesson.id,
      decision: debate.decision.decision,
      decidedBy: debate.decidedBy,
      justification: debate.decision.justification,
    });
    const { decision } = debate;
    if (decision.decision === 'REMEDIATE') {
      const remediation = decision.remediation?.trim() || `Make the code keep the lesson.`;
      outcome.toRemediate.push({
        finding,
        lesson: { id: lesson.id, text: lesson.content, remediation },
      });
    } else if (decision.decision === 'EVOLVE') {
      outcome.evolutions.push(await evolve(context, finding, lesson, debate));
    } else {
      outcome.escalated.push({ finding, lesson, debate });
    }
  }
  return outcome;
}

async function decisionOn(
  context: RunContext,
  finding: ReviewFinding,
  lesson: MemoryItem,
): Promise<DebateRecord> {
  const person = readCheckpoint(context, decisionCheckpoint(finding.id));
  if (person) return person;
  const restored = readCheckpoint(context, debateCheckpoint(finding.id));
  if (restored) return restored;
  const debate = await debateConflict(context.gateway, await conflictOf(context, finding, lesson));
  context.journal.saveCheckpoint({
    runId: context.runId,
    stage: debateCheckpoint(finding.id),
    output: debate,
    at: context.clock.now(),
  });
  return debate;
}

function readCheckpoint(context: RunContext, key: string): DebateRecord | undefined {
  const checkpoint = context.journal.getCheckpoint(context.runId, key);
  return checkpoint ? debateRecordSchema.safeParse(checkpoint.output).data : undefined;
}

/**
 * Writes the evolved lesson and supersedes the old one with it, once: a lesson already
 * superseded (by this run before it was interrupted, or by another) keeps its successor.
 */
async function evolve(
  context: RunContext,
  finding: ReviewFinding,
  lesson: MemoryItem,
  debate: DebateRecord,
): Promise<LessonEvolution> {
  const key = evolutionCheckpoint(finding.id);
  const done = context.journal.getCheckpoint(context.runId, key);
  const restored = done ? lessonEvolutionSchema.safeParse(done.output).data : undefined;
  if (restored) return restored;
  const newLessonId =
    lesson.supersededBy ??
    (
      await recordEvolution(context.memory, {
        oldLessonId: lesson.id,
        content: debate.decision.evolvedLesson ?? '',
        justification: debate.decision.justification,
        sourceRun: context.runId,
      })
    ).successor.id;
  const evolution = { findingId: finding.id, oldLessonId: lesson.id, newLessonId };
  context.journal.saveCheckpoint({
    runId: context.runId,
    stage: key,
    output: evolution,
    at: context.clock.now(),
  });
  return evolution;
}

/** What the debaters are shown: the finding, the lesson and the code around the line. */
async function conflictOf(
  context: RunContext,
  finding: ReviewFinding,
  lesson: MemoryItem,
): Promise<MemoryConflict> {
  return {
    findingId: finding.id,
    lessonId: lesson.id,
    lessonText: lesson.content,
    title: finding.title,
    detail: finding.detail,
    file: finding.file,
    line: finding.line,
    codeExcerpt: await excerpt(join(context.outDir, finding.file), finding.line),
  };
}

/** Lines around `line` (the whole start of the file for a file-wide finding), numbered. */
async function excerpt(path: string, line: number): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return '(the file no longer exists)';
  const lines = text.split('\n');
  const from = line > 0 ? Math.max(1, line - 6) : 1;
  const to = line > 0 ? Math.min(lines.length, line + 6) : Math.min(lines.length, 40);
  return lines
    .slice(from - 1, to)
    .map((content, index) => `${String(from + index).padStart(4)}  ${content}`)
    .join('\n');
}
