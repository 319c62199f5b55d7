import type { RunEventBody, TestCounts } from './run-event.ts';

/** The sample run's plan: a scaffold, then two tasks on top of it that may run side by side. */
export const samplePlan = [
  { id: 't1', name: 'Scaffold the API', role: 'architect', dependsOn: [] },
  { id: 't2', name: 'Add todo routes', role: 'backend', dependsOn: ['t1'] },
  { id: 't3', name: 'Validate todo input', role: 'backend', dependsOn: ['t1'] },
];

/** An event of the sample's execution stage, at its offset from the stage's start. */
export type TimedEvent = [offsetMs: number, body: RunEventBody];

const tool = (agent: string, name: string, input: object, ok = true, output = 'ok') =>
  ({ type: 'tool-called', agent, tool: name, input: JSON.stringify(input), ok, output }) as const;

const counts = (passed: number, failed: number, coveragePercent: number): TestCounts => ({
  passed,
  failed,
  skipped: 0,
  total: passed + failed,
  coveragePercent,
});

const tests = (taskId: string, round: number, result: TestCounts): RunEventBody => ({
  type: 'tests-ran',
  taskId,
  round,
  passed: result.failed === 0,
  counts: result,
});

const done = (taskId: string, summary: string, result: TestCounts, rounds: number) =>
  ({
    type: 'task-finished',
    taskId,
    status: 'done',
    reason: null,
    summary,
    commit: `c0ffee${taskId.slice(1)}`,
    filesChanged: 4,
    tests: result,
    rounds,
  }) as const;

const merged = (taskId: string, conflictedFiles: string[] = []) =>
  ({ type: 'merge-finished', taskId, status: 'merged', conflictedFiles, reason: null }) as const;

const started = (index: number): RunEventBody => {
  const { id, name, role } = samplePlan[index]!;
  return { type: 'task-started', taskId: id, name, role };
};

/**
 * The task events of the sample's execution stage, as `run-task` emits them: t1 passes its
 * tests at once; t2 and t3 then run side by side, one of t3's edits fails, t2's first test
 * round fails and goes back to its agent, t3 merges first, so t2's merge conflicts in
 * src/app.ts and a resolver agent settles it.
 */
export function sampleTaskEvents(): TimedEvent[] {
  const t1Tests = counts(4, 0, 92.31);
  const t2Tests = counts(16, 0, 86.2);
  const t3Tests = counts(10, 0, 88.9);
  return [
    [0, started(0)],
    [
      1_200,
      tool('task:t1', 'write_file', {
        path: 'package.json',
        content: '{\n  "name": "todo-api"\n}',
      }),
    ],
    [
      2_400,
      tool('task:t1', 'write_file', {
        path: 'src/app.ts',
        content: "import express from 'express';\n",
      }),
    ],
    [4_100, tool('task:t1', 'run_command', { command: 'npm install' })],
    [6_300, tool('task:t1', 'run_command', { command: 'npm test' })],
    [6_800, tool('task:t1', 'finish', { summary: 'Express app with GET /health' })],
    [9_800, tests('t1', 1, t1Tests)],
    [10_300, merged('t1')],
    [
      10_300,
      done(
        't1',
        'Express app in src/app.ts with GET /health; vitest and supertest run with coverage via npm test.',
        t1Tests,
        1,
      ),
    ],
    [10_300, started(1)],
    [10_300, started(2)],
    [12_000, tool('task:t2', 'read_file', { path: 'src/app.ts' })],
    [13_000, tool('task:t3', 'search', { pattern: 'app\\.(get|post)', path: 'src' })],
    [15_000, tool('task:t2', 'write_file', { path: 'src/routes/todos.ts', content: '…' })],
    [
      17_000,
      tool(
        'task:t3',
        'edit_file',
        { path: 'src/app.ts', old_string: 'app.use(', new_string: '…' },
        false,
        'error: old_string was not found in src/app.ts',
      ),
    ],
    [18_000, tool('task:t3', 'read_file', { path: 'src/app.ts' })],
    [
      20_000,
      tool('task:t3', 'edit_file', {
        path: 'src/app.ts',
        old_string: 'app.use(express.json());',
        new_string: '…',
      }),
    ],
    [22_000, tool('task:t2', 'run_command', { command: 'npm test -- routes' })],
    [25_000, tool('task:t2', 'finish', { summary: 'CRUD routes for todos' })],
    [28_000, tests('t2', 1, counts(13, 3, 71.4))],
    [31_000, tool('task:t3', 'run_command', { command: 'npm test\n  -- --coverage' })],
    [
      32_000,
      tool('task:t2', 'edit_file', {
        path: 'src/routes/todos.ts',
        old_string: 'res.json(todo)',
        new_string: '…',
      }),
    ],
    [33_000, tool('task:t3', 'finish', { summary: 'zod schemas for todos' })],
    [36_000, tests('t3', 1, t3Tests)],
    [36_500, merged('t3')],
    [
      36_500,
      done(
        't3',
        'zod schemas in src/schemas/todo.ts; invalid bodies get a 400 with the failing fields.',
        t3Tests,
        1,
      ),
    ],
    [40_000, tool('task:t2', 'run_command', { command: 'npm test' })],
    [42_000, tool('task:t2', 'finish', { summary: 'CRUD routes for todos' })],
    [45_000, tests('t2', 2, t2Tests)],
    [47_000, tool('resolver:t2', 'read_file', { path: 'src/app.ts' })],
    [
      49_000,
      tool('resolver:t2', 'edit_file', {
        path: 'src/app.ts',
        old_string: '<<<<<<< HEAD',
        new_string: '…',
      }),
    ],
    [52_000, tool('resolver:t2', 'run_command', { command: 'npm test' })],
    [54_000, tool('resolver:t2', 'finish', { summary: 'kept both the routes and the validation' })],
    [55_500, merged('t2', ['src/app.ts'])],
    [
      55_500,
      done(
        't2',
        'GET, POST, PATCH and DELETE /todos in src/routes/todos.ts, stored in memory; 404 for unknown ids.',
        t2Tests,
        2,
      ),
    ],
  ];
}
