import { describe, expect, it } from 'vitest';
import { createTestRun, openTempJournal } from '../journal/test-support.ts';
import { buildRunView } from './run-view.ts';

describe('buildRunView on a journal a run is still writing', () => {
  it('shows running tasks, findings, measured gates and the deployment as the journal records them', () => {
    const journal = openTempJournal();
    createTestRun(journal, 'run_1');
    const event = (type: string, data: object) =>
      journal.appendEvent({ runId: 'run_1', type, at: 5_000, data });
    event('tasks-planned', {
      tasks: [
        { id: 'api', name: 'API', role: 'backend', dependsOn: [] },
        { id: 'ui', name: 'UI', role: 'frontend', dependsOn: ['api'] },
      ],
    });
    event('task-started', { taskId: 'api', name: 'API', role: 'backend' });
    event('finding-raised', {
      stage: 'review',
      source: 'security',
      severity: 'high',
      file: 'src/db.js',
      line: 12,
      title: 'SQL built by string concatenation',
      blocking: true,
      lessonId: null,
    });
    // An event of a type this Loki does not know is left out, not an error.
    event('something-new', { detail: 1 });
    event('deploy-promoted', { url: 'http://127.0.0.1:3000' });
    journal.saveCheckpoint({
      runId: 'run_1',
      stage: 'quality',
      output: {
        passed: false,
        gates: [
          { gate: 'tests', passed: true, measured: '4/4 passed' },
          { gate: 'coverage', passed: false, measured: '52.0 %' },
        ],
      },
      at: 6_000,
    });
    journal.saveCheckpoint({
      runId: 'run_1',
      stage: 'deployment',
      output: { url: 'http://127.0.0.1:3000', healthy: true },
      at: 7_000,
    });

    const view = buildRunView(journal, 'run_1');
    expect(view.tasks.map((task) => [task.taskId, task.state, task.dependsOn])).toEqual([
      ['api', 'running', []],
      ['ui', 'pending', ['api']],
    ]);
    expect(view.findings).toEqual([
      expect.objectContaining({ severity: 'high', file: 'src/db.js', blocking: true }),
    ]);
    expect(view.gates.map((gate) => [gate.gate, gate.passed])).toEqual([
      ['tests', true],
      ['coverage', false],
    ]);
    expect(view.run.qualityScore).toBe(0.5);
    expect(view.deployment).toEqual({
      output: { url: 'http://127.0.0.1:3000', healthy: true },
      events: [{ type: 'deploy-promoted', at: 5_000, data: { url: 'http://127.0.0.1:3000' } }],
    });
    expect(view.lastSeq).toBe(journal.listEvents('run_1').at(-1)!.seq);
  });
});
