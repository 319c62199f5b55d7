import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LokiError } from '../core/index.ts';
import { EventBus, type RunEvent } from '../events/index.ts';
import { RunLimits } from './run-limits.ts';

afterEach(() => {
  vi.useRealTimers();
});

function setUp(options: {
  maxTimeMs?: number;
  budgetUsd?: number;
  spentMs?: number;
  spentUsd?: number;
}) {
  const clock = { now: () => Date.now() };
  const events = new EventBus('run_x', clock);
  const seen: RunEvent[] = [];
  events.subscribe((event) => seen.push(event));
  const limits = new RunLimits({
    maxTimeMs: options.maxTimeMs ?? 3 * 3_600_000,
    budgetUsd: options.budgetUsd,
    spentMs: options.spentMs ?? 0,
    spentUsd: options.spentUsd ?? 0,
    events,
    clock,
  });
  const spend = (costUsd: number) =>
    events.emit({
      type: 'model-call-finished',
      callId: 'c',
      stage: 's',
      agent: 'a',
      role: 'coder',
      model: 'm',
      inputTokens: 1,
      outputTokens: 1,
      costUsd,
      latencyMs: 1,
      fromJournal: false,
    });
  return { limits, seen, spend };
}

describe('RunLimits', () => {
  it('warns at 80 % of the time limit and stops the run at 100 %, resumable', async () => {
    vi.useFakeTimers();
    const { limits, seen } = setUp({ maxTimeMs: 3 * 3_600_000 });
    await vi.advanceTimersByTimeAsync(2.4 * 3_600_000 + 1);
    expect(seen.map((event) => event.type)).toEqual(['limit-approached']);
    expect(limits.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(0.6 * 3_600_000);
    expect(seen.map((event) => event.type)).toEqual(['limit-approached', 'limit-reached']);
    const reason = limits.signal.reason as LokiError;
    expect(reason.code).toBe('limit.time');
    expect(reason.category).toBe('limit-reached');
    expect(reason.message).toMatch(/time limit of 3h.*loki resume/);
    limits.dispose();
  });

  it('counts time spent by earlier sessions of the run', async () => {
    vi.useFakeTimers();
    const { limits } = setUp({ maxTimeMs: 60_000, spentMs: 50_000 });
    await vi.advanceTimersByTimeAsync(10_001);
    expect((limits.signal.reason as LokiError).code).toBe('limit.time');
    limits.dispose();
  });

  it('warns at 80 % of the budget and stops at 100 %, ignoring calls served from the journal', () => {
    const { limits, seen, spend } = setUp({ budgetUsd: 1, spentUsd: 0.5 });
    spend(0.31);
    expect(seen.at(-1)).toMatchObject({ type: 'limit-approached', limit: 'budget' });
    expect(limits.signal.aborted).toBe(false);
    spend(0.2);
    expect(seen.at(-1)).toMatchObject({ type: 'limit-reached', limit: 'budget', max: 1 });
    expect((limits.signal.reason as LokiError).code).toBe('limit.budget');
    limits.dispose();
  });

  it('stops a resumed run at once when its budget was already spent', async () => {
    const { limits } = setUp({ budgetUsd: 1, spentUsd: 1.2 });
    await Promise.resolve();
    expect((limits.signal.reason as LokiError).code).toBe('limit.budget');
    limits.dispose();
  });
});
