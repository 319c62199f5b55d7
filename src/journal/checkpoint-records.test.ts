import { describe, expect, it } from 'vitest';
import { Journal } from './journal.ts';
import { createTestRun, openTempJournal, tempJournalPath } from './test-support.ts';

describe('checkpoints', () => {
  it('saves, replaces on the same run and stage, and lists in the order of latest save', () => {
    const path = tempJournalPath();
    const journal = Journal.open(path);
    createTestRun(journal, 'run_a');
    createTestRun(journal, 'run_b');
    journal.saveCheckpoint({ runId: 'run_a', stage: 'memory', output: { lessons: 1 }, at: 1 });
    journal.saveCheckpoint({ runId: 'run_a', stage: 'decomposition', output: ['t1'], at: 2 });
    journal.saveCheckpoint({ runId: 'run_b', stage: 'memory', output: 'other run', at: 3 });
    journal.saveCheckpoint({ runId: 'run_a', stage: 'memory', output: { lessons: 2 }, at: 4 });
    journal.close();

    using reopened = Journal.open(path);
    expect(reopened.getCheckpoint('run_a', 'memory')).toEqual({
      stage: 'memory',
      output: { lessons: 2 },
      at: 4,
    });
    expect(reopened.listCheckpoints('run_a')).toEqual([
      { stage: 'decomposition', output: ['t1'], at: 2 },
      { stage: 'memory', output: { lessons: 2 }, at: 4 },
    ]);
    expect(reopened.getCheckpoint('run_b', 'memory')?.output).toBe('other run');
    expect(reopened.getCheckpoint('run_a', 'deployment')).toBeUndefined();
  });

  it('deletes one stage of one run, and says whether it existed', () => {
    const journal = openTempJournal();
    createTestRun(journal);
    journal.saveCheckpoint({ runId: 'run_1', stage: 'review', output: null, at: 1 });
    expect(journal.getCheckpoint('run_1', 'review')?.output).toBeNull();
    expect(journal.deleteCheckpoint('run_1', 'review')).toBe(true);
    expect(journal.deleteCheckpoint('run_1', 'review')).toBe(false);
    expect(journal.listCheckpoints('run_1')).toEqual([]);
  });

  it('refuses a checkpoint of an unknown run', () => {
    const journal = openTempJournal();
    expect(() =>
      journal.saveCheckpoint({ runId: 'run_nope', stage: 'memory', output: {}, at: 1 }),
    ).toThrow(expect.objectContaining({ code: 'journal.run-not-found' }));
  });
});
