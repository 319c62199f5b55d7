import { z } from 'zod';
import { memoryItemSchema, type MemoryItem } from './memory-item.ts';

/** How many lessons a window holds unless configured otherwise. */
export const defaultWindowSize = 20;

/** A lesson found for a build, with how relevant the search found it (higher is better). */
export interface LessonCandidate {
  item: MemoryItem;
  relevance: number;
}

/** A lesson in the window, marked when it is critical. */
export const windowLessonSchema = memoryItemSchema.extend({ critical: z.boolean() });
export type WindowLesson = z.infer<typeof windowLessonSchema>;

/**
 * Whether a lesson must never be crowded out: severity `critical`, the tag `critical`, or the
 * word CRITICAL written in capitals in its content (lowercase "critical path" is just prose).
 */
export function isCritical(item: Pick<MemoryItem, 'severity' | 'tags' | 'content'>): boolean {
  return (
    item.severity === 'critical' ||
    item.tags.includes('critical') ||
    /\bCRITICAL\b/.test(item.content)
  );
}

/**
 * The priority window: at most `windowSize` lessons, superseded ones dropped. Critical lessons
 * come first, the most relevant first, and may fill the whole window; the room left goes to
 * the other lessons, the most recently updated first (relevance breaks ties). A candidate is
 * only here because the search found it relevant to the build, so recency orders lessons that
 * already apply; it never lets an unrelated lesson in.
 */
export function selectLessonWindow(
  candidates: readonly LessonCandidate[],
  windowSize = defaultWindowSize,
): WindowLesson[] {
  const current = uniqueById(candidates).filter(
    (candidate) => candidate.item.supersededBy === null,
  );
  const critical = current
    .filter((candidate) => isCritical(candidate.item))
    .sort((a, b) => b.relevance - a.relevance || b.item.updatedAt - a.item.updatedAt)
    .slice(0, windowSize);
  const others = current
    .filter((candidate) => !isCritical(candidate.item))
    .sort((a, b) => b.item.updatedAt - a.item.updatedAt || b.relevance - a.relevance)
    .slice(0, Math.max(0, windowSize - critical.length));
  return [
    ...critical.map(({ item }) => ({ ...item, critical: true })),
    ...others.map(({ item }) => ({ ...item, critical: false })),
  ];
}

/** The first (most relevant) candidate of each id. */
function uniqueById(candidates: readonly LessonCandidate[]): LessonCandidate[] {
  const byId = new Map<string, LessonCandidate>();
  for (const candidate of candidates) {
    const seen = byId.get(candidate.item.id);
    if (!seen || candidate.relevance > seen.relevance) byId.set(candidate.item.id, candidate);
  }
  return [...byId.values()];
}
