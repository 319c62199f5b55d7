import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { LokiError, errorMessage } from '../core/index.ts';
import { busyTimeoutMs } from './busy-timeout.ts';
import { migrate } from './schema.ts';

/**
 * Opens (creating it and its parent folders if needed) a journal database with the settings the
 * journal relies on, and brings its schema up to date:
 * - WAL: readers never block the writer and the writer never blocks readers;
 * - `synchronous = NORMAL`: safe in WAL (a power cut may lose the last commits, never corrupts);
 * - a busy timeout, so concurrent writers from other processes wait their turn;
 * - foreign keys, so nothing can refer to a run that does not exist.
 * `':memory:'` opens a private in-memory database (no WAL there). Throws `journal.unreadable`
 * when the file cannot be opened as a journal.
 */
export function openDatabase(path: string): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    db = new DatabaseSync(path, { timeout: busyTimeoutMs, enableForeignKeyConstraints: true });
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db);
    return db;
  } catch (cause) {
    if (db?.isOpen) db.close();
    if (LokiError.isInstance(cause)) throw cause;
    throw new LokiError({
      code: 'journal.unreadable',
      category: 'bad-input',
      message: `cannot open the journal at "${path}": ${errorMessage(cause)}`,
      details: { path },
      cause,
    });
  }
}
