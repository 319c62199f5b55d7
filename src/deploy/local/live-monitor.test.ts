import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { LokiError } from '../../core/index.ts';
import { isProcessAlive, waitUntil } from '../../workspace/testing-processes.ts';
import { deployProject } from '../deploy-project.ts';
import { deploySourceOf } from '../deploy-source.ts';
import type { DeploymentStatus } from '../deploy-target.ts';
import { deploymentHealthText } from '../health-text.ts';
import { commitTinyProduct, processesWorkingIn, temporaryDirectory } from '../test-support.ts';
import { createLocalTarget } from './local-target.ts';
import { stopSupervisor } from './supervisor-client.ts';

const product = temporaryDirectory('loki-monitor-product-');
const switches = temporaryDirectory('loki-monitor-switches-');
const deployments = temporaryDirectory('loki-monitor-deployments-');
// Fast enough for a test: probes every 100 ms, restarts after 100 then 200 ms.
const target = createLocalTarget({
  deploymentsDir: deployments.path,
  sandbox: 'none',
  health: { retries: 40, intervalMs: 100, timeoutMs: 10_000 },
  monitor: { intervalMs: 100, unhealthyAfter: 2, maxRestarts: 2, restartBackoffMs: 100 },
});
const paths = target.pathsOf('watched');
const app = join(product.path, 'watched');

async function deploy() {
  const source = await deploySourceOf(app, { project: 'watched' });
  return deployProject(target, source, { observe: { windowMs: 400, pollMs: 50 } });
}

