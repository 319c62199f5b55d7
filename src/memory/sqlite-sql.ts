import type { SQLInputValue } from 'node:sqlite';
import type { ResolvedFilter } from './memory-filter.ts';

/** The columns of an item (`m`) as `memoryRowSchema` reads them, its successors' ids included. */
export const sqliteItemColumns = `m.id, m.item_key, m.type, m.content, m.tags, m.severity,
  m.source_run, m.seen_count, m.created_at, m.updated_at, m.superseded_by,
  (SELECT json_group_array(s.id ORDER BY s.seq) FROM memory_items s
    WHERE s.superseded_by = m.id) AS supersedes`;

/** SQL conditions on `m` for a filter, with their parameters in order. */
export function sqliteWhereOf(filter: ResolvedFilter): {
  where: string[];
  params: SQLInputValue[];
} {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (filter.types.length > 0) {
    where.push(`m.type IN (${filter.types.map(() => '?').join(', ')})`);
    params.push(...filter.types);
  }
  for (const tag of filter.tags) {
    where.push('EXISTS (SELECT 1 FROM json_each(m.tags) WHERE json_each.value = ?)');
    params.push(tag);
  }
  if (!filter.includeSuperseded) where.push('m.superseded_by IS NULL');
  return { where, params };
}

/** Runs synchronous work as a promise: a throw becomes a rejection, as it is from Postgres. */
export function settle<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}
