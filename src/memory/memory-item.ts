import { z } from 'zod';

/** What a memory item is: a lesson learned from a run, a recorded run (macro), or a person's feedback. */
export const memoryTypes = ['learned_lesson', 'loki_macro', 'feedback'] as const;
export const memoryTypeSchema = z.enum(memoryTypes);
export type MemoryType = z.infer<typeof memoryTypeSchema>;

/** How much a memory matters, lowest first. A `critical` lesson is always put first in a window. */
export const severities = ['info', 'warning', 'critical'] as const;
export const severitySchema = z.enum(severities);
export type Severity = z.infer<typeof severitySchema>;

/** The most text one item may hold; a macro recipe is the largest thing stored. */
export const maxContentLength = 200_000;

/** One memory as the store holds it. Times are milliseconds since the epoch. */
export const memoryItemSchema = z.strictObject({
  id: z.string(),
  /** The caller's stable name for what this item is about; a write with the same key updates it. */
  key: z.string().nullable(),
  type: memoryTypeSchema,
  content: z.string(),
  /** Lowercase, without repeats, sorted. */
  tags: z.array(z.string()),
  severity: severitySchema,
  /** The run that last wrote (or re-learned) this item, if a run did. */
  sourceRun: z.string().nullable(),
  /** How many writes this item absorbed: 1 when new, one more for each duplicate merged into it. */
  seenCount: z.int().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The item that replaced this one (an EVOLVE decision); `null` while it is current. */
  supersededBy: z.string().nullable(),
  /** The items this one replaced: the other side of `supersededBy`. */
  supersedes: z.array(z.string()),
});
export type MemoryItem = z.infer<typeof memoryItemSchema>;

/** Postgres refuses NUL in text, so no store accepts it: both keep the same contract. */
const withoutNul = (text: string) => !text.includes('\u0000');
const nulMessage = 'NUL characters cannot be stored';

const tagSchema = z
  .string()
  .refine(withoutNul, nulMessage)
  .trim()
  .toLowerCase()
  .min(1, 'a tag cannot be empty')
  .max(64, 'a tag has at most 64 characters')
  .regex(/^\S+$/, 'a tag is one word, without spaces');

/**
 * What a write is given. Parsed with this schema because it comes from outside: the CLI, a JSONL
 * import, a model's decision.
 */
export const newMemoryItemSchema = z.strictObject({
  key: z.string().trim().min(1).max(200).refine(withoutNul, nulMessage).nullish(),
  type: memoryTypeSchema,
  content: z
    .string()
    .trim()
    .min(1, 'the content is empty; say what was learned')
    .max(maxContentLength, `the content has more than ${maxContentLength} characters`)
    .refine(withoutNul, nulMessage),
  tags: z.array(tagSchema).max(32, 'at most 32 tags').optional(),
  severity: severitySchema.optional(),
  sourceRun: z.string().min(1).refine(withoutNul, nulMessage).nullish(),
});
export type NewMemoryItem = z.input<typeof newMemoryItemSchema>;

/** Tags as stored: lowercase, each once, sorted, so equal sets compare equal. */
export function normaliseTags(tags: Iterable<string>): string[] {
  return [...new Set([...tags].map((tag) => tag.trim().toLowerCase()).filter(Boolean))].sort();
}

/** The higher of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return severities.indexOf(a) >= severities.indexOf(b) ? a : b;
}
