import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LokiError } from '../../core/index.ts';
import { deployProject } from '../deploy-project.ts';
import { deploySourceOf } from '../deploy-source.ts';
import { commitTinyProduct, processesWorkingIn, temporaryDirectory } from '../test-support.ts';
import { listLocalProjects, readReleaseLog, stopLocalProject } from './local-projects.ts';
import { createLocalTarget } from './local-target.ts';
import { stopSupervisor } from './supervisor-client.ts';
import { readSupervisorState } from './supervisor-state.ts';
import { isProcessAlive, waitUntil } from '../../workspace/testing-processes.ts';

const product = temporaryDirectory('loki-deploy-product-');
const deployments = temporaryDirectory('loki-deployments-');
const target = createLocalTarget({
  deploymentsDir: deployments.path,
  sandbox: 'none',
  health: { retries: 20, intervalMs: 100, timeoutMs: 10_000 },
  monitor: { intervalMs: 1_500 },
});
const paths = target.pathsOf('shop');
/** Every pid the deployment ever ran, to prove that stop ends them all. */
const seenPids = new Set<number>();

async function deploy() {
  const source = await deploySourceOf(product.path, { project: 'shop' });
  // Blue/green is the concern here; the watch after promotion has tests of its own.
  const outcome = await deployProject(target, source, { observe: { windowMs: 300 } });
  const state = await readSupervisorState(paths.state);
  for (const pid of [state?.pid, ...(state?.processes ?? []).map((process) => process.pid)]) {
    if (typeof pid === 'number') seenPids.add(pid);
  }
  return outcome;
}

async function body(url: string): Promise<string> {
  const response = await fetch(url);
  return (await response.text()).trim();
}

beforeAll(() => commitTinyProduct(product.path, 'v1'));

afterAll(async () => {
  // Always, even when a test failed: no daemon may outlive the tests.
  await stopSupervisor(paths).catch(() => undefined);
  product.remove();
  deployments.remove();
}, 60_000);

describe('the local target', { timeout: 120_000 }, () => {
  let stableUrl = '';

  it('deploys v1 behind a stable URL', async () => {
    const outcome = await deploy();
    expect(outcome).toMatchObject({ target: 'local', project: 'shop', version: 1 });
    expect(outcome.health).toMatchObject({ ok: true, status: 200 });
    stableUrl = outcome.url;
    expect(stableUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await body(stableUrl)).toBe('hello from v1');
  });

  it('switches to v2 on the same URL while requests keep coming, failing none', async () => {
    await commitTinyProduct(product.path, 'v2');
    let running = true;
    let succeeded = 0;
    const failures: string[] = [];
    const seen = new Set<string>();
    const loop = async () => {
      while (running) {
        try {
          const response = await fetch(stableUrl);
          const text = (await response.text()).trim();
          if (response.status === 200) {
            succeeded += 1;
            seen.add(text);
          } else failures.push(`${response.status} ${text}`);
        } catch (error) {
          failures.push(String(error));
        }
      }
    };
    const loops = Array.from({ length: 4 }, () => loop());
    const outcome = await deploy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    await Promise.all(loops);
    console.log(
      `blue/green switch under load: ${succeeded} requests served, ${failures.length} failed`,
    );
    expect(failures).toEqual([]);
    expect(outcome).toMatchObject({ version: 2, url: stableUrl });
    expect(seen).toEqual(new Set(['hello from v1', 'hello from v2']));
    expect(await body(stableUrl)).toBe('hello from v2');
    const status = await target.status('shop');
    expect(status).toMatchObject({ live: 2, previous: 1, url: stableUrl });
    expect(status.releases.map((release) => [release.version, release.state])).toEqual([
      [1, 'ready'],
      [2, 'live'],
    ]);
  });

  it('rolls a v3 that fails its health check back automatically, v2 still serving', async () => {
    await commitTinyProduct(product.path, 'v3', { healthy: false });
    const failure = await deploy().catch((error: unknown) => error);
    expect(LokiError.isInstance(failure) && failure.code).toBe('deploy.health-check-failed');
    expect((failure as LokiError).message).toMatch(
      /v3 of shop failed its health check.*v2 keeps serving.*503/s,
    );
    expect(await body(stableUrl)).toBe('hello from v2');
    const status = await target.status('shop');
    expect(status).toMatchObject({ live: 2, previous: 1 });
    expect(status.releases.find((release) => release.version === 3)?.state).toBe('failed');
  });

  it('rolls back to v1 on request, on the same URL, watched as the deploys asked', async () => {
    // A target asked for no monitor policy (a `loki rollback`) keeps the one the deploys set.
    const plain = createLocalTarget({
      deploymentsDir: deployments.path,
      sandbox: 'none',
      env: {},
    });
    const status = await plain.rollback('shop');
    expect(status).toMatchObject({ live: 1, previous: null, url: stableUrl });
    expect(status.healthIntervalMs).toBe(1_500);
    expect(await body(stableUrl)).toBe('hello from v1');
    const again = await target.rollback('shop').catch((error: unknown) => error);
    expect(LokiError.isInstance(again) && again.code).toBe('deploy.nothing-to-roll-back');
  });

  it('keeps each release its log, and lists the project', async () => {
    const log = await readReleaseLog(deployments.path, 'shop', 2);
    // The product reads SESSION_SECRET, which nobody set: a 43-character one was generated.
    expect(log.text).toContain('listening v2 secret=43');
    expect((await readReleaseLog(deployments.path, 'shop')).version).toBe(1);
    const projects = await listLocalProjects(deployments.path);
    expect(projects).toMatchObject([{ project: 'shop', live: 1, url: stableUrl }]);
  });

  it('stops every process it started', async () => {
    expect(processesWorkingIn(paths.dir).length).toBeGreaterThan(0);
    expect(await stopLocalProject(deployments.path, 'shop')).toBe(true);
    expect(processesWorkingIn(paths.dir)).toEqual([]);
    // A killed process may linger a moment as a zombie until its new parent reaps it.
    await waitUntil(() => [...seenPids].every((pid) => !isProcessAlive(pid)));
    await expect(fetch(stableUrl)).rejects.toThrow();
    expect(await target.status('shop')).toMatchObject({ live: null, url: null });
  });
});
