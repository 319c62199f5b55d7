import type { ResolvedFilter } from './memory-filter.ts';

/** The columns of an item (`m`) as `memoryRowSchema` reads them, its successors' ids included. */
export const postgresItemColumns = `m.id, m.item_key, m.type, m.content, m.tags, m.severity,
  m.source_run, m.seen_count, m.created_at, m.updated_at, m.superseded_by,
  ARRAY(SELECT s.id FROM loki_memory_items s WHERE s.superseded_by = m.id
        ORDER BY s.created_at, s.id) AS supersedes`;

/** The text an item is found by, for `to_tsvector`: its content, its tags and its key. */
export function searchTextOf(content: string, tags: readonly string[], key: string | null): string {
  return [content, tags.join(' '), key ?? ''].join('\n');
}

/** SQL conditions on `m` for a filter; their parameters are appended to `params`. */
export function postgresWhereOf(filter: ResolvedFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (filter.types.length > 0) {
    params.push(filter.types);
    where.push(`m.type = ANY($${params.length}::text[])`);
  }
  if (filter.tags.length > 0) {
    params.push(filter.tags);
    where.push(`m.tags @> $${params.length}::text[]`);
  }
  if (!filter.includeSuperseded) where.push('m.superseded_by IS NULL');
  return where;
}
