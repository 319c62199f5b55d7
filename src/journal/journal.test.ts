import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { DatabaseSync } from 'node:sqlite';
import { Journal } from './journal.ts';
import { journalSchemaVersion } from './schema.ts';
import { createTestRun, openTempJournal, tempJournalPath } from './test-support.ts';

function pragma(path: string, name: string): unknown {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare(`PRAGMA ${name}`).get()?.[name];
  } finally {
    db.close();
  }
}

describe('Journal.open', () => {
  it('creates missing parent folders and the file', () => {
    const path = join(dirname(tempJournalPath()), 'a', 'b', 'journal.db');
    const journal = Journal.open(path);
    journal.close();
    expect(existsSync(path)).toBe(true);
    expect(journal.path).toBe(path);
  });

  it('puts the file in WAL mode, which another connection sees', () => {
    const path = tempJournalPath();
    const journal = openTempJournal(path);
    createTestRun(journal);
    expect(pragma(path, 'journal_mode')).toBe('wal');
    expect(existsSync(`${path}-wal`)).toBe(true);
  });

  it('keeps everything written across close and reopen', () => {
    const path = tempJournalPath();
    const first = Journal.open(path);
    createTestRun(first);
    const seq = first.appendEvent({ runId: 'run_1', type: 'stage-started', at: 5, data: { a: 1 } });
    first.saveCheckpoint({ runId: 'run_1', stage: 'decomposition', output: { tasks: [] }, at: 6 });
    first.updateRun('run_1', { status: 'succeeded', finishedAt: 9, updatedAt: 9 });
    first.close();

    using second = Journal.open(path);
    expect(second.getRun('run_1')).toMatchObject({ status: 'succeeded', finishedAt: 9 });
    expect(second.listEvents('run_1')).toEqual([
      { seq, runId: 'run_1', type: 'stage-started', at: 5, data: { a: 1 } },
    ]);
    expect(second.getCheckpoint('run_1', 'decomposition')).toEqual({
      stage: 'decomposition',
      output: { tasks: [] },
      at: 6,
    });
  });

  it('migrates once: reopening keeps the schema version and the data', () => {
    const path = tempJournalPath();
    Journal.open(path).close();
    expect(pragma(path, 'user_version')).toBe(journalSchemaVersion);
    using journal = Journal.open(path);
    createTestRun(journal);
    journal.close();
    using again = Journal.open(path);
    expect(pragma(path, 'user_version')).toBe(journalSchemaVersion);
    expect(again.listRuns().map((run) => run.runId)).toEqual(['run_1']);
  });

  it('refuses a journal written by a newer Loki, naming both versions', () => {
    const path = tempJournalPath();
    Journal.open(path).close();
    const db = new DatabaseSync(path);
    db.exec(`PRAGMA user_version = ${journalSchemaVersion + 1}`);
    db.close();
    expect(() => Journal.open(path)).toThrow(
      expect.objectContaining({
        code: 'journal.newer-schema',
        message: expect.stringContaining(`version ${journalSchemaVersion + 1}`),
      }),
    );
  });

  it('refuses a file that is not a journal with a bad-input error naming the path', () => {
    const path = tempJournalPath();
    writeFileSync(path, 'this is not a database, just text long enough to have a header......');
    try {
      Journal.open(path);
      expect.unreachable();
    } catch (error) {
      expect(LokiError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'journal.unreadable', category: 'bad-input' });
      expect((error as Error).message).toContain(path);
    }
  });

  it('opens an in-memory journal that works like a file one', () => {
    using journal = Journal.open(':memory:');
    createTestRun(journal);
    expect(journal.getRun('run_1')?.status).toBe('running');
  });

  it('closes idempotently, and by `using`', () => {
    const path = tempJournalPath();
    {
      using journal = Journal.open(path);
      createTestRun(journal);
    }
    // A clean close checkpoints the WAL into the file and removes it.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const journal = Journal.open(path);
    journal.close();
    expect(() => journal.close()).not.toThrow();
  });
});
