import { stripVTControlCharacters } from 'node:util';
import { describe, expect, test } from 'vitest';
import { EventBus } from './event-bus.ts';
import { createFakeTerminal } from './fake-terminal.ts';
import { spinnerFrames } from './progress-style.ts';
import { createManualClock } from './manual-clock.ts';
import { playSampleRun } from './sample-run.ts';
import { createTerminalProgress } from './terminal-progress.ts';

const summaryBlock = [
  '✖ Run run_sample failed',
  '  status        failed',
  '  stop reason   security audit failed',
  '  duration      1m 18s',
  '  output        out/todo-api',
  '  error         an AWS access key in src/config.ts:12 [guard.secret-found]',
  '  from journal  1 call, not sent again',
  '  usage',
  '    total                              3 calls  9,200 in  4,300 out  $0.0873',
  '    model anthropic/claude-sonnet-4-5  1 call   1,200 in  800 out    $0.0123',
  '    model openai/gpt-5-mini            2 calls  8,000 in  3,500 out  $0.0750',
  '    role planner                       1 call   1,200 in  800 out    $0.0123',
  '    role coder                         2 calls  8,000 in  3,500 out  $0.0750',
  '  stages',
  '    ✔ Memory retrieval     restored from checkpoint: 3 lessons',
  '    ✔ Decomposition        done in 4.2s: 3 tasks',
  '    ✔ Parallel execution   done in 1m 00s: 3 tasks built and merged, 30 tests passing, 1 conflict resolved',
  '    ✔ Parallel review      done in 12.3s: 2 findings',
  '    ↓ Conflict resolution  skipped: no memory conflicts',
  '    ✖ Security audit       failed after 850ms: an AWS access key in src/config.ts:12 [guard.secret-found]',
  '    ⊘ Deployment           not built yet',
  '    ⊘ Macro and lessons    not built yet',
  '  tasks (3/3 done)',
  '    ✔ t1  Scaffold the API     done in 10.3s · tests 4/4 passed, 92% coverage',
  '    ✔ t2  Add todo routes      done in 45.2s · tests 16/16 passed in round 2, 86% coverage · conflict in src/app.ts resolved',
  '    ✔ t3  Validate todo input  done in 26.2s · tests 10/10 passed, 88% coverage',
  '  warnings (1)',
  '    ⚠ bwrap not found: commands run without a network sandbox',
];

