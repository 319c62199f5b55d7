import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db.js';

/** A migrated database in a fresh temporary file; `remove()` closes it and deletes the file. */
export function createTestDatabase() {
  const directory = mkdtempSync(join(tmpdir(), 'todo-api-test-'));
  const path = join(directory, 'todos.db');
  const db = openDatabase(path);
  return {
    db,
    path,
    directory,
    remove() {
      try {
        db.close();
      } catch {
        // Already closed by the test.
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A clock for repositories that moves one second forward at every reading, so timestamps are
 * predictable and distinct.
 * @param {string} [start]
 */
export function steppingClock(start = '2025-01-01T00:00:00.000Z') {
  let time = Date.parse(start);
  return () => {
    const now = new Date(time);
    time += 1000;
    return now;
  };
}
