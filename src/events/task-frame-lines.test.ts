import { describe, expect, test } from 'vitest';
import { plainPaint } from './progress-style.ts';
import type { RunEventBody } from './run-event.ts';
import { taskLines } from './task-frame-lines.ts';
import { applyTaskEvent, type TaskEvent, type TaskProgress } from './task-progress-state.ts';

const passing = { passed: 3, failed: 0, skipped: 0, total: 3, coveragePercent: 90 };

/** Twelve tasks: five done, two running (one with a tool call), one failed, four waiting. */
function twelveTasks(): TaskProgress[] {
  const tasks: TaskProgress[] = [];
  const apply = (at: number, body: RunEventBody) =>
    applyTaskEvent(tasks, { ...body, runId: 'run_many', at } as TaskEvent);
  const ids = Array.from({ length: 12 }, (_, index) => `t${String(index + 1).padStart(2, '0')}`);
  apply(0, {
    type: 'tasks-planned',
    tasks: ids.map((id, index) => ({
      id,
      name: `Task number ${index + 1}`,
      role: 'backend',
      dependsOn: id === 't12' ? ['t08'] : [],
    })),
  });
  const finish = (taskId: string, status: 'done' | 'failed', reason: string | null) =>
    apply(9_000, {
      type: 'task-finished',
      taskId,
      status,
      reason,
      summary: '',
      commit: null,
      filesChanged: 1,
      tests: status === 'done' ? passing : null,
      rounds: 1,
    });
  for (const id of ids.slice(0, 8)) {
    apply(1_000, { type: 'task-started', taskId: id, name: id, role: 'backend' });
  }
  for (const id of ids.slice(0, 5)) finish(id, 'done', null);
  finish('t08', 'failed', 'the agent gave up: no progress in 5 replies');
  const input = JSON.stringify({ command: 'npm test' });
  apply(9_500, {
    type: 'tool-called',
    agent: 'task:t06',
    tool: 'run_command',
    input,
    ok: true,
    output: '',
  });
  return tasks;
}

const options = { now: 10_000, paint: plainPaint, spinnerFrame: '⠙' };

describe('taskLines', () => {
  test('lists every task in plan order, with what a running agent does under its task', () => {
    expect(taskLines(twelveTasks(), 20, options)).toEqual([
      '  Tasks (12)',
      '    ✔ t01  Task number 1   done in 8.0s · tests 3/3 passed, 90% coverage',
      '    ✔ t02  Task number 2   done in 8.0s · tests 3/3 passed, 90% coverage',
      '    ✔ t03  Task number 3   done in 8.0s · tests 3/3 passed, 90% coverage',
      '    ✔ t04  Task number 4   done in 8.0s · tests 3/3 passed, 90% coverage',
      '    ✔ t05  Task number 5   done in 8.0s · tests 3/3 passed, 90% coverage',
      '    ⠙ t06  Task number 6   running 9.0s',
      '      › run_command npm test',
      '    ⠙ t07  Task number 7   running 9.0s',
      '    ✖ t08  Task number 8   failed after 8.0s: the agent gave up: no progress in 5 replies',
      '    ◼ t09  Task number 9   pending',
      '    ◼ t10  Task number 10  pending',
      '    ◼ t11  Task number 11  pending',
      '    ◼ t12  Task number 12  waiting for t08',
    ]);
  });

  test('when short of room, gives up activity lines before any task line', () => {
    const lines = taskLines(twelveTasks(), 13, options);
    expect(lines).toHaveLength(13);
    expect(lines.join('\n')).not.toContain('›');
  });

  test('keeps running and failed tasks first, then activity, then waiting tasks, and counts the rest', () => {
    expect(taskLines(twelveTasks(), 8, options)).toEqual([
      '  Tasks (12)',
      '    ⠙ t06  Task number 6   running 9.0s',
      '      › run_command npm test',
      '    ⠙ t07  Task number 7   running 9.0s',
      '    ✖ t08  Task number 8   failed after 8.0s: the agent gave up: no progress in 5 replies',
      '    ◼ t09  Task number 9   pending',
      '    ◼ t10  Task number 10  pending',
      '    … 7 more: 2 pending, 5 done',
    ]);
    expect(taskLines(twelveTasks(), 3, options)).toEqual([
      '  Tasks (12)',
      '    ⠙ t06  Task number 6   running 9.0s',
      '    … 11 more: 1 running, 1 failed, 4 pending, 5 done',
    ]);
    expect(taskLines(twelveTasks(), 1, options)).toEqual([]);
  });
});
