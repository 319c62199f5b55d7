import { z } from 'zod';
import { parseJson } from '../core/index.ts';
import { memoryTypeSchema, severitySchema, type MemoryItem } from './memory-item.ts';

/**
 * A list of strings as a store returns it: a JSON text from SQLite, an array from Postgres.
 */
const stringList = z.union([
  z.array(z.string()),
  z.string().transform((text, context) => {
    const parsed = parseJson(text, z.array(z.string()));
    if (parsed.success) return parsed.value;
    context.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }),
]);

/** Postgres returns `bigint` columns as strings, to be safe; ours hold milliseconds and counts. */
const wholeNumber = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/**
 * The columns both stores select for an item, with the same names, so one schema reads both.
 */
export const memoryRowSchema = z
  .object({
    id: z.string(),
    item_key: z.string().nullable(),
    type: memoryTypeSchema,
    content: z.string(),
    tags: stringList,
    severity: severitySchema,
    source_run: z.string().nullable(),
    seen_count: wholeNumber,
    created_at: wholeNumber,
    updated_at: wholeNumber,
    superseded_by: z.string().nullable(),
    supersedes: stringList,
  })
  .transform((row): MemoryItem => ({
    id: row.id,
    key: row.item_key,
    type: row.type,
    content: row.content,
    tags: row.tags,
    severity: row.severity,
    sourceRun: row.source_run,
    seenCount: row.seen_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    supersededBy: row.superseded_by,
    supersedes: row.supersedes,
  }));
