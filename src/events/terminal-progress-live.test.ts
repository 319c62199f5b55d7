import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { EventBus } from './event-bus.ts';
import { createFakeTerminal } from './fake-terminal.ts';
import { createManualClock } from './manual-clock.ts';
import { playSampleRun } from './sample-run.ts';
import { createTerminalProgress } from './terminal-progress.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** What the plain view prints once the sample run has finished: the interactive one must agree. */
function plainSummaryBlock(): string[] {
  const terminal = createFakeTerminal({ isTTY: false });
  const clock = createManualClock();
  playSampleRun(createTerminalProgress({ stream: terminal.stream, clock }).sink, clock);
  const text = terminal.text();
  return text.slice(text.indexOf('\n\n') + 1).split('\n');
}

/** The last frame drawn in place, and what was written below it once the run finished. */
function finalFrameAndAfter(text: string): [string[], string[]] {
  const last = text.slice(text.lastIndexOf('\u001b[0J') + '\u001b[0J'.length);
  const end = last.indexOf('\n\n') + 1;
  return [last.slice(0, end).split('\n'), last.slice(end).split('\n')];
}

describe('createTerminalProgress, interactive (a terminal)', () => {
  test('ends with a frame of the same facts, then the summary block, and no timer left', () => {
    vi.useFakeTimers();
    const terminal = createFakeTerminal({ isTTY: true, columns: 140, rows: 40 });
    const clock = createManualClock();
    const view = createTerminalProgress({ stream: terminal.stream, clock });
    playSampleRun(view.sink, clock);

    expect(vi.getTimerCount()).toBe(0);
    const text = terminal.text();
    const [frame, after] = finalFrameAndAfter(text);
    expect(frame).toEqual([
      '❯ Loki run run_sample (resumed) → out/todo-api',
      '  ✔ Memory retrieval     restored from checkpoint: 3 lessons',
      '  ✔ Decomposition        done in 4.2s: 3 tasks',
      '  ✔ Parallel execution   done in 1m 00s: 3 tasks built and merged, 30 tests passing, 1 conflict resolved',
      '  ✔ Parallel review      done in 12.3s: 2 findings',
      '  ↓ Conflict resolution  skipped: no memory conflicts',
      '  ✖ Security audit       failed after 850ms: an AWS access key in src/config.ts:12 [guard.secret-found]',
      '  ⊘ Deployment           not built yet',
      '  ⊘ Macro and lessons    not built yet',
      '  Tasks (3)',
      '    ✔ t1  Scaffold the API     done in 10.3s · tests 4/4 passed, 92% coverage',
      '    ✔ t2  Add todo routes      done in 45.2s · tests 16/16 passed in round 2, 86% coverage · conflict in src/app.ts resolved',
      '    ✔ t3  Validate todo input  done in 26.2s · tests 10/10 passed, 88% coverage',
      '  ⚠ budget at 87% of its limit: $0.0873 of $0.1000',
      '  elapsed 1m 18s · tasks 3/3 done · $0.0873 · 3 calls (1 from journal) · tokens 9.2k in / 4.3k out · 1 retry',
      '',
    ]);
    expect(after).toEqual(plainSummaryBlock());
    // The warning was printed above the live frame once, for good, not redrawn with it.
    expect(text.split('⚠ bwrap not found').length - 1).toBe(2);

    const written = terminal.writes.length;
    view.stop();
    expect(terminal.writes.length).toBe(written);
  });

  test('redraws at most ten times a second while a stage runs, and stop() ends the timer', () => {
    vi.useFakeTimers();
    const terminal = createFakeTerminal({ isTTY: true, columns: 80, rows: 24 });
    const clock = createManualClock();
    const view = createTerminalProgress({ stream: terminal.stream, clock });
    const bus = new EventBus('run_live', clock);
    bus.subscribe(view.sink);
    const stages = [{ stage: 'decompose', title: 'Decomposition', built: true }];
    bus.emit({
      type: 'run-started',
      prdPath: null,
      outDir: 'out',
      models: {},
      resumed: false,
      stages,
    });
    bus.emit({ type: 'stage-started', stage: 'decompose', title: 'Decomposition' });
    const before = terminal.writes.length;

    for (let tick = 0; tick < 20; tick += 1) {
      clock.advance(50);
      vi.advanceTimersByTime(50);
    }

    const redraws = terminal.writes.length - before;
    expect(redraws).toBeGreaterThanOrEqual(5);
    expect(redraws).toBeLessThanOrEqual(10);
    expect(terminal.writes.at(-1)).toContain('running 1.0s');
    view.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(stripVTControlCharacters(terminal.text())).toContain(
      '⚠ Run run_live ended without a summary after 1.0s',
    );
    expect(terminal.text().endsWith('\n')).toBe(true);
  });

  test('colours the frame only when colour is on', () => {
    const plain = createFakeTerminal({ isTTY: true });
    const coloured = createFakeTerminal({ isTTY: true });
    for (const [terminal, color] of [
      [plain, false],
      [coloured, true],
    ] as const) {
      const clock = createManualClock();
      const view = createTerminalProgress({ stream: terminal.stream, clock, color });
      playSampleRun(view.sink, clock);
    }
    expect(plain.text()).not.toContain('\u001b[31m');
    expect(coloured.text()).toContain('\u001b[31m✖\u001b[39m Security audit');
  });

  test('never keeps the process alive: a run left unfinished lets node exit', () => {
    const script = `
      import { createTerminalProgress } from './src/events/terminal-progress.ts';
      const view = createTerminalProgress({ stream: process.stderr, interactive: true });
      const base = { runId: 'run_orphan', at: Date.now() };
      view.sink({ ...base, type: 'run-started', prdPath: null, outDir: 'out', models: {}, resumed: false,
        stages: [{ stage: 'decompose', title: 'Decomposition', built: true }] });
      view.sink({ ...base, type: 'stage-started', stage: 'decompose', title: 'Decomposition' });
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '--eval', script], {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(child.error).toBeUndefined();
    expect(child.status).toBe(0);
    expect(child.stderr).toContain('Decomposition');
  });

  test('keeps the frame one line per fact when outside text has line breaks', () => {
    const terminal = createFakeTerminal({ isTTY: true, columns: 80, rows: 24 });
    const clock = createManualClock();
    const view = createTerminalProgress({ stream: terminal.stream, clock });
    const bus = new EventBus('run_multi', clock);
    bus.subscribe(view.sink);
    const stages = [{ stage: 'execute', title: 'Parallel execution', built: true }];
    bus.emit({
      type: 'run-started',
      prdPath: null,
      outDir: 'out',
      models: {},
      resumed: false,
      stages,
    });
    bus.emit({ type: 'stage-started', stage: 'execute', title: 'Parallel execution' });
    const error = {
      code: 'stack.test-failed',
      category: 'work-failed',
      message: '2 failed\nFAIL a.test.ts',
    };
    bus.emit({ type: 'stage-failed', stage: 'execute', title: 'Parallel execution', error });
    view.stop();

    const frames = terminal.writes.filter((write) => write.includes('Loki run run_multi'));
    // Each redraw moves up exactly as many lines as the frame before it had: 3.
    expect(frames.slice(1).every((frame) => frame.startsWith('\r\u001b[3A\u001b[0J'))).toBe(true);
    expect(frames.at(-1)).toContain('failed after 0ms: 2 failed FAIL a.test.ts [stack.test-…');
  });
});
