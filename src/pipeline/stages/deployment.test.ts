import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../../deploy/index.ts';
import { stopSupervisor } from '../../deploy/local/supervisor-client.ts';
import { commitTinyProduct, temporaryDirectory } from '../../deploy/test-support.ts';
import { EventBus, createJournalSink, type RunEvent } from '../../events/index.ts';
import { createTestRun, openTempJournal } from '../../journal/test-support.ts';
import { parsePrd } from '../prd.ts';
import type { RunContext } from '../run-context.ts';
import { runStages } from '../run-stages.ts';
import { createDeploymentStage } from './deployment.ts';

const workspace = temporaryDirectory('loki-deployment-stage-');
const deployments = join(workspace.path, 'deployments');
const stage = createDeploymentStage({
  deploymentsDir: deployments,
  health: { retries: 100, intervalMs: 100, timeoutMs: 5_000 },
  monitor: { intervalMs: 100, unhealthyAfter: 2 },
  observeMs: 1_500,
});

afterAll(async () => {
  await stopSupervisor(projectPaths(deployments, 'shop')).catch(() => undefined);
  workspace.remove();
}, 60_000);

function contextFor(outDir: string, runId: string): { context: RunContext; events: RunEvent[] } {
  const journal = openTempJournal();
  createTestRun(journal, runId);
  const clock = { now: () => Date.now() };
  const bus = new EventBus(runId, clock);
  const events: RunEvent[] = [];
  bus.subscribe((event) => events.push(event));
  bus.subscribe(createJournalSink(journal).sink);
  const context = {
    runId,
    prd: parsePrd('# Shop\nA shop.', null),
    outDir,
    journal,
    events: bus,
    signal: new AbortController().signal,
    clock,
    config: { deployTarget: 'local', sandbox: 'none' },
    gateway: {},
  } as unknown as RunContext;
  return { context, events };
}

describe('the deployment stage', { timeout: 120_000 }, () => {
  const outDir = join(workspace.path, 'shop');
  mkdirSync(outDir);

  it("deploys the out dir's main as the project named after it, and checkpoints where it is live", async () => {
    await commitTinyProduct(outDir, 'v1');
    const { context, events } = contextFor(outDir, 'run_1');
    const { outcomes, state, error } = await runStages(context, [stage]);
    expect(error).toBeNull();
    expect(state.deployment).toMatchObject({ target: 'local', project: 'shop', version: 1 });
    const url = (state.deployment as { url: string }).url;
    expect(outcomes).toMatchObject([
      { stage: 'deployment', outcome: 'done', summary: `shop v1 live at ${url} (local)` },
    ]);
    expect(await (await fetch(url)).text()).toBe('hello from v1\n');
    expect(events.find((event) => event.type === 'deployment-finished')).toMatchObject({
      healthy: true,
      version: 1,
      url,
    });
    // The stage watched the live release before it called the deployment done.
    expect(events.find((event) => event.type === 'deployment-health-changed')).toMatchObject({
      project: 'shop',
      version: 1,
      change: 'healthy',
      message: expect.stringMatching(/^v1 answered its health check after promotion/),
    });
    expect(state.deployment).toMatchObject({ observed: { state: 'healthy' } });
    expect(context.journal.getCheckpoint('run_1', 'deployment')?.output).toMatchObject({ url });
    const committed = execFileSync('git', ['show', '--name-only', '--format=%s', 'main'], {
      cwd: outDir,
      encoding: 'utf8',
    });
    expect(committed).toMatch(/^Deployment artifacts: /);
    for (const artifact of [
      'Dockerfile',
      'docker-compose.yml',
      'k8s/deployment.yaml',
      '.github/workflows/ci.yml',
    ])
      expect(committed).toContain(artifact);
  });

  it('fails the run when the new release is unhealthy, the previous one still serving', async () => {
    await commitTinyProduct(outDir, 'v2', { healthy: false });
    const { context, events } = contextFor(outDir, 'run_2');
    const { outcomes, error } = await runStages(context, [stage]);
    expect(error?.code).toBe('deploy.health-check-failed');
    expect(outcomes).toMatchObject([{ stage: 'deployment', outcome: 'failed' }]);
    const finished = events.find((event) => event.type === 'deployment-finished');
    expect(finished).toMatchObject({ healthy: false, version: 2 });
    const url = (finished as { url: string }).url;
    expect(await (await fetch(url)).text()).toBe('hello from v1\n');
    expect(context.journal.getCheckpoint('run_2', 'deployment')).toBeUndefined();
  });

  it('fails the run when the live release turns unhealthy in the watch, and rolls it back', async () => {
    // It answers its health check at staging and once after promotion, then 503 for good.
    await commitTinyProduct(outDir, 'v3', { healthyChecks: 2 });
    const { context, events } = contextFor(outDir, 'run_4');
    const { outcomes, error } = await runStages(context, [stage]);
    expect(error?.code).toBe('deploy.failed-after-promotion');
    expect(error?.message).toBe(
      'v3 of shop went live, then failed (v1 serves again): it turned unhealthy: GET /health answered 503',
    );
    expect(outcomes).toMatchObject([{ stage: 'deployment', outcome: 'failed' }]);
    const health = events.filter((event) => event.type === 'deployment-health-changed');
    expect(health.map((event) => [event.version, event.change])).toEqual([
      [3, 'healthy'],
      [3, 'unhealthy'],
    ]);
    expect(health[1]).toMatchObject({
      message: 'v3 failed 2 health checks in a row: GET /health answered 503',
    });
    const finished = events.find((event) => event.type === 'deployment-finished');
    expect(finished).toMatchObject({ healthy: false, version: 3 });
    expect(await (await fetch((finished as { url: string }).url)).text()).toBe('hello from v1\n');
    // The journal keeps what the run saw: `loki status` and the dashboard read it there.
    const journaled = context.journal.listEvents('run_4', { types: ['deployment-health-changed'] });
    expect(journaled.map((event) => (event.data as { change: string }).change)).toEqual([
      'healthy',
      'unhealthy',
    ]);
  });

  it('has nothing to deploy for a product that is not a server, and says so', async () => {
    const documents = join(workspace.path, 'documents');
    mkdirSync(documents);
    writeFileSync(join(documents, 'README.md'), '# Notes\n');
    const { context, events } = contextFor(documents, 'run_3');
    const { outcomes, state, error } = await runStages(context, [stage]);
    expect(error).toBeNull();
    expect(state.deployment).toMatchObject({ skipped: expect.stringContaining('no known stack') });
    expect(outcomes[0]?.summary).toMatch(/^nothing to deploy: /);
    expect(events.some((event) => event.type === 'warning-raised')).toBe(true);
  });
});
