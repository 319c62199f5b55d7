import type { LessonCandidate } from './lesson-window.ts';
import type { MemoryType } from './memory-item.ts';
import type { MemoryStore } from './memory-store.ts';
import { isStopWord, searchTermsOf } from './search-terms.ts';

/** The parts of a PRD that lessons are searched by. */
export interface LessonSearchSubject {
  title: string;
  text: string;
}

export interface FindLessonsOptions {
  /** The kinds of memory a build learns from (default: lessons and people's feedback). */
  types?: readonly MemoryType[];
  /** Hits taken from each query (default 50). */
  hitsPerQuery?: number;
}

/** How many of a PRD's most frequent words make its key-terms query. */
const keyTermCount = 24;

/**
 * The searches that find lessons for a PRD: its title (what the product is), its headings
 * (the features and constraints it names), and its key terms (its most frequent meaningful
 * words). Each is a separate query so that a short, exact title is not drowned by a long text.
 */
export function lessonQueriesFor(subject: LessonSearchSubject): string[] {
  const headings = subject.text
    .split('\n')
    .filter((line) => /^\s{0,3}#{1,6}\s/.test(line))
    .map((line) => line.replace(/^\s*#+\s*/, ''))
    .join(' ');
  const queries = [subject.title, headings, keyTermsOf(subject.text).join(' ')];
  const seen = new Set<string>();
  return queries.filter((query) => {
    const terms = searchTermsOf(query).join(' ');
    if (terms === '' || seen.has(terms)) return false;
    seen.add(terms);
    return true;
  });
}

/** A text's most frequent words of three letters or more, stop words left out. */
export function keyTermsOf(text: string, count = keyTermCount): string[] {
  const frequency = new Map<string, number>();
  for (const word of text
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []) {
    if (word.length < 3 || word.length > 40 || isStopWord(word) || /^\d+$/.test(word)) continue;
    frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  // Sorting is stable, so equally frequent words keep the order they first appear in.
  return [...frequency.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([word]) => word);
}

/**
 * Lessons relevant to a PRD: the hits of every query, fused by reciprocal rank (each query
 * adds 1 / (60 + rank) for each item it found), so a lesson found by several queries ranks
 * higher, and scores from different stores or queries never need comparing. Superseded
 * lessons are left out.
 */
export async function findLessonsFor(
  memory: MemoryStore,
  subject: LessonSearchSubject,
  options: FindLessonsOptions = {},
): Promise<LessonCandidate[]> {
  const type = options.types ?? ['learned_lesson', 'feedback'];
  const limit = options.hitsPerQuery ?? 50;
  const fused = new Map<string, LessonCandidate>();
  for (const query of lessonQueriesFor(subject)) {
    const hits = await memory.search(query, { type, limit });
    hits.forEach((hit, index) => {
      if (hit.item.supersededBy !== null) return;
      const candidate = fused.get(hit.item.id) ?? { item: hit.item, relevance: 0 };
      candidate.relevance += 1 / (60 + index + 1);
      fused.set(hit.item.id, candidate);
    });
  }
  return [...fused.values()].sort((a, b) => b.relevance - a.relevance);
}
