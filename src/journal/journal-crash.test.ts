import { describe, expect, it } from 'vitest';
import { Journal } from './journal.ts';
import { journalModuleUrl, startNodeProcess, tempJournalPath } from './test-support.ts';

describe('a run killed with SIGKILL', () => {
  it('leaves every write that returned in the journal, and nothing half-written', async () => {
    const path = tempJournalPath();
    const crashed = startNodeProcess(`
      import { Journal } from ${JSON.stringify(journalModuleUrl)};
      const journal = Journal.open(${JSON.stringify(path)});
      journal.createRun({ runId: 'run_1', prd: 'p', prdPath: null, outDir: '/o', settings: {}, createdAt: 1 });
      for (let i = 0; i < 500; i++) {
        journal.appendEvent({ runId: 'run_1', type: 'tick', at: i, data: { i } });
      }
      journal.saveCheckpoint({ runId: 'run_1', stage: 'decomposition', output: { tasks: 3 }, at: 2 });
      journal.transaction(() => {
        journal.appendEvent({ runId: 'run_1', type: 'half-done', at: 3, data: {} });
        // Killed inside the transaction: this write was never committed.
        process.kill(process.pid, 'SIGKILL');
      });
    `);
    expect(await crashed.exited).toMatchObject({ signal: 'SIGKILL' });

    using journal = Journal.open(path);
    const events = journal.listEvents('run_1');
    expect(events.map((event) => event.type)).toEqual(Array(500).fill('tick'));
    expect(journal.getCheckpoint('run_1', 'decomposition')?.output).toEqual({ tasks: 3 });
    expect(journal.getRun('run_1')?.status).toBe('running');
  });
});
