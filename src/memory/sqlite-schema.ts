import type { DatabaseSync } from 'node:sqlite';
import { newerMemorySchema } from './memory-errors.ts';

/**
 * The SQLite memory schema, one entry per version: entry `i` takes a database from
 * `user_version = i` to `i + 1`. Entries are only appended, never edited: files written by
 * earlier versions must still upgrade step by step.
 *
 * `seq` is an INTEGER PRIMARY KEY, so rowids never change (VACUUM renumbers other rowids),
 * which the external-content FTS index relies on. Tags are a JSON array in TEXT; the FTS index
 * tokenises away its punctuation. Triggers keep the index in step with the table.
 */
export const sqliteMemoryMigrations: readonly string[] = [
  `
  CREATE TABLE memory_items (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    item_key      TEXT,
    type          TEXT NOT NULL,
    content       TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    tags          TEXT NOT NULL,
    severity      TEXT NOT NULL,
    source_run    TEXT,
    seen_count    INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    superseded_by TEXT REFERENCES memory_items (id) ON DELETE SET NULL
  ) STRICT;
  CREATE INDEX memory_items_by_key ON memory_items (type, item_key) WHERE item_key IS NOT NULL;
  CREATE INDEX memory_items_by_content ON memory_items (type, content_hash);
  CREATE INDEX memory_items_by_updated_at ON memory_items (updated_at);
  CREATE INDEX memory_items_by_superseded_by ON memory_items (superseded_by)
    WHERE superseded_by IS NOT NULL;

  CREATE VIRTUAL TABLE memory_fts USING fts5 (
    content, tags, item_key,
    content = 'memory_items', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER memory_items_inserted AFTER INSERT ON memory_items BEGIN
    INSERT INTO memory_fts (rowid, content, tags, item_key)
      VALUES (new.seq, new.content, new.tags, new.item_key);
  END;
  CREATE TRIGGER memory_items_deleted AFTER DELETE ON memory_items BEGIN
    INSERT INTO memory_fts (memory_fts, rowid, content, tags, item_key)
      VALUES ('delete', old.seq, old.content, old.tags, old.item_key);
  END;
  CREATE TRIGGER memory_items_updated AFTER UPDATE OF content, tags, item_key ON memory_items BEGIN
    INSERT INTO memory_fts (memory_fts, rowid, content, tags, item_key)
      VALUES ('delete', old.seq, old.content, old.tags, old.item_key);
    INSERT INTO memory_fts (rowid, content, tags, item_key)
      VALUES (new.seq, new.content, new.tags, new.item_key);
  END;
  `,
];

/**
 * Brings a memory database up to the latest schema. Does nothing (and takes no write lock) when
 * it is current; otherwise applies the pending steps in one IMMEDIATE transaction, reading the
 * version again under the lock, since another process may have migrated meanwhile.
 */
export function migrateSqliteMemory(db: DatabaseSync, location: string): void {
  const known = sqliteMemoryMigrations.length;
  if (userVersionOf(db) === known) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    const version = userVersionOf(db);
    if (version > known) throw newerMemorySchema(location, version, known);
    for (const migration of sqliteMemoryMigrations.slice(version)) db.exec(migration);
    // PRAGMA takes no bound parameters; the value is a number we computed.
    db.exec(`PRAGMA user_version = ${known}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function userVersionOf(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get();
  return typeof row?.user_version === 'number' ? row.user_version : 0;
}
