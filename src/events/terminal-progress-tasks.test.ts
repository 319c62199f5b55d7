import { describe, expect, test } from 'vitest';
import { createFakeTerminal } from './fake-terminal.ts';
import { createManualClock } from './manual-clock.ts';
import { playTaskFailures } from './sample-task-failures.ts';
import { createTerminalProgress } from './terminal-progress.ts';

const loginReason =
  'the tests still fail after 3 rounds: `npm test`: 1 of 9 tests failed. - login rejects a wrong password: expected 401, got 500';
const signupReason =
  'its merge conflicted in src/app.ts, src/db.ts and could not be resolved: the tests fail after the resolution: `npm test`: 1 of 6 tests failed.';

const summaryBlock = [
  '⚠ Run run_tasks stopped',
  '  status       stopped',
  '  stop reason  time limit reached',
  '  duration     28.0s',
  '  output       out',
  '  usage',
  '    total  0 calls  0 in  0 out  $0.00',
  '  stages',
  '    ✖ Parallel execution  failed after 28.0s: stopped by the time limit',
  '  tasks (0/5 done, 2 failed, 1 skipped, 1 stopped)',
  `    ✖ a1  Add login               failed after 24.0s · round 3: 1 of 9 failing: ${loginReason} Output: FAIL src/login.test.ts >…`,
  `    ✖ a2  Add signup              failed after 14.0s · tests 6/6 passed, 80% coverage: ${signupReason}`,
  `    ↓ a3  Add sessions            skipped: it depends on a1, which failed: ${loginReason} O…`,
  '    ⚠ a4  Add profile page        stopped after 14.0s',
  '    ◼ a5  Write end-to-end tests  not started',
  '',
];

describe('createTerminalProgress, tasks that go wrong', () => {
  test('logs each task start, test round, conflicted merge and end with its reason, no tool call', () => {
    const terminal = createFakeTerminal({ isTTY: false });
    const clock = createManualClock();
    playTaskFailures(createTerminalProgress({ stream: terminal.stream, clock }).sink, clock);

    expect(terminal.text().split('\n')).toEqual([
      '❯ Run run_tasks started: 1 stage; output in out',
      'ℹ 5 tasks planned:',
      '  a1  Add login               backend',
      '  a2  Add signup              backend',
      '  a3  Add sessions            backend   after a1',
      '  a4  Add profile page        frontend',
      '  a5  Write end-to-end tests  tests     after a3, a4',
      '→ Parallel execution started',
      '→ a1 Add login started (backend)',
      '→ a2 Add signup started (backend)',
      '⚠ a1 round 1: 2 of 9 failing',
      'ℹ a2 tests 6/6 passed, 80% coverage',
      '✖ a2 merge conflict in src/app.ts, src/db.ts not resolved: the tests fail after the resolution: `npm test`: 1 of 6 tests failed.',
      `✖ a2 Add signup failed after 14.0s · tests 6/6 passed, 80% coverage: ${signupReason}`,
      '→ a4 Add profile page started (frontend)',
      '⚠ a1 round 2: 1 of 9 failing',
      '⚠ a1 round 3: 1 of 9 failing',
      `✖ a1 Add login failed after 24.0s · round 3: 1 of 9 failing: ${loginReason} Output: FAIL src/login.test.ts >…`,
      `↓ a3 Add sessions skipped: it depends on a1, which failed: ${loginReason} O…`,
      '✖ time limit reached: 28.0s of 28.0s; the run stops here and can be resumed',
      '',
      ...summaryBlock,
    ]);
  });

  test('shows what each running agent does, then ends with every task settled', () => {
    const terminal = createFakeTerminal({ isTTY: true, columns: 100, rows: 40 });
    const clock = createManualClock();
    playTaskFailures(createTerminalProgress({ stream: terminal.stream, clock }).sink, clock);

    const text = terminal.text();
    // A tool call shows at the next redraw: these three were followed by events redrawn at once.
    for (const activity of [
      '      › write_file src/login.ts\n',
      '      › run_command npm run lint (failed)\n',
      '      › resolver: edit_file src/db.ts\n',
    ]) {
      expect(text).toContain(activity);
    }
    const last = text.slice(text.lastIndexOf('\u001b[0J') + '\u001b[0J'.length).split('\n');
    expect(last).toEqual([
      '❯ Loki run run_tasks → out',
      '  ✖ Parallel execution  failed after 28.0s: stopped by the time limit',
      '  Tasks (5)',
      '    ✖ a1  Add login               failed after 24.0s · round 3: 1 of 9 failing: the tests still fa…',
      '    ✖ a2  Add signup              failed after 14.0s · tests 6/6 passed, 80% coverage: its merge c…',
      '    ↓ a3  Add sessions            skipped: it depends on a1, which failed: the tests still fail af…',
      '    ⚠ a4  Add profile page        stopped after 14.0s',
      '    ◼ a5  Write end-to-end tests  not started',
      '  ✖ time limit reached: 28.0s of 28.0s; the run stops here and can be resumed',
      '  elapsed 28.0s · tasks 0/5 done, 2 failed, 1 skipped, 1 stopped · $0.00 · 0 calls · tokens 0 in /…',
      '',
      ...summaryBlock,
    ]);
  });
});
