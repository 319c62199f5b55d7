import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../deploy/index.ts';
import { stopSupervisor } from '../deploy/local/supervisor-client.ts';
import {
  commitTinyProduct,
  processesWorkingIn,
  temporaryDirectory,
} from '../deploy/test-support.ts';
import { git } from '../workspace/index.ts';
import { cleanEnvironment, createWorkspace, runLoki } from './testing/run-loki.ts';

const { cwd, home } = createWorkspace();
const deployments = join(cwd, 'deployments');
const env = cleanEnvironment(home, { LOKI_DEPLOYMENTS_DIR: deployments });
const loki = (...args: string[]) => runLoki(args, { cwd, env });
const product = temporaryDirectory('loki-cli-deploy-');
const app = join(product.path, 'shop');
const paths = projectPaths(deployments, 'shop');

beforeAll(async () => {
  await import('node:fs/promises').then(({ mkdir }) => mkdir(app));
  await commitTinyProduct(app, 'v1');
});

afterAll(async () => {
  await stopSupervisor(paths).catch(() => undefined);
  product.remove();
}, 60_000);

describe('loki deploy and the deployment commands', { timeout: 120_000 }, () => {
  let url = '';

  it('deploys a directory, prints its stable URL and records a deploy run', async () => {
    // The live release is probed every 200 ms rather than every 2 s.
    const result = await loki('deploy', app, '--health-interval', '0.2');
    expect(result.stderr).toContain('shop v1 is live');
    expect(result.stderr).toMatch(/v1 answered its health check after promotion/);
    expect(result.code).toBe(0);
    url = result.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(url)).text()).toBe('hello from v1\n');
    const runs = JSON.parse((await loki('runs', '--json')).stdout) as {
      runId: string;
      status: string;
    }[];
    expect(runs).toMatchObject([{ status: 'succeeded' }]);
    expect(runs[0]!.runId).toMatch(/^deploy/);
    const listed = JSON.parse((await loki('deployments', '--json')).stdout) as unknown;
    expect(listed).toMatchObject([{ project: 'shop', live: 1, healthIntervalMs: 200 }]);
  });

  it('says how the live release does, and what happened when its process exited', async () => {
    const deployed = await loki('deployments');
    expect(deployed.stdout).toMatch(/^PROJECT +LIVE +HEALTH +ROLLBACK TO +RELEASES +URL$/m);
    expect(deployed.stdout).toMatch(/^shop +v1 +healthy \(checked \d+ s ago, \d+ ms\) +v1 live/m);
    expect(await (await fetch(`${url}/exit`)).text()).toBe('bye');
    // The supervisor restarts it after a second, on the same URL.
    let listed = '';
    for (let tries = 0; tries < 100 && !/healthy \(.*1 restart/.test(listed); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      listed = (await loki('deployments')).stdout;
    }
    expect(listed).toMatch(/^shop +v1 +healthy \(.*1 restart/m);
    expect(listed).toMatch(/^ {2}\S+ {2}v1 exited with code 1; restart 1 of 3 in 1 s$/m);
    expect(listed).toMatch(/^ {2}\S+ {2}v1 restarted on port \d+ and answers again/m);
    expect(await (await fetch(url)).text()).toBe('hello from v1\n');
  });

  it('exits 1 when the new release fails its health check, the old one still serving', async () => {
    await commitTinyProduct(app, 'v2', { healthy: false });
    const result = await loki('deploy', app, '--health-timeout', '3');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /v2 of shop failed its health check and was rolled back \(v1 keeps serving\)/,
    );
    expect(await (await fetch(url)).text()).toBe('hello from v1\n');
    const listed = JSON.parse((await loki('deployments', '--json')).stdout) as unknown;
    expect(listed).toMatchObject([
      { project: 'shop', live: 1, url, releases: [{ state: 'live' }, { state: 'failed' }] },
    ]);
    const log = await loki('logs', 'shop', '--release', '2');
    expect(log.stdout).toContain('listening v2');
  });

  it('exits 2 for bad input, naming the problem', async () => {
    const missing = await loki('deploy', join(cwd, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope does not exist/);
    // No Docker engine answers and no Vercel CLI is installed on our machines: each target
    // says so before starting anything, as an outside service that failed (exit 3).
    const docker = await loki('deploy', app, '--target', 'docker');
    expect(docker.code).toBe(3);
    expect(docker.stderr).toMatch(/the docker target cannot run here: .*docker/i);
    const vercel = await loki('deploy', app, '--target', 'vercel');
    expect(vercel.code).toBe(3);
    expect(vercel.stderr).toMatch(/the vercel target cannot run here: .*VERCEL_TOKEN/);
    expect((await loki('deploy', app, '--target', 'ftp')).code).toBe(2);
    const interval = await loki('deploy', app, '--health-interval', '-1');
    expect(interval.code).toBe(2);
    expect(interval.stderr).toContain('expected a number of 0 or more');
    const notProject = await loki('deploy', cwd);
    expect(notProject.code).toBe(2);
    expect(notProject.stderr).toContain('is not a project Loki can deploy');
    const nothing = await loki('rollback', 'shop');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('no earlier one to roll back to');
    expect((await loki('logs', 'nobody')).code).toBe(2);
  });

  it('stops every process of the deployment', async () => {
    const result = await loki('stop', 'shop');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('stopped shop');
    expect(processesWorkingIn(paths.dir)).toEqual([]);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('deploys a Python project the same way, and stops it', async () => {
    const pyshop = join(product.path, 'pyshop');
    mkdirSync(pyshop);
    writeFileSync(join(pyshop, 'requirements.txt'), '');
    writeFileSync(
      join(pyshop, 'main.py'),
      `import os
from http.server import BaseHTTPRequestHandler, HTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok" if self.path == "/health" else b"hello from python")

HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
`,
    );
    await git(pyshop, ['init', '--quiet', '--initial-branch=main']);
    await git(pyshop, ['add', '-A']);
    await git(pyshop, ['commit', '--quiet', '-m', 'A Python server']);
    const result = await loki('deploy', pyshop, '--json');
    expect(result.code).toBe(0);
    const deployed = JSON.parse(result.stdout) as { url: string };
    expect(await (await fetch(deployed.url)).text()).toBe('hello from python');
    expect((await loki('stop', 'pyshop')).code).toBe(0);
    expect(processesWorkingIn(projectPaths(deployments, 'pyshop').dir)).toEqual([]);
  });
});
