import { describe, expect, it } from 'vitest';
import { LokiError } from '../../core/index.ts';
import type { Task } from '../task-graph.ts';
import { skippedResult, type TaskResult } from './task-result.ts';
import { inProcessScheduler } from './task-scheduler.ts';

const task = (id: string, dependsOn: string[] = []): Task => ({
  id,
  name: id,
  role: 'backend',
  description: id,
  acceptanceCriteria: ['works'],
  dependsOn,
});
const done = (taskId: string): TaskResult => ({
  ...skippedResult(taskId, ''),
  status: 'done',
  reason: null,
});
const failed = (taskId: string, reason: string): TaskResult => ({
  ...skippedResult(taskId, ''),
  status: 'failed',
  reason,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('inProcessScheduler', () => {
  it('starts each task once its dependencies are done, never more than the concurrency at once', async () => {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const tasks = [task('a'), task('b'), task('c'), task('d', ['a', 'b']), task('e', ['d'])];
    const results = await inProcessScheduler.schedule(
      tasks,
      async (current) => {
        running++;
        most = Math.max(most, running);
        log.push(`start ${current.id}`);
        await sleep(current.id === 'c' ? 60 : 10);
        log.push(`end ${current.id}`);
        running--;
        return done(current.id);
      },
      { concurrency: 2, signal: new AbortController().signal },
    );
    expect(results.map((result) => result.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
    expect(most).toBe(2);
    expect(log.indexOf('start d')).toBeGreaterThan(
      Math.max(log.indexOf('end a'), log.indexOf('end b')),
    );
    expect(log.indexOf('start e')).toBeGreaterThan(log.indexOf('end d'));
    // d does not wait for c, which it does not depend on.
    expect(log.indexOf('start d')).toBeLessThan(log.indexOf('end c'));
  });

  it('skips the dependents of a failed task with the reason, and runs the rest', async () => {
    const tasks = [task('a'), task('b', ['a']), task('c', ['b']), task('d')];
    const results = await inProcessScheduler.schedule(
      tasks,
      (current) =>
        Promise.resolve(current.id === 'a' ? failed('a', 'tests fail') : done(current.id)),
      { concurrency: 4, signal: new AbortController().signal },
    );
    expect(results.map((result) => [result.taskId, result.status, result.reason])).toEqual([
      ['a', 'failed', 'tests fail'],
      ['b', 'skipped', 'it depends on a, which failed: tests fail'],
      ['c', 'skipped', 'it depends on b, which was skipped'],
      ['d', 'done', null],
    ]);
  });

  it('on a stop starts nothing new, lets running tasks settle, and throws the reason', async () => {
    const controller = new AbortController();
    const reason = new LokiError({
      code: 'limit.time',
      category: 'limit-reached',
      message: 'time',
    });
    const started: string[] = [];
    const attempt = inProcessScheduler.schedule(
      [task('a'), task('b', ['a'])],
      async (current) => {
        started.push(current.id);
        controller.abort(reason);
        await sleep(5);
        return done(current.id);
      },
      { concurrency: 1, signal: controller.signal },
    );
    await expect(attempt).rejects.toBe(reason);
    expect(started).toEqual(['a']);
  });
});
