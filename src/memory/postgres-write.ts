import type { PoolClient } from 'pg';
import type { MemoryItem } from './memory-item.ts';
import { mergeDuplicate, type PreparedWrite } from './merge-duplicate.ts';
import { postgresItemColumns, searchTextOf } from './postgres-sql.ts';

/** What a write needs besides the connection; the caller holds the store's write lock. */
export interface PostgresWriteContext {
  now: number;
  newId: () => string;
  read: (row: unknown) => MemoryItem;
}

/**
 * Inserts a prepared write, or merges it into the current item it duplicates (see
 * `mergeDuplicate`). Must run in a transaction holding the store's advisory write lock, or two
 * team members could both find no duplicate and both insert. Returns the id written and
 * whether it was a merge.
 */
export async function writePostgresItem(
  client: PoolClient,
  write: PreparedWrite,
  context: PostgresWriteContext,
): Promise<{ id: string; merged: boolean }> {
  // A key match beats a content match; among equals, the most recently updated item wins.
  const { rows } = await client.query(
    `SELECT ${postgresItemColumns} FROM loki_memory_items m
     WHERE m.type = $1 AND m.superseded_by IS NULL
       AND (m.item_key = $2 OR m.content_hash = $3)
     ORDER BY (m.item_key IS NOT DISTINCT FROM $2) DESC, m.updated_at DESC, m.id DESC
     LIMIT 1`,
    [write.type, write.key, write.contentHash],
  );
  if (rows[0] !== undefined) {
    const existing = context.read(rows[0]);
    const merged = mergeDuplicate(existing, write, context.now);
    await client.query(
      `UPDATE loki_memory_items SET item_key = $2, content = $3, content_hash = $4, tags = $5,
         severity = $6, source_run = $7, seen_count = $8, updated_at = $9,
         search = to_tsvector('english', $10)
       WHERE id = $1`,
      [
        existing.id,
        merged.key,
        merged.content,
        merged.contentHash,
        merged.tags,
        merged.severity,
        merged.sourceRun,
        merged.seenCount,
        merged.updatedAt,
        searchTextOf(merged.content, merged.tags, merged.key),
      ],
    );
    return { id: existing.id, merged: true };
  }
  const id = context.newId();
  await client.query(
    `INSERT INTO loki_memory_items (id, item_key, type, content, content_hash, tags, severity,
       source_run, seen_count, created_at, updated_at, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9, to_tsvector('english', $10))`,
    [
      id,
      write.key,
      write.type,
      write.content,
      write.contentHash,
      write.tags,
      write.severity,
      write.sourceRun,
      context.now,
      searchTextOf(write.content, write.tags, write.key),
    ],
  );
  return { id, merged: false };
}
