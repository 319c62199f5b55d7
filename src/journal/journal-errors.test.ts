import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { explainWriteError } from './journal-errors.ts';

/** What node:sqlite throws, reduced to the fields the journal reads. */
const sqliteError = (errcode: number) =>
  Object.assign(new Error('database is locked'), { code: 'ERR_SQLITE_ERROR', errcode });

describe('explainWriteError', () => {
  it('turns a lock held past the busy timeout into a retryable journal.busy', () => {
    for (const errcode of [5, 261, 517]) {
      const explained = explainWriteError(sqliteError(errcode), 'run_1');
      expect(LokiError.isInstance(explained)).toBe(true);
      expect(explained).toMatchObject({ code: 'journal.busy', isRetryable: true });
      expect((explained as Error).message).toContain('"run_1"');
    }
  });

  it('leaves other errors as they are', () => {
    const other = sqliteError(1);
    expect(explainWriteError(other, 'run_1')).toBe(other);
    expect(explainWriteError('text', 'run_1')).toBe('text');
  });
});
