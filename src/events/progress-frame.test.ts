import { describe, expect, test } from 'vitest';
import { renderFrame } from './progress-frame.ts';
import { plainPaint } from './progress-style.ts';
import { applyRunEvent, createRunProgress } from './run-progress-state.ts';
import { createManualClock } from './manual-clock.ts';
import { playSampleRun } from './sample-run.ts';

describe('renderFrame', () => {
  test('shows a running stage with the spinner and its time so far, and a waiting retry', () => {
    const progress = createRunProgress();
    const untilRetry = playSampleRun().slice(0, 5);
    for (const event of untilRetry) applyRunEvent(progress, event);

    const frame = renderFrame(progress, {
      now: untilRetry.at(-1)!.at + 700,
      paint: plainPaint,
      spinnerFrame: '⠙',
    });
    expect(frame.slice(1, 3)).toEqual([
      '  ✔ Memory retrieval     restored from checkpoint: 3 lessons',
      '  ⠙ Decomposition        running 2.2s',
    ]);
    expect(frame.slice(-2)).toEqual([
      '  ℹ planner call to anthropic/claude-sonnet-4-5 (decompose) retried (attempt 1), waiting 2.0s: HTTP 429 Too Many Requests',
      '  elapsed 2.2s · $0.00 · 0 calls · tokens 0 in / 0 out · 1 retry',
    ]);
  });

  test('shows each task with its state, tests and latest tool call, and counts them in the footer', () => {
    const events = playSampleRun();
    const progress = createRunProgress();
    const edit = events.findIndex(
      (event) =>
        event.type === 'tool-called' && event.agent === 'task:t2' && event.tool === 'edit_file',
    );
    for (const event of events.slice(0, edit + 1)) applyRunEvent(progress, event);

    const now = events[edit]!.at + 400;
    const frame = renderFrame(progress, { now, paint: plainPaint, spinnerFrame: '⠙' });
    expect(frame.slice(9, 15)).toEqual([
      '  Tasks (3)',
      '    ✔ t1  Scaffold the API     done in 10.3s · tests 4/4 passed, 92% coverage',
      '    ⠙ t2  Add todo routes      running 22.1s · round 1: 3 of 16 failing',
      '      › edit_file src/routes/todos.ts',
      '    ⠙ t3  Validate todo input  running 22.1s',
      '      › run_command npm test -- --coverage',
    ]);
    expect(frame.at(-1)).toMatch(/^ {2}elapsed 36\.6s · tasks 1\/3 done, 2 running · \$0\.0873 · /);

    // Once its tests pass, a task merging with a conflict shows its resolver at work.
    const resolving = events.findIndex(
      (event) => event.type === 'tool-called' && event.agent === 'resolver:t2',
    );
    for (const event of events.slice(edit + 1, resolving + 1)) applyRunEvent(progress, event);
    const later = renderFrame(progress, {
      now: events[resolving]!.at,
      paint: plainPaint,
      spinnerFrame: '⠙',
    });
    expect(later.slice(11, 13)).toEqual([
      '    ⠙ t2  Add todo routes      running 36.7s · tests 16/16 passed in round 2, 86% coverage',
      '      › resolver: read_file src/app.ts',
    ]);
  });

  test('gives the task list up first when the screen is short, never a stage or the footer', () => {
    const clock = createManualClock();
    const progress = createRunProgress();
    for (const event of playSampleRun(undefined, clock)) applyRunEvent(progress, event);
    const full = renderFrame(progress, { now: clock.now(), paint: plainPaint });

    const short = renderFrame(progress, {
      now: clock.now(),
      paint: plainPaint,
      maxLines: full.length - 1,
    });
    expect(short).toHaveLength(full.length - 1);
    expect(short.slice(9, 12)).toEqual([
      '  Tasks (3)',
      '    ✔ t1  Scaffold the API     done in 10.3s · tests 4/4 passed, 92% coverage',
      '    … 2 more: 2 done',
    ]);
    expect(short.at(-1)).toBe(full.at(-1));

    const tiny = renderFrame(progress, { now: clock.now(), paint: plainPaint, maxLines: 5 });
    expect(tiny).toHaveLength(full.length - 4);
    expect(tiny.join('\n')).not.toContain('Tasks');
  });
});
