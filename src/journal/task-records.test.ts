import { describe, expect, it } from 'vitest';
import { Journal } from './journal.ts';
import type { TaskRecord } from './task-records.ts';
import { createTestRun, openTempJournal, tempJournalPath } from './test-support.ts';

const task = (taskId: string, overrides: Partial<TaskRecord> = {}): TaskRecord => ({
  runId: 'run_1',
  taskId,
  name: `Task ${taskId}`,
  role: 'coder',
  description: 'Build the thing.',
  dependsOn: [],
  acceptanceCriteria: ['tests pass'],
  state: 'pending',
  summary: null,
  updatedAt: 1,
  ...overrides,
});

describe('tasks', () => {
  it('upserts tasks and lists them in the order first written, with lists intact', () => {
    const path = tempJournalPath();
    const journal = Journal.open(path);
    createTestRun(journal);
    journal.upsertTask(task('t1'));
    journal.upsertTask(task('t2', { dependsOn: ['t1'], acceptanceCriteria: ['a', 'b'] }));
    journal.upsertTask(task('t1', { state: 'done', summary: 'built it', updatedAt: 5 }));
    journal.close();

    using reopened = Journal.open(path);
    expect(reopened.listTasks('run_1')).toEqual([
      task('t1', { state: 'done', summary: 'built it', updatedAt: 5 }),
      task('t2', { dependsOn: ['t1'], acceptanceCriteria: ['a', 'b'] }),
    ]);
  });

  it('keeps the tasks of each run apart, and refuses a task of an unknown run', () => {
    const journal = openTempJournal();
    createTestRun(journal, 'run_1');
    createTestRun(journal, 'run_2');
    journal.upsertTask(task('t1'));
    journal.upsertTask(task('t1', { runId: 'run_2', state: 'skipped' }));
    expect(journal.listTasks('run_1').map((stored) => stored.state)).toEqual(['pending']);
    expect(journal.listTasks('run_2').map((stored) => stored.state)).toEqual(['skipped']);
    expect(() => journal.upsertTask(task('t1', { runId: 'run_nope' }))).toThrow(
      expect.objectContaining({ code: 'journal.run-not-found' }),
    );
  });
});
