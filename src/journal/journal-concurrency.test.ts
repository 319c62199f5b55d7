import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import {
  createTestRun,
  journalModuleUrl,
  openTempJournal,
  startNodeProcess,
  tempJournalPath,
} from './test-support.ts';

describe('one journal file shared by several connections', () => {
  it('shows one instance what another wrote, including writes after it opened', () => {
    const path = tempJournalPath();
    const writer = openTempJournal(path);
    const reader = openTempJournal(path);
    createTestRun(writer);
    expect(reader.getRun('run_1')?.prd).toContain('Todo API');
    const seq = writer.appendEvent({ runId: 'run_1', type: 'stage-started', at: 2, data: {} });
    expect(reader.listEvents('run_1').map((event) => event.seq)).toEqual([seq]);
    writer.updateRun('run_1', { status: 'stopped', stopReason: 'budget', updatedAt: 3 });
    expect(reader.getRun('run_1')).toMatchObject({ status: 'stopped', stopReason: 'budget' });
  });

  it('lets the writer commit while another connection is in the middle of a read', () => {
    const path = tempJournalPath();
    const journal = openTempJournal(path);
    createTestRun(journal);
    journal.appendEvent({ runId: 'run_1', type: 'a', at: 1, data: {} });
    const dashboard = new DatabaseSync(path);
    try {
      dashboard.exec('BEGIN');
      expect(dashboard.prepare('SELECT COUNT(*) AS n FROM events').get()?.n).toBe(1);
      // In WAL mode the open read snapshot does not block this commit.
      journal.appendEvent({ runId: 'run_1', type: 'b', at: 2, data: {} });
      expect(dashboard.prepare('SELECT COUNT(*) AS n FROM events').get()?.n).toBe(1);
      dashboard.exec('COMMIT');
      expect(dashboard.prepare('SELECT COUNT(*) AS n FROM events').get()?.n).toBe(2);
    } finally {
      dashboard.close();
    }
  });

  it('waits for another process holding the write lock instead of failing', async () => {
    const path = tempJournalPath();
    const journal = openTempJournal(path);
    createTestRun(journal);
    const holdMs = 400;
    const other = startNodeProcess(`
      import { DatabaseSync } from 'node:sqlite';
      const db = new DatabaseSync(${JSON.stringify(path)});
      db.exec('BEGIN IMMEDIATE');
      db.exec("INSERT INTO events (run_id, type, at, data) VALUES ('run_1', 'other', 1, '{}')");
      console.log('ready');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});
    `);
    await other.ready;
    const started = performance.now();
    const seq = journal.appendEvent({ runId: 'run_1', type: 'mine', at: 2, data: {} });
    expect(performance.now() - started).toBeGreaterThan(holdMs / 2);
    expect(await other.exited).toMatchObject({ code: 0 });
    expect(journal.listEvents('run_1').map((event) => [event.type, event.seq])).toEqual([
      ['other', seq - 1],
      ['mine', seq],
    ]);
  });

  it('gives distinct, increasing seqs to events appended by two processes at once', async () => {
    const path = tempJournalPath();
    const journal = openTempJournal(path);
    createTestRun(journal);
    const count = 2_000;
    const other = startNodeProcess(`
      import { Journal } from ${JSON.stringify(journalModuleUrl)};
      using journal = Journal.open(${JSON.stringify(path)});
      console.log('ready');
      for (let i = 0; i < ${count}; i++) {
        journal.appendEvent({ runId: 'run_1', type: 'other', at: i, data: { i } });
      }
    `);
    await other.ready;
    const mine: number[] = [];
    for (let i = 0; i < count; i++) {
      mine.push(journal.appendEvent({ runId: 'run_1', type: 'mine', at: i, data: { i } }));
    }
    expect(await other.exited).toMatchObject({ code: 0 });

    const events = journal.listEvents('run_1');
    expect(events).toHaveLength(2 * count);
    const seqs = events.map((event) => event.seq);
    expect(seqs.every((seq, index) => index === 0 || seq > seqs[index - 1]!)).toBe(true);
    expect(events.filter((event) => event.type === 'mine').map((event) => event.seq)).toEqual(mine);
    // Each process's own events kept their order.
    const theirs = events.filter((event) => event.type === 'other');
    expect(theirs.map((event) => (event.data as { i: number }).i)).toEqual(
      Array.from({ length: count }, (_, i) => i),
    );
  });
});
