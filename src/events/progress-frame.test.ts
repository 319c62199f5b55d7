import { describe, expect, test } from 'vitest';
import { renderFrame } from './progress-frame.ts';
import { plainPaint } from './progress-style.ts';
import { applyRunEvent, createRunProgress } from './run-progress-state.ts';
import { createManualClock, playSampleRun } from './sample-run.ts';

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
      '    t1  Scaffold the API   coder',
      '    … 2 more',
    ]);
    expect(short.at(-1)).toBe(full.at(-1));

    const tiny = renderFrame(progress, { now: clock.now(), paint: plainPaint, maxLines: 5 });
    expect(tiny).toHaveLength(full.length - 4);
    expect(tiny.join('\n')).not.toContain('Tasks');
  });
});
