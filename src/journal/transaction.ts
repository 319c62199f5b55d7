import { LokiError } from '../core/index.ts';
import { explainWriteError } from './journal-errors.ts';
import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `fn` inside one write transaction and returns its result: everything it writes is
 * committed together, or, if it throws, nothing is. A call inside another transaction becomes a
 * savepoint: if it throws, its own writes are undone and the outer transaction goes on.
 *
 * The transaction begins IMMEDIATE, taking the write lock at once, so the busy timeout applies;
 * a deferred transaction that later upgrades to writing can fail at once with SQLITE_BUSY when
 * another process writes. `fn` must be synchronous: the connection is synchronous, and an
 * `await` inside would leave the lock held across unrelated work.
 */
export function runInTransaction<T>(db: DatabaseSync, fn: () => T): T {
  // SQLite stacks savepoints of the same name, so one fixed name serves any depth of nesting.
  const steps = db.isTransaction
    ? { begin: 'SAVEPOINT journal_nested', commit: 'RELEASE journal_nested', nested: true }
    : { begin: 'BEGIN IMMEDIATE', commit: 'COMMIT', nested: false };
  try {
    db.exec(steps.begin);
  } catch (error) {
    throw explainWriteError(error);
  }
  try {
    const result = fn();
    if (isPromiseLike(result)) {
      throw new LokiError({
        code: 'journal.async-transaction',
        category: 'internal',
        message: 'a journal transaction was given an async function; it must be synchronous',
      });
    }
    db.exec(steps.commit);
    return result;
  } catch (error) {
    // Some failures (a full disk) make SQLite roll back the whole transaction itself; there is
    // nothing left to undo then. Otherwise never leave a transaction or savepoint dangling.
    if (db.isTransaction) {
      db.exec(steps.nested ? 'ROLLBACK TO journal_nested; RELEASE journal_nested' : 'ROLLBACK');
    }
    throw error;
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
