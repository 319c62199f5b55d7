import { LokiError } from '../core/index.ts';
import type { MemoryStore, WriteResult } from './memory-store.ts';

export interface Feedback {
  runId: string;
  /** 1 (bad) to 5 (great). */
  rating: number;
  text: string;
}

/** Throws `memory.bad-rating` unless the rating is a whole number from 1 to 5. */
export function checkRating(rating: number): number {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new LokiError({
      code: 'memory.bad-rating',
      category: 'bad-input',
      message: `the rating must be a whole number from 1 (bad) to 5 (great), not ${String(rating)}`,
      details: { rating },
    });
  }
  return rating;
}

/**
 * Stores a person's feedback on a run as a `feedback` memory that later builds are searched
 * against. One feedback per run: giving it again replaces the text and rating (keyed
 * `feedback:<run>`). Low ratings (1–2) are warnings, so they rank like lessons that matter.
 * The rating is in the tags (`rating-4`, and `negative`, `neutral` or `positive`).
 */
export async function recordFeedback(
  memory: MemoryStore,
  feedback: Feedback,
): Promise<WriteResult> {
  const rating = checkRating(feedback.rating);
  const mood = rating <= 2 ? 'negative' : rating >= 4 ? 'positive' : 'neutral';
  return await memory.write({
    type: 'feedback',
    key: `feedback:${feedback.runId}`,
    content: feedback.text,
    // The key makes a second feedback on the run replace these tags, not join them.
    tags: ['feedback', `rating-${rating}`, mood],
    severity: rating <= 2 ? 'warning' : 'info',
    sourceRun: feedback.runId,
  });
}
