import { LokiError } from '../core/index.ts';
import { memoryNotFound } from './memory-errors.ts';
import type { MemoryItem, Severity } from './memory-item.ts';
import type { MemoryStore, SupersedeResult, WriteResult } from './memory-store.ts';
import { normaliseContent } from './merge-duplicate.ts';

/** What every lesson written from a run carries. */
interface LessonSource {
  /** The run the lesson was learned in. */
  sourceRun: string;
  tags?: readonly string[];
  severity?: Severity;
}

export interface FailureFixed extends LessonSource {
  /** What broke, as it was seen: a failing command, an error, a test. */
  failure: string;
  /** What fixed it. */
  fix: string;
  /** Where it happened (a task, a stage, a command), if that helps the next run. */
  where?: string;
}

/**
 * Writes the lesson of a failure that was fixed: what broke and what fixed it. Learned again
 * in a later run, it merges into the same lesson (seen once more) instead of piling up.
 */
export function recordFailureFixed(memory: MemoryStore, input: FailureFixed): Promise<WriteResult> {
  const where = input.where ? ` (${input.where.trim()})` : '';
  return memory.write({
    type: 'learned_lesson',
    content: `${input.failure.trim()}${where} — fixed by: ${input.fix.trim()}`,
    tags: ['failure-fixed', ...(input.tags ?? [])],
    severity: input.severity ?? 'warning',
    sourceRun: input.sourceRun,
  });
}

export interface RemediationOutcome extends LessonSource {
  /** The lesson the code was found to break. */
  lessonId: string;
  /** The finding that said so, in a sentence. */
  finding: string;
  /** Whether the remediation made the code keep the lesson (the re-review passed). */
  succeeded: boolean;
  /** What was changed, or why it did not work. */
  detail: string;
}

/**
 * Records how a REMEDIATE decision ended. The lesson that was broken is written again, which
 * merges into it: seen once more and now recent, it stays near the front of later windows.
 * A new lesson records what broke it and what fixed it (or that the fix failed), with the
 * broken lesson's severity and tags, so a broken critical lesson teaches a critical one.
 */
export async function recordRemediationOutcome(
  memory: MemoryStore,
  input: RemediationOutcome,
): Promise<{ lesson: MemoryItem; outcome: WriteResult }> {
  const lesson = await memory.get(input.lessonId);
  if (lesson === undefined) throw memoryNotFound(input.lessonId, memory.location);
  const reinforced = await memory.write({
    type: lesson.type,
    key: lesson.key,
    content: lesson.content,
    tags: lesson.tags,
    severity: lesson.severity,
    sourceRun: input.sourceRun,
  });
  const content = input.succeeded
    ? `Code broke the lesson "${lesson.content}" (${input.finding.trim()}); what made it hold: ${input.detail.trim()}`
    : `Remediation failed for the lesson "${lesson.content}" (${input.finding.trim()}): ${input.detail.trim()}`;
  const outcome = await memory.write({
    type: 'learned_lesson',
    content,
    tags: [
      'remediation',
      input.succeeded ? 'remediated' : 'remediation-failed',
      ...lesson.tags,
      ...(input.tags ?? []),
    ],
    severity: input.severity ?? lesson.severity,
    sourceRun: input.sourceRun,
  });
  return { lesson: reinforced.item, outcome };
}

export interface Evolution extends LessonSource {
  /** The lesson an EVOLVE decision replaces. */
  oldLessonId: string;
  /** The lesson as it holds now. */
  content: string;
  /** Why it changed, kept with the new lesson so the next run knows. */
  justification?: string;
  key?: string;
}

/**
 * Records an EVOLVE decision: writes the new lesson (with the old one's tags and severity
 * unless given) and supersedes the old one with it, linked both ways. Throws
 * `memory.evolution-unchanged` when the new content says the same as the old.
 */
export async function recordEvolution(
  memory: MemoryStore,
  input: Evolution,
): Promise<SupersedeResult> {
  const old = await memory.get(input.oldLessonId);
  if (old === undefined) throw memoryNotFound(input.oldLessonId, memory.location);
  if (normaliseContent(old.content) === normaliseContent(input.content)) {
    throw new LokiError({
      code: 'memory.evolution-unchanged',
      category: 'bad-input',
      message: `the evolved lesson says the same as "${old.id}"; an EVOLVE decision must change what it says`,
      details: { oldLessonId: old.id },
    });
  }
  const why = input.justification?.trim() ? ` (why it changed: ${input.justification.trim()})` : '';
  const { item } = await memory.write({
    type: old.type,
    key: input.key ?? null,
    content: `${input.content.trim()}${why}`,
    tags: input.tags ? [...input.tags] : old.tags,
    severity: input.severity ?? old.severity,
    sourceRun: input.sourceRun,
  });
  return memory.supersede(old.id, item.id);
}
