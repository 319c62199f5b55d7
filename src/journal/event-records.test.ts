import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { Journal } from './journal.ts';
import type { NewEvent } from './event-records.ts';
import { createTestRun, openTempJournal, tempJournalPath } from './test-support.ts';

const event = (runId: string, type: string, at: number, data: unknown = { at }): NewEvent => ({
  runId,
  type,
  at,
  data,
});

describe('events', () => {
  it('gives increasing seqs across runs and lists one run in append order', () => {
    const journal = openTempJournal();
    createTestRun(journal, 'run_a');
    createTestRun(journal, 'run_b');
    const first = journal.appendEvent(event('run_a', 'run-started', 1));
    const other = journal.appendEvent(event('run_b', 'run-started', 2));
    const second = journal.appendEvent(event('run_a', 'stage-started', 3, { stage: 'memory' }));
    expect(first).toBeLessThan(other);
    expect(other).toBeLessThan(second);
    expect(journal.listEvents('run_a')).toEqual([
      { seq: first, runId: 'run_a', type: 'run-started', at: 1, data: { at: 1 } },
      { seq: second, runId: 'run_a', type: 'stage-started', at: 3, data: { stage: 'memory' } },
    ]);
  });

  it('stores any JSON data as given, and undefined as null', () => {
    const journal = openTempJournal();
    createTestRun(journal);
    const values = ['text', 42, true, null, [1, 'two'], { nested: { deep: [{}] } }, undefined];
    for (const data of values) journal.appendEvent({ runId: 'run_1', type: 'x', at: 1, data });
    expect(journal.listEvents('run_1').map((stored) => stored.data)).toEqual(
      values.map((value) => value ?? null),
    );
  });

  it('filters by cursor, limit and types', () => {
    const journal = openTempJournal();
    createTestRun(journal);
    const seqs = ['a', 'b', 'a', 'c', 'a'].map((type, at) =>
      journal.appendEvent(event('run_1', type, at)),
    );
    const types = (options: Parameters<Journal['listEvents']>[1]) =>
      journal.listEvents('run_1', options).map((stored) => `${stored.type}${stored.at}`);
    expect(types({ afterSeq: seqs[1] })).toEqual(['a2', 'c3', 'a4']);
    expect(types({ limit: 2 })).toEqual(['a0', 'b1']);
    expect(types({ types: ['a', 'c'] })).toEqual(['a0', 'a2', 'c3', 'a4']);
    expect(types({ types: ['c', 'b'], afterSeq: seqs[0], limit: 1 })).toEqual(['b1']);
    expect(types({ types: [] })).toEqual([]);
  });

  it('appends a batch in one commit, all or none', () => {
    const path = tempJournalPath();
    const journal = Journal.open(path);
    createTestRun(journal);
    const seqs = journal.appendEvents([event('run_1', 'a', 1), event('run_1', 'b', 2)]);
    expect(seqs).toHaveLength(2);
    expect(seqs[1]).toBe(seqs[0]! + 1);
    expect(() =>
      journal.appendEvents([event('run_1', 'c', 3), event('run_missing', 'd', 4)]),
    ).toThrow(expect.objectContaining({ code: 'journal.run-not-found' }));
    journal.close();
    using reopened = Journal.open(path);
    expect(reopened.listEvents('run_1').map((stored) => stored.type)).toEqual(['a', 'b']);
  });

  it('refuses an event of an unknown run, and data JSON cannot hold', () => {
    const journal = openTempJournal();
    createTestRun(journal);
    expect(() => journal.appendEvent(event('run_nope', 'x', 1))).toThrow(
      expect.objectContaining({ code: 'journal.run-not-found', details: { runId: 'run_nope' } }),
    );
    expect(() => journal.appendEvent(event('run_1', 'x', 1, { big: 1n }))).toThrow(
      expect.objectContaining({ code: 'journal.not-json' }),
    );
  });

  it('reads back a hand-edited non-JSON value as a clear error, not a wrong type', () => {
    const path = tempJournalPath();
    const journal = openTempJournal(path);
    createTestRun(journal);
    journal.appendEvent(event('run_1', 'x', 1));
    const db = new DatabaseSync(path);
    db.exec("UPDATE events SET data = '{broken'");
    db.close();
    expect(() => journal.listEvents('run_1')).toThrow(
      expect.objectContaining({ code: 'journal.unreadable-row' }),
    );
  });
});
