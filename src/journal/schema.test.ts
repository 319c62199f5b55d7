import { describe, expect, it } from 'vitest';
import { journalMigrations, journalSchemaVersion, migrate, readUserVersion } from './schema.ts';
import { DatabaseSync } from 'node:sqlite';
import { tempJournalPath } from './test-support.ts';

const v1 = 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;';
const v2 = 'ALTER TABLE notes ADD COLUMN author TEXT;';

function withDatabase(path: string, use: (db: DatabaseSync) => void): void {
  const db = new DatabaseSync(path);
  try {
    use(db);
  } finally {
    db.close();
  }
}

describe('migrate', () => {
  it('applies only the steps a database lacks, keeping its data, and then nothing', () => {
    const path = tempJournalPath();
    withDatabase(path, (db) => {
      migrate(db, [v1]);
      db.exec("INSERT INTO notes (text) VALUES ('kept')");
    });
    withDatabase(path, (db) => {
      // Re-running v1 would fail ("table notes already exists"): success proves it was skipped.
      migrate(db, [v1, v2]);
      migrate(db, [v1, v2]);
      expect(readUserVersion(db)).toBe(2);
      expect(db.prepare('SELECT text, author FROM notes').all()).toEqual([
        { text: 'kept', author: null },
      ]);
    });
  });

  it('rolls back every step of a failed upgrade', () => {
    withDatabase(':memory:', (db) => {
      expect(() => migrate(db, [v1, 'CREATE TABLE broken ('])).toThrow();
      expect(readUserVersion(db)).toBe(0);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'notes'").get()).toBe(
        undefined,
      );
    });
  });

  it('builds the journal schema from nothing, with the indexes the lookups use', () => {
    withDatabase(':memory:', (db) => {
      migrate(db);
      expect(readUserVersion(db)).toBe(journalSchemaVersion);
      expect(journalSchemaVersion).toBe(journalMigrations.length);
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT * FROM model_calls
           WHERE run_id = 'r' AND request_hash = 'h' AND error IS NULL ORDER BY seq LIMIT 1`,
        )
        .all()
        .map((row) => String(row.detail));
      expect(plan.join('\n')).toContain('model_calls_succeeded_by_request');
    });
  });
});
