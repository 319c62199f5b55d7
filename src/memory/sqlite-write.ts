import type { DatabaseSync } from 'node:sqlite';
import type { MemoryItem } from './memory-item.ts';
import { mergeDuplicate, type PreparedWrite } from './merge-duplicate.ts';
import { sqliteItemColumns } from './sqlite-sql.ts';

/** What a write needs besides the database; the caller holds the write lock. */
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
  db: DatabaseSync,
  write: PreparedWrite,
  context: SqliteWriteContext,
): { id: string; merged: boolean } {
  // A key match beats a content match; among equals, the most recently updated item wins.
  const duplicate = db
    .prepare(
      `SELECT ${sqliteItemColumns} FROM memory_items m
       WHERE m.type = :type AND m.superseded_by IS NULL
         AND (m.item_key = :key OR m.content_hash = :hash)
       ORDER BY (m.item_key IS :key) DESC, m.updated_at DESC, m.seq DESC LIMIT 1`,
    )
    .get({ type: write.type, key: write.key, hash: write.contentHash });
  if (duplicate !== undefined) {
    const existing = context.read(duplicate);
    const merged = mergeDuplicate(existing, write, context.now);
    db.prepare(
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
  db.prepare(
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
