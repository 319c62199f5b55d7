import { createHash } from 'node:crypto';
import { LokiError, describeZodIssues } from '../core/index.ts';
import {
  maxSeverity,
  newMemoryItemSchema,
  normaliseTags,
  type MemoryItem,
  type MemoryType,
  type NewMemoryItem,
  type Severity,
} from './memory-item.ts';

/** A write, checked and normalised, with the hash that finds its duplicates. */
export interface PreparedWrite {
  key: string | null;
  type: MemoryType;
  content: string;
  contentHash: string;
  tags: string[];
  severity: Severity;
  sourceRun: string | null;
}

/** The fields a merge changes in the item that absorbs a duplicate write. */
export interface MergedFields {
  key: string | null;
  content: string;
  contentHash: string;
  tags: string[];
  severity: Severity;
  sourceRun: string | null;
  seenCount: number;
  updatedAt: number;
}

/**
 * Content as compared for duplicates: Unicode-normalised, lowercase, every run of punctuation
 * and spaces made one space. "Run `npm test` before merging!" and "run npm test before merging"
 * are the same lesson.
 */
export function normaliseContent(content: string): string {
  return content
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

/** The hash of normalised content that duplicates share. */
export function contentHashOf(content: string): string {
  return createHash('sha256').update(normaliseContent(content)).digest('hex');
}

/** Checks a write's fields; throws `memory.invalid-item` naming each bad field. */
export function prepareWrite(input: NewMemoryItem, index?: number): PreparedWrite {
  const parsed = newMemoryItemSchema.safeParse(input);
  if (!parsed.success) {
    const which = index === undefined ? 'the memory item' : `memory item ${index}`;
    throw new LokiError({
      code: 'memory.invalid-item',
      category: 'bad-input',
      message: `${which} cannot be written:\n${describeZodIssues(parsed.error)}`,
      details: { index, issues: parsed.error.issues.map((issue) => issue.message) },
    });
  }
  const item = parsed.data;
  return {
    key: item.key ?? null,
    type: item.type,
    content: item.content,
    contentHash: contentHashOf(item.content),
    tags: normaliseTags(item.tags ?? []),
    severity: item.severity ?? 'info',
    sourceRun: item.sourceRun ?? null,
  };
}

/** Checks every write of a batch before any is written; the error names the bad one's index. */
export function prepareWrites(inputs: readonly NewMemoryItem[]): PreparedWrite[] {
  return inputs.map((input, index) => prepareWrite(input, index));
}

/**
 * The duplicate rule, the same for every store. A write merges into the current (not
 * superseded) item of its type that has its key, or else the same normalised content.
 * - Matched by key, the write is the latest version of that item: its content, tags and
 *   severity replace the old ones.
 * - Matched by content, it is the same lesson learned again: the existing wording stays,
 *   tags are joined, severity is the higher, and the item keeps its key (or takes the write's).
 * Either way `seenCount` grows by one, and `updatedAt` and `sourceRun` move on.
 */
export function mergeDuplicate(
  existing: MemoryItem,
  write: PreparedWrite,
  now: number,
): MergedFields {
  const byKey = write.key !== null && existing.key === write.key;
  return {
    key: existing.key ?? write.key,
    content: byKey ? write.content : existing.content,
    contentHash: byKey ? write.contentHash : contentHashOf(existing.content),
    tags: byKey ? write.tags : normaliseTags([...existing.tags, ...write.tags]),
    severity: byKey ? write.severity : maxSeverity(existing.severity, write.severity),
    sourceRun: write.sourceRun ?? existing.sourceRun,
    seenCount: existing.seenCount + 1,
    updatedAt: now,
  };
}