describe('createTerminalProgress, not interactive (CI, pipes)', () => {
  test('prints one plain line per meaningful event, tasks included but not their tool calls, then the summary block', () => {
    const terminal = createFakeTerminal({ isTTY: false });
    const clock = createManualClock();
    const view = createTerminalProgress({ stream: terminal.stream, clock });
    playSampleRun(view.sink, clock);
    view.stop();

    expect(terminal.text().split('\n')).toEqual([
      '❯ Run run_sample resumed: 8 stages, 2 not built yet (Deployment, Macro and lessons); output in out/todo-api',
      '✔ Memory retrieval restored from checkpoint: 3 lessons',
      '→ Decomposition started',
      'ℹ planner call to anthropic/claude-sonnet-4-5 (decompose) retried (attempt 1), waiting 2.0s: HTTP 429 Too Many Requests',
      'ℹ 3 tasks planned:',
      '  t1  Scaffold the API     architect',
      '  t2  Add todo routes      backend    after t1',
      '  t3  Validate todo input  backend    after t1',
      '✔ Decomposition done in 4.2s: 3 tasks',
      '→ Parallel execution started',
      '→ t1 Scaffold the API started (architect)',
      '⚠ bwrap not found: commands run without a network sandbox',
      'ℹ t1 tests 4/4 passed, 92% coverage',
      '✔ t1 Scaffold the API done in 10.3s · tests 4/4 passed, 92% coverage — Express app in src/app.ts with GET /health; vitest and supertest run with coverage via npm test.',
      '→ t2 Add todo routes started (backend)',
      '→ t3 Validate todo input started (backend)',
      '⚠ t2 round 1: 3 of 16 failing',
      '⚠ budget at 87% of its limit: $0.0873 of $0.1000',
      'ℹ t3 tests 10/10 passed, 88% coverage',
      '✔ t3 Validate todo input done in 26.2s · tests 10/10 passed, 88% coverage — zod schemas in src/schemas/todo.ts; invalid bodies get a 400 with the failing fields.',
      'ℹ t2 tests 16/16 passed in round 2, 86% coverage',
      'ℹ t2 merge conflict in src/app.ts resolved',
      '✔ t2 Add todo routes done in 45.2s · tests 16/16 passed in round 2, 86% coverage · conflict in src/app.ts resolved — GET, POST, PATCH and DELETE /todos in src/routes/todos.ts, stored in memory; 404 for unknown ids.',
      '✔ Parallel execution done in 1m 00s: 3 tasks built and merged, 30 tests passing, 1 conflict resolved',
      '→ Parallel review started',
      '✔ Parallel review done in 12.3s: 2 findings',
      '↓ Conflict resolution skipped: no memory conflicts',
      '→ Security audit started',
      '✖ Security audit failed after 850ms: an AWS access key in src/config.ts:12 [guard.secret-found]',
      '',
      ...summaryBlock,
      '',
    ]);
  });

  test('writes no colour, no cursor movement and no spinner frames, even when colour is asked', () => {
    const terminal = createFakeTerminal({ isTTY: false });
    const clock = createManualClock();
    const view = createTerminalProgress({ stream: terminal.stream, clock, color: true });
    playSampleRun(view.sink, clock);

    const text = terminal.text();
    expect(stripVTControlCharacters(text)).toBe(text);
    for (const frame of spinnerFrames) expect(text).not.toContain(frame);
  });

  test('reports a reached limit and a failed call, and leaves the totals when stopped early', () => {
    const terminal = createFakeTerminal({ isTTY: false });
    const clock = createManualClock();
    const view = createTerminalProgress({ stream: terminal.stream, clock });
    const bus = new EventBus('run_cut', clock);
    bus.subscribe(view.sink);
    const call = {
      callId: 'c1',
      stage: 'execute',
      agent: 'coder-1',
      role: 'coder',
      model: 'ollama/qwen3',
    };
    bus.emit({
      type: 'run-started',
      prdPath: null,
      outDir: 'out',
      models: {},
      resumed: false,
      stages: [],
    });
    bus.emit({
      type: 'model-call-finished',
      ...call,
      inputTokens: 12_345,
      outputTokens: 678,
      costUsd: 1.5,
      latencyMs: 900,
      fromJournal: false,
    });
    clock.advance(3_600_000);
    bus.emit({ type: 'limit-reached', limit: 'time', used: 3_600_000, max: 3_600_000 });
    const error = {
      code: 'model.timeout',
      category: 'service-failed',
      message: 'no reply within 120s',
    };
    bus.emit({ type: 'model-call-failed', ...call, callId: 'c2', error });
    view.stop();
    view.stop();

    expect(terminal.text().split('\n')).toEqual([
      '❯ Run run_cut started: 0 stages; output in out',
      '✖ time limit reached: 1h 00m of 1h 00m; the run stops here and can be resumed',
      '✖ coder call to ollama/qwen3 (execute) failed: no reply within 120s [model.timeout]',
      '⚠ Run run_cut ended without a summary after 1h 00m: $1.50 · 1 call · tokens 12.3k in / 678 out · 1 failed call',
      '',
    ]);
  });

  test('shows outside text on one line, without its escape codes', () => {
    const terminal = createFakeTerminal({ isTTY: false });
    const clock = createManualClock();
    const view = createTerminalProgress({ stream: terminal.stream, clock });
    const bus = new EventBus('run_tool', clock);
    bus.subscribe(view.sink);
    bus.emit({
      type: 'warning-raised',
      message: '\u001b[33mnpm WARN\u001b[39m deprecated\nglob@7',
    });

    expect(terminal.text()).toBe('⚠ npm WARN deprecated glob@7\n');
  });
});
