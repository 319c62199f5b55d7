import { describe, expect, it } from 'vitest';
import { Journal } from './journal.ts';
import type { ModelCallRecordInput } from './model-call-records.ts';
import { createTestRun, openTempJournal, tempJournalPath } from './test-support.ts';

const call = (overrides: Partial<ModelCallRecordInput> = {}): ModelCallRecordInput => ({
  runId: 'run_1',
  requestHash: 'hash-a',
  stage: 'execution',
  agent: 'coder-1',
  role: 'coder',
  provider: 'anthropic',
  modelId: 'claude-sonnet',
  request: { messages: [{ role: 'user', content: 'write it' }] },
  response: { text: 'done' },
  error: null,
  inputTokens: 100,
  outputTokens: 20,
  costUsd: 0.01,
  latencyMs: 800,
  attempts: 1,
  startedAt: 10,
  finishedAt: 810,
  ...overrides,
});

describe('model calls', () => {
  it('records a call and reads every field back after reopening', () => {
    const path = tempJournalPath();
    const journal = Journal.open(path);
    createTestRun(journal);
    const seq = journal.recordModelCall(call());
    journal.close();
    using reopened = Journal.open(path);
    expect(reopened.listModelCalls('run_1')).toEqual([{ ...call(), seq }]);
  });

  it('serves the n-th successful call with a hash: each repeat by its own recording', () => {
    const journal = openTempJournal();
    createTestRun(journal, 'run_1');
    createTestRun(journal, 'run_2');
    journal.recordModelCall(call({ response: { text: 'first' } }));
    journal.recordModelCall(call({ requestHash: 'hash-b', response: { text: 'other request' } }));
    journal.recordModelCall(call({ response: null, error: { code: 'model.rate-limited' } }));
    journal.recordModelCall(call({ runId: 'run_2', response: { text: 'other run' } }));
    journal.recordModelCall(call({ response: { text: 'second' } }));

    const served = (runId: string, occurrence: number) =>
      journal.findModelCall(runId, 'hash-a', occurrence)?.response;
    expect(served('run_1', 0)).toEqual({ text: 'first' });
    expect(served('run_1', 1)).toEqual({ text: 'second' });
    expect(served('run_1', 2)).toBeUndefined();
    expect(served('run_2', 0)).toEqual({ text: 'other run' });
    expect(served('run_2', 1)).toBeUndefined();
    expect(journal.findModelCall('run_1', 'hash-unknown', 0)).toBeUndefined();
    expect(() => journal.findModelCall('run_1', 'hash-a', -1)).toThrow(
      expect.objectContaining({ code: 'journal.invalid-argument' }),
    );
    // The failed call is still listed, in recording order.
    expect(journal.listModelCalls('run_1').map((recorded) => recorded.error)).toEqual([
      null,
      null,
      { code: 'model.rate-limited' },
      null,
    ]);
  });

  it('sums usage in total, by provider/model and by role, failed calls included', () => {
    const journal = openTempJournal();
    createTestRun(journal, 'run_1');
    createTestRun(journal, 'run_2');
    journal.recordModelCall(call({ inputTokens: 100, outputTokens: 10, costUsd: 0.5 }));
    journal.recordModelCall(
      call({ role: 'reviewer', inputTokens: 50, outputTokens: 5, costUsd: 0.25 }),
    );
    journal.recordModelCall(
      call({ provider: 'ollama', modelId: 'qwen', inputTokens: 7, outputTokens: 3, costUsd: 0 }),
    );
    journal.recordModelCall(
      call({
        error: { code: 'x' },
        response: null,
        inputTokens: 1,
        outputTokens: 0,
        costUsd: 0.125,
      }),
    );
    journal.recordModelCall(call({ runId: 'run_2', inputTokens: 999, costUsd: 9 }));

    expect(journal.usageTotals('run_1')).toEqual({
      total: { calls: 4, inputTokens: 158, outputTokens: 18, costUsd: 0.875 },
      byModel: {
        'anthropic/claude-sonnet': { calls: 3, inputTokens: 151, outputTokens: 15, costUsd: 0.875 },
        'ollama/qwen': { calls: 1, inputTokens: 7, outputTokens: 3, costUsd: 0 },
      },
      byRole: {
        coder: { calls: 3, inputTokens: 108, outputTokens: 13, costUsd: 0.625 },
        reviewer: { calls: 1, inputTokens: 50, outputTokens: 5, costUsd: 0.25 },
      },
    });
  });

  it('reports zero usage for a run without calls', () => {
    const journal = openTempJournal();
    createTestRun(journal);
    expect(journal.usageTotals('run_1')).toEqual({
      total: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
      byModel: {},
      byRole: {},
    });
  });

  it('refuses a call of an unknown run', () => {
    const journal = openTempJournal();
    expect(() => journal.recordModelCall(call({ runId: 'run_nope' }))).toThrow(
      expect.objectContaining({ code: 'journal.run-not-found' }),
    );
  });
});
