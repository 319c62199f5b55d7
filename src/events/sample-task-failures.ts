import { EventBus, type EventSink } from './event-bus.ts';
import type { ManualClock } from './manual-clock.ts';
import type { RunEventBody, TestCounts } from './run-event.ts';

const counts = (passed: number, failed: number, coveragePercent: number): TestCounts => ({
  passed,
  failed,
  skipped: 0,
  total: passed + failed,
  coveragePercent,
});
const loginFailure =
  'the tests still fail after 3 rounds:\n`npm test`: 1 of 9 tests failed.\n' +
  '- login rejects a wrong password: expected 401, got 500\n\nOutput:\n' +
  ' FAIL  src/login.test.ts > login > rejects a wrong password\n' +
  'AssertionError: expected 500 to be 401 // Object.is equality';
const failed = (taskId: string, reason: string, tests: TestCounts | null, rounds: number) =>
  ({
    type: 'task-finished',
    taskId,
    status: 'failed',
    reason,
    summary: '',
    commit: null,
    filesChanged: 2,
    tests,
    rounds,
  }) as const;
const tool = (agent: string, name: string, input: object, ok = true) =>
  ({
    type: 'tool-called',
    agent,
    tool: name,
    input: JSON.stringify(input),
    ok,
    output: '',
  }) as const;

/**
 * A run for tests of the task view whose execution goes wrong every way a task can: a1's
 * tests still fail after three rounds, a2's merge conflict cannot be resolved, a3 is skipped
 * because of a1, and the time limit stops the run while a4 runs and a5 waits for it.
 */
export function playTaskFailures(sink: EventSink, clock: ManualClock): void {
  const bus = new EventBus('run_tasks', clock);
  bus.subscribe(sink);
  const at = (ms: number, ...bodies: RunEventBody[]): void => {
    clock.advance(ms);
    for (const body of bodies) bus.emit(body);
  };
  const execute = { stage: 'execute', title: 'Parallel execution' };
  at(0, {
    type: 'run-started',
    prdPath: null,
    outDir: 'out',
    models: {},
    resumed: false,
    stages: [{ ...execute, built: true }],
  });
  at(0, {
    type: 'tasks-planned',
    tasks: [
      { id: 'a1', name: 'Add login', role: 'backend', dependsOn: [] },
      { id: 'a2', name: 'Add signup', role: 'backend', dependsOn: [] },
      { id: 'a3', name: 'Add sessions', role: 'backend', dependsOn: ['a1'] },
      { id: 'a4', name: 'Add profile page', role: 'frontend', dependsOn: [] },
      { id: 'a5', name: 'Write end-to-end tests', role: 'tests', dependsOn: ['a3', 'a4'] },
    ],
  });
  at(0, { type: 'stage-started', ...execute });
  at(
    0,
    { type: 'task-started', taskId: 'a1', name: 'Add login', role: 'backend' },
    { type: 'task-started', taskId: 'a2', name: 'Add signup', role: 'backend' },
  );
  at(
    1_000,
    tool('task:a1', 'write_file', { path: 'src/login.ts', content: '…' }),
    tool('task:a2', 'run_command', { command: 'npm run lint' }, false),
  );
  at(5_000, { type: 'tests-ran', taskId: 'a1', round: 1, passed: false, counts: counts(7, 2, 60) });
  at(5_000, { type: 'tests-ran', taskId: 'a2', round: 1, passed: true, counts: counts(6, 0, 80) });
  at(1_000, tool('resolver:a2', 'edit_file', { path: 'src/db.ts', old_string: '<<<<<<<' }));
  const afterResolution = 'the tests fail after the resolution:\n`npm test`: 1 of 6 tests failed.';
  at(
    2_000,
    {
      type: 'merge-finished',
      taskId: 'a2',
      status: 'unresolved',
      conflictedFiles: ['src/app.ts', 'src/db.ts'],
      reason: afterResolution,
    },
    failed(
      'a2',
      `its merge conflicted in src/app.ts, src/db.ts and could not be resolved: ${afterResolution}`,
      counts(6, 0, 80),
      1,
    ),
    { type: 'task-started', taskId: 'a4', name: 'Add profile page', role: 'frontend' },
  );
  at(5_000, { type: 'tests-ran', taskId: 'a1', round: 2, passed: false, counts: counts(8, 1, 61) });
  at(5_000, { type: 'tests-ran', taskId: 'a1', round: 3, passed: false, counts: counts(8, 1, 61) });
  at(0, failed('a1', loginFailure, counts(8, 1, 61), 3), {
    type: 'task-finished',
    taskId: 'a3',
    status: 'skipped',
    reason: `it depends on a1, which failed: ${loginFailure}`,
    summary: '',
    commit: null,
    filesChanged: 0,
    tests: null,
    rounds: 0,
  });
  at(3_000, tool('task:a4', 'write_file', { path: 'src/pages/profile.tsx', content: '…' }));
  at(1_000, { type: 'limit-reached', limit: 'time', used: 28_000, max: 28_000 });
  const stopped = 'stopped by the time limit';
  at(0, {
    type: 'run-finished',
    summary: {
      runId: 'run_tasks',
      status: 'stopped',
      stopReason: 'time limit reached',
      durationMs: 28_000,
      stages: [{ ...execute, outcome: 'failed', durationMs: 28_000, summary: stopped }],
      usage: {
        total: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
        byModel: {},
        byRole: {},
      },
      error: null,
      outDir: 'out',
    },
  });
}
