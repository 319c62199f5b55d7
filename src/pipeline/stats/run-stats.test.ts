import { describe, expect, it } from 'vitest';
import { runStandalone } from '../standalone-run.ts';
import { computeRunStats } from './run-stats.ts';
import { openTempJournal, recordSampleRuns } from './testing.ts';

describe('computeRunStats on a journal of real runs', () => {
  it('gives each run its status, time, tokens, cost and quality score, and rates success across runs', async () => {
    const journal = openTempJournal();
    const outcomes = await recordSampleRuns(journal);
    expect(outcomes.map((outcome) => outcome.summary.status)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
      'succeeded',
    ]);

    const stats = computeRunStats(journal);

    expect(stats.runs.map((run) => run.runId)).toEqual(
      outcomes.map((outcome) => outcome.summary.runId).reverse(),
    );
    const [shop, todo, broken] = stats.runs;
    expect(shop!.title).toBe('Shop');
    expect(shop!.status).toBe('succeeded');
    expect(broken!.status).toBe('failed');
    // Every figure is the journal's own: the model calls' tokens and the priced cost.
    const usage = journal.usageTotals(shop!.runId).total;
    expect(shop!.inputTokens).toBe(usage.inputTokens);
    expect(shop!.calls).toBe(2);
    expect(shop!.costUsd).toBeCloseTo((usage.inputTokens * 3 + usage.outputTokens * 15) / 1e6, 12);
    expect(shop!.costUsd).toBeGreaterThan(0);
    expect(shop!.durationMs).toBe(journal.getRun(shop!.runId)!.activeMs);
    // The security audit ran on the succeeded runs and passed: its gate is their quality.
    expect(todo!.gatesTotal).toBe(1);
    expect(todo!.qualityScore).toBe(1);
    // The failed run never reached a gate: it has no score rather than zero.
    expect(broken!.gatesTotal).toBe(0);
    expect(broken!.qualityScore).toBeNull();

    expect(stats.overall.runs).toBe(4);
    expect(stats.overall.finished).toBe(4);
    expect(stats.overall.successRate).toBe(0.75);
    expect(stats.overall.meanQualityScore).toBe(1);
    expect(stats.overall.totalCostUsd).toBeCloseTo(
      stats.runs.reduce((sum, run) => sum + run.costUsd, 0),
      12,
    );
    // Newer half (Shop, Todo) all succeeded; older half (Broken, Notes) one of two.
    expect(stats.recent.successRate).toBe(1);
    expect(stats.previous.successRate).toBe(0.5);
    expect(stats.trend.successRate).toBe(0.5);
    // One point per day the runs were started on, oldest first.
    expect(stats.byDay.map((day) => day.successRate)).toEqual([1, 0, 1, 1]);
    expect(stats.byDay.map((day) => day.day)).toEqual(
      [...stats.byDay.map((day) => day.day)].sort(),
    );
  }, 120_000);

  it('counts only the newest runs with last, and other kinds of run only when asked', async () => {
    const journal = openTempJournal();
    await recordSampleRuns(journal);
    await runStandalone(
      { journal, kind: 'gates', target: '/tmp/product', title: 'Quality gates' },
      () =>
        Promise.resolve({
          output: [
            { gate: 'tests', passed: true, measured: '3/3 passed', threshold: 'all', detail: '' },
            { gate: 'coverage', passed: false, measured: '41 %', threshold: '>= 80 %', detail: '' },
            { gate: 'lint', passed: true, measured: '0 errors', threshold: '<= 0', detail: '' },
            { gate: 'audit', passed: true, measured: '0 findings', threshold: 'ok', detail: '' },
          ],
          passed: false,
          summary: 'failing: coverage',
        }),
    );

    const lastTwo = computeRunStats(journal, { last: 2 });
    expect(lastTwo.runs.map((run) => run.title)).toEqual(['Shop', 'Todo']);
    expect(lastTwo.overall.successRate).toBe(1);

    const gates = computeRunStats(journal, { kinds: ['gates'] });
    expect(gates.runs).toHaveLength(1);
    expect(gates.runs[0]!.gatesPassed).toBe(3);
    expect(gates.runs[0]!.qualityScore).toBe(0.75);
    expect(gates.overall.successRate).toBe(0);

    expect(computeRunStats(journal, { kinds: [] }).runs).toHaveLength(5);
  }, 120_000);
});
