import { describe, expect, it } from 'vitest';
import { createTestRun, openTempJournal } from './test-support.ts';

describe('Journal.transaction', () => {
  it('commits all writes together, or none when the function throws', () => {
    const journal = openTempJournal();
    createTestRun(journal);
    const append = (type: string) => journal.appendEvent({ runId: 'run_1', type, at: 1, data: 1 });
    expect(() =>
      journal.transaction(() => {
        append('a');
        append('b');
        throw new Error('stage crashed');
      }),
    ).toThrow('stage crashed');
    expect(journal.listEvents('run_1')).toEqual([]);

    const result = journal.transaction(() => {
      append('c');
      journal.transaction(() => append('d'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(journal.listEvents('run_1').map((event) => event.type)).toEqual(['c', 'd']);
  });

  it('refuses an async function and writes nothing', () => {
    const journal = openTempJournal();
    createTestRun(journal);
    expect(() =>
      journal.transaction(() => {
        journal.appendEvent({ runId: 'run_1', type: 'a', at: 1, data: 1 });
        return Promise.resolve();
      }),
    ).toThrow(expect.objectContaining({ code: 'journal.async-transaction' }));
    expect(journal.listEvents('run_1')).toEqual([]);
  });

  it('undoes only the inner writes when a nested transaction throws and the outer catches', () => {
    const journal = openTempJournal();
    createTestRun(journal);
    const append = (type: string) => journal.appendEvent({ runId: 'run_1', type, at: 1, data: 1 });
    journal.transaction(() => {
      append('outer-before');
      try {
        journal.transaction(() => {
          append('inner');
          throw new Error('inner failed');
        });
      } catch {
        // The outer transaction carries on without the inner writes.
      }
      append('outer-after');
    });
    expect(journal.listEvents('run_1').map((event) => event.type)).toEqual([
      'outer-before',
      'outer-after',
    ]);
  });
});