/** The status once `condition` holds of it (real processes: soon, not at once). */
async function statusWhen(
  condition: (status: DeploymentStatus) => boolean,
  timeoutMs = 10_000,
): Promise<DeploymentStatus> {
  let status = await target.status('watched');
  const deadline = Date.now() + timeoutMs;
  while (!condition(status)) {
    if (Date.now() > deadline) {
      throw new Error(`status never matched; last:\n${JSON.stringify(status, null, 2)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    status = await target.status('watched');
  }
  return status;
}

const liveHealth = (status: DeploymentStatus) =>
  status.releases.find((release) => release.version === status.live)?.health ?? null;
const kinds = (status: DeploymentStatus, version: number) =>
  (status.healthEvents ?? []).filter((event) => event.version === version).map((e) => e.kind);
const body = async (url: string) => (await (await fetch(url)).text()).trim();

beforeAll(async () => {
  mkdirSync(app);
  await commitTinyProduct(app, 'v1', { switches: switches.path });
});

afterAll(async () => {
  await stopSupervisor(paths).catch(() => undefined);
  product.remove();
  switches.remove();
  deployments.remove();
}, 60_000);

describe('the monitor of a live local release', { timeout: 60_000 }, () => {
  let url = '';

  it('keeps polling a healthy release and reports it healthy', async () => {
    const outcome = await deploy();
    url = outcome.url;
    expect(outcome.observed).toMatchObject({ state: 'healthy', consecutiveFailures: 0 });
    const status = await statusWhen((now) => (liveHealth(now)?.checks ?? 0) >= 5);
    expect(liveHealth(status)).toMatchObject({
      state: 'healthy',
      status: 200,
      consecutiveFailures: 0,
      restarts: 0,
    });
    expect(liveHealth(status)?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(kinds(status, 1)).toEqual(['healthy']);
    expect(deploymentHealthText(status)).toMatch(/^healthy \(checked \d+ s ago, \d+ ms\)$/);
  });

  it('reports a live release that starts failing its health check as unhealthy, and its recovery', async () => {
    writeFileSync(join(switches.path, 'sick'), '');
    const sick = await statusWhen((now) => liveHealth(now)?.state === 'unhealthy');
    expect(liveHealth(sick)).toMatchObject({
      lastError: 'GET /health answered 503',
      status: 503,
    });
    expect(liveHealth(sick)?.consecutiveFailures).toBeGreaterThanOrEqual(2);
    expect(deploymentHealthText(sick)).toMatch(
      /^unhealthy since \d{4}-\d\d-\d\dT[\d:]+Z \(\d+ failed checks\): GET \/health answered 503$/,
    );
    // It keeps the traffic: a failing health route is reported, not acted on.
    expect(sick.live).toBe(1);
    expect(await body(url)).toBe('hello from v1');
    rmSync(join(switches.path, 'sick'));
    const well = await statusWhen((now) => liveHealth(now)?.state === 'healthy');
    expect(kinds(well, 1)).toEqual(['healthy', 'unhealthy', 'healthy']);
    expect(well.healthEvents?.at(-1)?.message).toMatch(/^v1 is healthy again/);
  });

  it('restarts a live release whose process exited, on the same URL, and says so', async () => {
    await commitTinyProduct(app, 'v2', { switches: switches.path });
    await deploy();
    const before = (await target.status('watched')).releases[1]!;
    expect(before).toMatchObject({ version: 2, state: 'live' });
    expect(await body(`${url}/exit`)).toBe('bye');
    const restarted = await statusWhen(
      (now) => liveHealth(now)?.state === 'healthy' && liveHealth(now)?.restarts === 1,
    );
    expect(restarted.live).toBe(2);
    expect(kinds(restarted, 2)).toEqual(['healthy', 'exited', 'restarted', 'healthy']);
    const messages = (restarted.healthEvents ?? []).map((event) => event.message);
    expect(messages).toContain('v2 exited with code 1; restart 1 of 2 in 0.1 s');
    expect(messages.some((text) => /^v2 restarted on port \d+ and answers again/.test(text))).toBe(
      true,
    );
    expect(liveHealth(restarted)).toMatchObject({ exitCode: 1, lastError: expect.any(String) });
    expect(deploymentHealthText(restarted)).toMatch(/^healthy \(.*1 restart/);
    expect(await body(url)).toBe('hello from v2');
  });

  it('gives up on a release that keeps exiting and serves the previous one again', async () => {
    // From now on, every start of the product exits at once; v1 keeps running.
    writeFileSync(join(switches.path, 'crash-on-start'), '');
    onTestFinished(() => rmSync(join(switches.path, 'crash-on-start'), { force: true }));
    await fetch(`${url}/exit`);
    const failed = await statusWhen((now) => now.live === 1);
    expect(failed.releases.map((release) => [release.version, release.state])).toEqual([
      [1, 'live'],
      [2, 'failed'],
    ]);
    expect(failed.releases[1]?.reason).toMatch(
      /^v2 exited with code 3 after 2 restarts: given up$/,
    );
    // v2 had one restart left: it exited at once, and was given up on.
    expect(kinds(failed, 2).slice(-3)).toEqual(['exited', 'failed', 'rolled-back']);
    expect(failed.healthEvents?.findLast((event) => event.version === 2)?.message).toBe(
      'v1 serves the stable URL again: v2 kept exiting',
    );
    expect(await body(url)).toBe('hello from v1');
    await statusWhen((now) => liveHealth(now)?.state === 'healthy');
  });

  it('fails a deployment whose release keeps exiting in the watch after promotion', async () => {
    // Each process answers two health checks (staging, then the monitor's first) and exits.
    await commitTinyProduct(app, 'v3', { switches: switches.path, exitAfterChecks: 2 });
    const source = await deploySourceOf(app, { project: 'watched' });
    const seen: string[] = [];
    const failure = await deployProject(target, source, {
      observe: { windowMs: 10_000, pollMs: 50, onHealthEvent: (event) => seen.push(event.kind) },
    }).catch((error: unknown) => error);
    expect(LokiError.isInstance(failure) && failure.code).toBe('deploy.failed-after-promotion');
    expect((failure as LokiError).message).toMatch(
      /^v3 of watched went live, then failed \(v1 serves again\): v3 exited with code 1 after 2 restarts: given up/,
    );
    expect(seen).toContain('exited');
    expect(seen.slice(-2)).toEqual(['failed', 'rolled-back']);
    expect(await body(url)).toBe('hello from v1');
  });

  it('stops the monitor with the deployment: nothing is left running', async () => {
    const state = await target.status('watched');
    await stopSupervisor(paths);
    expect(processesWorkingIn(paths.dir)).toEqual([]);
    const pids = state.releases.length;
    expect(pids).toBeGreaterThan(0);
    await waitUntil(() => processesWorkingIn(paths.dir).every((pid) => !isProcessAlive(pid)));
  });
});
