import type { DatabaseSync } from 'node:sqlite';
import { LokiError } from '../core/index.ts';
import { runInTransaction } from './transaction.ts';

/**
 * The journal's schema, one entry per version: entry `i` takes a database from
 * `user_version = i` to `i + 1`. Entries are only ever appended, never edited, because journals
 * written by earlier versions must still upgrade step by step.
 *
 * Tables are STRICT so a wrong type is refused at write time instead of read back as a surprise.
 * JSON values are TEXT; times are whole milliseconds since the epoch (INTEGER).
 */
export const journalMigrations: readonly string[] = [
  `
  CREATE TABLE runs (
    run_id      TEXT PRIMARY KEY,
    prd         TEXT NOT NULL,
    prd_path    TEXT,
    out_dir     TEXT NOT NULL,
    settings    TEXT NOT NULL,
    status      TEXT NOT NULL,
    stop_reason TEXT,
    summary     TEXT,
    active_ms   INTEGER NOT NULL,
    pid         INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    finished_at INTEGER
  ) STRICT;
  CREATE INDEX runs_by_created_at ON runs (created_at);

  -- seq is the rowid: no AUTOINCREMENT, which measured about a third slower per append. The
  -- journal never deletes events, so the largest seq is never removed and seq never repeats.
  CREATE TABLE events (
    seq    INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    type   TEXT NOT NULL,
    at     INTEGER NOT NULL,
    data   TEXT NOT NULL
  ) STRICT;
  CREATE INDEX events_by_run ON events (run_id, seq);

  -- A rowid table (not WITHOUT ROWID) so that rowid gives the order of saving.
  CREATE TABLE checkpoints (
    run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    stage  TEXT NOT NULL,
    output TEXT NOT NULL,
    at     INTEGER NOT NULL,
    UNIQUE (run_id, stage)
  ) STRICT;

  CREATE TABLE model_calls (
    seq           INTEGER PRIMARY KEY,
    run_id        TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    request_hash  TEXT NOT NULL,
    stage         TEXT NOT NULL,
    agent         TEXT NOT NULL,
    role          TEXT NOT NULL,
    provider      TEXT NOT NULL,
    model_id      TEXT NOT NULL,
    request       TEXT NOT NULL,
    response      TEXT,
    error         TEXT,
    input_tokens  INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cost_usd      REAL NOT NULL,
    latency_ms    INTEGER NOT NULL,
    attempts      INTEGER NOT NULL,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX model_calls_by_run ON model_calls (run_id, seq);
  -- Replay looks up successful calls only; the partial index holds exactly those.
  CREATE INDEX model_calls_succeeded_by_request ON model_calls (run_id, request_hash, seq)
    WHERE error IS NULL;

  CREATE TABLE tasks (
    run_id              TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    task_id             TEXT NOT NULL,
    name                TEXT NOT NULL,
    role                TEXT NOT NULL,
    description         TEXT NOT NULL,
    depends_on          TEXT NOT NULL,
    acceptance_criteria TEXT NOT NULL,
    state               TEXT NOT NULL,
    summary             TEXT,
    updated_at          INTEGER NOT NULL,
    UNIQUE (run_id, task_id)
  ) STRICT;
  `,
];

/** The schema version this code writes: the number of migrations. */
export const journalSchemaVersion = journalMigrations.length;

/**
 * Brings a database up to the latest schema version. Safe to call on every open, and from
 * several processes at once: it does nothing (and takes no write lock) when the schema is
 * current, and applies pending steps in one transaction otherwise. Refuses a database written
 * by a newer Loki rather than guess at its shape.
 */
export function migrate(db: DatabaseSync, migrations: readonly string[] = journalMigrations): void {
  if (readUserVersion(db) === migrations.length) return;
  runInTransaction(db, () => {
    // Read again under the write lock: another process may have migrated since the first read.
    const version = readUserVersion(db);
    if (version > migrations.length) {
      throw new LokiError({
        code: 'journal.newer-schema',
        category: 'bad-input',
        message:
          `the journal has schema version ${version}, but this Loki knows versions up to ` +
          `${migrations.length}; upgrade Loki to open it`,
        details: { version, supported: migrations.length },
      });
    }
    for (const migration of migrations.slice(version)) db.exec(migration);
    // PRAGMA takes no bound parameters; the value is an integer we computed.
    db.exec(`PRAGMA user_version = ${migrations.length}`);
  });
}

/** The schema version stored in the database header (0 for a new database). */
export function readUserVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get();
  return typeof row?.user_version === 'number' ? row.user_version : 0;
}
