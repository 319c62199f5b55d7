import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { Journal } from './journal.ts';
import { createTestRun, openTempJournal, tempJournalPath } from './test-support.ts';

describe('runs', () => {
  it('creates a running run and reads back every field, settings as JSON', () => {
    const journal = openTempJournal();
    const created = createTestRun(journal, 'run_a', 1_700_000_000_123);
    const expected = {
      runId: 'run_a',
      prd: '# Todo API\nA REST API for todos.',
      prdPath: '/prds/todo.md',
      outDir: '/out/todo',
      settings: { models: { coder: 'scripted/x' }, budgetUsd: 5 },
      status: 'running',
      stopReason: null,
      summary: null,
      activeMs: 0,
      pid: null,
      createdAt: 1_700_000_000_123,
      updatedAt: 1_700_000_000_123,
      finishedAt: null,
    };
    expect(created).toEqual(expected);
    expect(journal.getRun('run_a')).toEqual(expected);
    expect(journal.getRun('run_missing')).toBeUndefined();
  });

  it('refuses a second run with the same id', () => {
    const journal = openTempJournal();
    createTestRun(journal, 'run_a');
    expect(() => createTestRun(journal, 'run_a')).toThrow(
      expect.objectContaining({ code: 'journal.run-exists', category: 'bad-input' }),
    );
  });

  it('lists runs newest first, and honours a limit', () => {
    const journal = openTempJournal();
    createTestRun(journal, 'run_old', 1_000);
    createTestRun(journal, 'run_new', 3_000);
    createTestRun(journal, 'run_mid', 2_000);
    createTestRun(journal, 'run_mid_later', 2_000);
    expect(journal.listRuns().map((run) => run.runId)).toEqual([
      'run_new',
      'run_mid_later',
      'run_mid',
      'run_old',
    ]);
    expect(journal.listRuns({ limit: 2 }).map((run) => run.runId)).toEqual([
      'run_new',
      'run_mid_later',
    ]);
    expect(() => journal.listRuns({ limit: -1 })).toThrow(
      expect.objectContaining({ code: 'journal.invalid-argument' }),
    );
  });

  it('updates only the fields in the patch, and can set a field back to null', () => {
    const path = tempJournalPath();
    const journal = Journal.open(path);
    createTestRun(journal, 'run_a', 1_000);
    journal.updateRun('run_a', { pid: 4242, activeMs: 1500.4, updatedAt: 2_000 });
    journal.updateRun('run_a', {
      status: 'succeeded',
      stopReason: 'done',
      summary: { stages: 8, files: ['a.ts'] },
      finishedAt: 3_000,
      updatedAt: 3_000,
    });
    journal.updateRun('run_a', { pid: null, updatedAt: 4_000 });
    journal.close();

    using reopened = Journal.open(path);
    expect(reopened.getRun('run_a')).toMatchObject({
      status: 'succeeded',
      stopReason: 'done',
      summary: { stages: 8, files: ['a.ts'] },
      activeMs: 1500,
      pid: null,
      createdAt: 1_000,
      updatedAt: 4_000,
      finishedAt: 3_000,
      settings: { models: { coder: 'scripted/x' }, budgetUsd: 5 },
    });
  });

  it('refuses to update an unknown run, naming it and pointing at `loki runs`', () => {
    const journal = openTempJournal();
    try {
      journal.updateRun('run_nope', { status: 'failed', updatedAt: 1 });
      expect.unreachable();
    } catch (error) {
      expect(LokiError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'journal.run-not-found',
        category: 'bad-input',
        details: { runId: 'run_nope' },
      });
      expect((error as Error).message).toContain('"run_nope"');
      expect((error as Error).message).toContain('loki runs');
    }
  });
});
