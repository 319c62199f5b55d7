import type { StatementSync } from 'node:sqlite';
import type { MemoryItem } from './memory-item.ts';
import { mergeDuplicate, type PreparedWrite } from './merge-duplicate.ts';
import { sqliteItemColumns } from './sqlite-sql.ts';

/**
 * What a write needs besides the database's statements (prepared once, reused: a bulk import
 * writes a million items); the caller holds the write lock.
 */
export interface SqliteWriteContext {
  now: number;
  newId: () => string;
  read: (row: unknown) => MemoryItem;
}

/**
 * Inserts a prepared write, or merges it into the current item it duplicates (see
 * `mergeDuplicate`). Must run inside an IMMEDIATE transaction, or two processes could both find
 * no duplicate and both insert. Returns the id written and whether it was a merge.
 */
export function writeSqliteItem(
  prepare: (sql: string) => StatementSync,
  write: PreparedWrite,
  context: SqliteWriteContext,
): { id: string; merged: boolean } {
  // A key match beats a content match; among equals, the most recently updated item wins.
  // Two lookups, each naming its index: an OR of both lets the planner of a store without
  // statistics scan every item of the type, which made a bulk write quadratic.
  const byKey =
    write.key === null
      ? undefined
      : prepare(
          `SELECT ${sqliteItemColumns} FROM memory_items m INDEXED BY memory_items_by_key
           WHERE m.type = ? AND m.item_key = ? AND m.superseded_by IS NULL
           ORDER BY m.updated_at DESC, m.seq DESC LIMIT 1`,
        ).get(write.type, write.key);
  const duplicate =
    byKey ??
    prepare(
      `SELECT ${sqliteItemColumns} FROM memory_items m INDEXED BY memory_items_by_content
       WHERE m.type = ? AND m.content_hash = ? AND m.superseded_by IS NULL
       ORDER BY m.updated_at DESC, m.seq DESC LIMIT 1`,
    ).get(write.type, write.contentHash);
  if (duplicate !== undefined) {
    const existing = context.read(duplicate);
    const merged = mergeDuplicate(existing, write, context.now);
    prepare(
      `UPDATE memory_items SET item_key = :key, content = :content, content_hash = :hash,
         tags = :tags, severity = :severity, source_run = :sourceRun,
         seen_count = :seenCount, updated_at = :updatedAt
       WHERE id = :id`,
    ).run({
      id: existing.id,
      key: merged.key,
      content: merged.content,
      hash: merged.contentHash,
      tags: JSON.stringify(merged.tags),
      severity: merged.severity,
      sourceRun: merged.sourceRun,
      seenCount: merged.seenCount,
      updatedAt: merged.updatedAt,
    });
    return { id: existing.id, merged: true };
  }
  const id = context.newId();
  prepare(
    `INSERT INTO memory_items (id, item_key, type, content, content_hash, tags, severity,
       source_run, seen_count, created_at, updated_at)
     VALUES (:id, :key, :type, :content, :hash, :tags, :severity, :sourceRun, 1, :now, :now)`,
  ).run({
    id,
    key: write.key,
    type: write.type,
    content: write.content,
    hash: write.contentHash,
    tags: JSON.stringify(write.tags),
    severity: write.severity,
    sourceRun: write.sourceRun,
    now: context.now,
  });
  return { id, merged: false };
}
