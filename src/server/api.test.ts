import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempMemoryStore } from '../memory/testing.ts';
import { createApp } from './create-app.ts';
import type { RunView } from './run-view.ts';
import { recordJournalOfRuns, type RecordedJournal } from './testing.ts';

let recorded: RecordedJournal;
beforeAll(async () => {
  recorded = await recordJournalOfRuns();
}, 120_000);
afterAll(() => recorded.cleanUp());

const runIds = () => recorded.outcomes.map((outcome) => outcome.summary.runId);
const get = async (path: string, init?: RequestInit) => {
  const { app } = createApp({ journal: recorded.journal });
  return app.request(path, init);
};

describe('the HTTP API, in process', () => {
  it('lists the runs newest first, each with status, time, tokens, cost and quality', async () => {
    const response = await get('/api/runs');
    expect(response.status).toBe(200);
    const { runs } = (await response.json()) as {
      runs: { runId: string; status: string; costUsd: number; qualityScore: number | null }[];
    };
    expect(runs.map((run) => run.runId)).toEqual([...runIds()].reverse());
    expect(runs.map((run) => run.status)).toEqual([
      'succeeded',
      'succeeded',
      'failed',
      'succeeded',
    ]);
    const shop = runs[0]!;
    expect(shop.costUsd).toBeCloseTo(recorded.journal.usageTotals(shop.runId).total.costUsd, 12);
    expect(shop.qualityScore).toBe(1);
    expect(runs[2]!.qualityScore).toBeNull();

    const limited = (await (await get('/api/runs?limit=1')).json()) as { runs: unknown[] };
    expect(limited.runs).toHaveLength(1);
  });

  it('shows one run: stages, its task graph with states, agents with tokens and cost, gates', async () => {
    const runId = runIds()[3]!;
    const response = await get(`/api/runs/${runId}`);
    expect(response.status).toBe(200);
    const view = (await response.json()) as RunView;
    expect(view.run.title).toBe('Shop');
    expect(view.run.status).toBe('succeeded');
    const stages = Object.fromEntries(view.stages.map((stage) => [stage.stage, stage.state]));
    expect(stages).toMatchObject({
      decomposition: 'done',
      execution: 'done',
      'security-audit': 'done',
    });
    expect(view.tasks).toEqual([
      expect.objectContaining({ taskId: 'readme', state: 'done', role: 'docs', merge: 'merged' }),
    ]);
    const agents = Object.fromEntries(view.agents.map((agent) => [agent.agent, agent]));
    expect(agents['task:readme']).toMatchObject({ calls: 1, toolCalls: 2 });
    expect(view.agents.reduce((sum, agent) => sum + agent.inputTokens, 0)).toBe(
      recorded.journal.usageTotals(runId).total.inputTokens,
    );
    expect(view.gates).toEqual([expect.objectContaining({ gate: 'audit', passed: true })]);
    expect(view.lastSeq).toBe(recorded.journal.listEvents(runId).at(-1)!.seq);
    // The product is a README: the deployment stage says there was nothing to deploy.
    expect(view.deployment).toMatchObject({
      output: { skipped: expect.stringContaining('is not a project Loki can deploy') },
    });
  });

  it('shows why a failed run failed', async () => {
    const view = (await (await get(`/api/runs/${runIds()[1]}`)).json()) as RunView;
    expect(view.run.status).toBe('failed');
    expect(view.run.error?.message).toContain('has no reply');
    expect(view.stages.find((stage) => stage.stage === 'decomposition')?.state).toBe('failed');
  });

  it('gives stats across runs: success rate, trend, a per-day series', async () => {
    const stats = (await (await get('/api/stats')).json()) as {
      overall: { successRate: number };
      trend: { successRate: number };
      byDay: unknown[];
    };
    expect(stats.overall.successRate).toBe(0.75);
    expect(stats.trend.successRate).toBe(0.5);
    expect(stats.byDay).toHaveLength(4);
  });

  it('answers bad input and unknown things with a JSON error that says what was wrong', async () => {
    const missing = await get('/api/runs/run_nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: {
        code: 'run.not-found',
        message: expect.stringContaining('there is no run "run_nope"') as string,
      },
    });
    const badLimit = await get('/api/runs?limit=zero');
    expect(badLimit.status).toBe(400);
    const badLimitBody = (await badLimit.json()) as { error: { code: string; message: string } };
    expect(badLimitBody.error.code).toBe('server.bad-request');
    expect(badLimitBody.error.message).toContain('limit');
    const unknownParameter = await get('/api/stats?lats=3');
    expect(unknownParameter.status).toBe(400);
    const badId = await get('/api/runs/..%2F..%2Fetc');
    expect(badId.status).toBe(400);
    const noRoute = await get('/api/nothing');
    expect(noRoute.status).toBe(404);
    expect(((await noRoute.json()) as { error: { code: string } }).error.code).toBe(
      'server.route-not-found',
    );
  });

  it('browses memory: lists lessons, finds them by words and type, and says when there is no store', async () => {
    const { store } = openTempMemoryStore();
    await store.write({
      type: 'learned_lesson',
      content: 'Validate request bodies with zod',
      tags: ['api'],
    });
    await store.write({ type: 'learned_lesson', content: 'Close database handles in finally' });
    await store.write({
      type: 'feedback',
      content: 'The todo API validated nothing',
      sourceRun: 'run_1',
    });
    const { app } = createApp({ journal: recorded.journal, memory: store });
    const all = (await (await app.request('/api/memory')).json()) as { items: unknown[] };
    expect(all.items).toHaveLength(3);
    const found = (await (await app.request('/api/memory?q=zod%20validate')).json()) as {
      items: { item: { content: string }; score: number }[];
    };
    expect(found.items[0]!.item.content).toBe('Validate request bodies with zod');
    const feedback = (await (await app.request('/api/memory?type=feedback')).json()) as {
      items: { item: { type: string } }[];
    };
    expect(feedback.items.map((hit) => hit.item.type)).toEqual(['feedback']);
    expect((await app.request('/api/memory?type=nonsense')).status).toBe(400);
    expect((await get('/api/memory')).status).toBe(503);
  });

  it('serves the dashboard page with a policy that allows only its own script', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[^']+'/);
    expect(await response.text()).toContain('<title>Loki dashboard</title>');
  });
});
