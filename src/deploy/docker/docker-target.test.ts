import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeploySource } from '../deploy-target.ts';
import { createProgramRunner } from '../target-support/program-runner.ts';
import { fakeCli, type FakeCli } from '../target-support/fake-cli.ts';
import { createDockerTarget } from './docker-target.ts';
import { fakeDockerSource } from './fake-docker.ts';

interface FakeDockerState {
  containers: Record<string, { pid: number; image: string }>;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function fakeDocker(env: Record<string, string> = {}): FakeCli {
  const fake = fakeCli('docker', fakeDockerSource, env);
  cleanups.push(() => {
    // the fake's containers are real detached servers: stop them with the test
    try {
      for (const container of Object.values(fake.state<FakeDockerState>().containers)) {
        try {
          process.kill(container.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    } catch {
      // no state: nothing was started
    }
    fake.remove();
  });
  return fake;
}

function nodeProduct(): DeploySource {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'loki-docker-product-')));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'greeter', scripts: { start: 'node server.js' } }),
  );
  writeFileSync(
    join(root, 'server.js'),
    "require('node:http').createServer((q, s) => s.end(q.url === '/health' ? 'ok' : 'hi')).listen(process.env.PORT);\n",
  );
  return {
    project: 'greeter',
    root,
    start: { command: 'npm start', portEnvVar: 'PORT', healthPath: '/health' },
  };
}

const quickHealth = { attempts: 40, intervalMs: 100, timeoutMs: 1_000 };

async function body(url: string): Promise<string> {
  return (await fetch(url)).text();
}

describe('the docker target', () => {
  it('says whether this machine has a docker CLI and an engine, as `docker info` finds them', async () => {
    const preflight = await createDockerTarget({
      stateDirectory: tmpdir(),
      runner: createProgramRunner(),
    }).preflight();
    let engine: 'none' | 'cli-only' | 'running';
    try {
      execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
      engine = 'running';
    } catch (error) {
      engine = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'none' : 'cli-only';
    }
    console.log(`docker here: ${engine}; preflight: ${JSON.stringify(preflight.problems)}`);
    if (engine === 'running') expect(preflight).toMatchObject({ ok: true, problems: [] });
    if (engine === 'none')
      expect(preflight.problems).toEqual([
        expect.stringMatching(/docker CLI is not on PATH; install Docker Engine/),
      ]);
    if (engine === 'cli-only') {
      expect(preflight.ok).toBe(false);
      expect(preflight.problems).toEqual([
        expect.stringMatching(
          /docker CLI [\d.]+ is installed but no Docker engine answers \(.*daemon.*\); start the Docker daemon/,
        ),
      ]);
    }
  });

  it('says the CLI is missing when no docker is on PATH', async () => {
    const emptyBin = realpathSync(mkdtempSync(join(tmpdir(), 'loki-empty-bin-')));
    cleanups.push(() => rmSync(emptyBin, { recursive: true, force: true }));
    const target = createDockerTarget({
      stateDirectory: emptyBin,
      runner: createProgramRunner({ env: { PATH: emptyBin } }),
    });
    expect(await target.preflight()).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^the docker CLI is not on PATH/)],
    });
  });

  it('refuses to build when the engine does not answer, before running anything else', async () => {
    const fake = fakeDocker({ FAKE_DOCKER_ENGINE: 'down' });
    const source = nodeProduct();
    const target = createDockerTarget({
      stateDirectory: join(fake.directory, 'ledger'),
      runner: fake.runner,
    });
    expect((await target.preflight()).problems).toEqual([
      'the docker CLI 28.2.2 is installed but no Docker engine answers (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?); start the Docker daemon, or point DOCKER_HOST at a running engine.',
    ]);
    await expect(target.build(source)).rejects.toMatchObject({
      code: 'deploy.unavailable',
      message: expect.stringMatching(
        /^the docker target cannot run on this machine: the docker CLI 28\.2\.2 is installed but no Docker engine answers/,
      ),
    });
    expect(fake.calls().map((argv) => argv[0])).toEqual(['version', 'version']);
  });

  it(
    'builds, stages, checks, promotes v1 and v2, rolls back an unhealthy v3 and then v2, with the commands the real CLI takes',
    { timeout: 60_000 },
    async () => {
      const fake = fakeDocker();
      const source = nodeProduct();
      const target = createDockerTarget({
        stateDirectory: join(fake.directory, 'ledger'),
        runner: fake.runner,
        health: quickHealth,
        now: () => new Date('2026-11-27T04:00:00Z'),
      });

      const v1 = await target.build(source);
      expect(v1).toEqual({
        project: 'greeter',
        version: 1,
        location: 'loki-greeter:v1',
        builtAt: '2026-11-27T04:00:00.000Z',
      });
      const staged1 = await target.stage(v1, source);
      expect((await target.healthCheck(staged1, source)).ok).toBe(true);
      const stableUrl = await target.promote(staged1);
      expect(await body(stableUrl)).toBe('loki-greeter:v1');

      const stagingPort = new URL(staged1.stagingUrl).port;
      const stablePort = new URL(stableUrl).port;
      expect(fake.calls()).toEqual([
        ['version', '--format', '{{.Client.Version}}|{{.Server.Version}}'],
        [
          'build',
          '--tag',
          'loki-greeter:v1',
          '--label',
          'loki.project=greeter',
          '--label',
          'loki.version=1',
          '.',
        ],
        ['rm', '--force', 'loki-greeter-v1-staging'],
        [
          'run',
          '--detach',
          '--name',
          'loki-greeter-v1-staging',
          '--publish',
          `127.0.0.1:${stagingPort}:3000`,
          '--env',
          'PORT=3000',
          '--label',
          'loki.role=staging',
          'loki-greeter:v1',
        ],
        ['rm', '--force', 'loki-greeter'],
        [
          'run',
          '--detach',
          '--name',
          'loki-greeter',
          '--publish',
          `127.0.0.1:${stablePort}:3000`,
          '--env',
          'PORT=3000',
          '--label',
          'loki.role=live',
          '--restart',
          'unless-stopped',
          'loki-greeter:v1',
        ],
        ['rm', '--force', 'loki-greeter-v1-staging'],
      ]);

      const v2 = await target.build(source);
      const staged2 = await target.stage(v2, source);
      expect((await target.healthCheck(staged2, source)).ok).toBe(true);
      expect(await target.promote(staged2)).toBe(stableUrl);
      expect(await body(stableUrl)).toBe('loki-greeter:v2');
      expect(await target.status('greeter')).toMatchObject({
        target: 'docker',
        url: stableUrl,
        live: 2,
        previous: 1,
      });

      writeFileSync(join(source.root, 'fake-unhealthy'), '');
      const staged3 = await target.stage(await target.build(source), source);
      const health = await target.healthCheck(staged3, source);
      expect(health).toMatchObject({ ok: false, status: 500, attempts: quickHealth.attempts });
      expect(health.reason).toMatch(
        /\/health answered 500 after 40 attempts; the container's last output:\n[\s\S]*database unreachable/,
      );
      const afterFailure = await target.rollback('greeter', staged3);
      expect(afterFailure).toMatchObject({ live: 2, previous: 1, url: stableUrl });
      expect(await body(stableUrl)).toBe('loki-greeter:v2');
      expect(Object.keys(fake.state<FakeDockerState>().containers)).toEqual(['loki-greeter']);

      const rolledBack = await target.rollback('greeter');
      expect(rolledBack).toMatchObject({ live: 1, previous: null, url: stableUrl });
      expect(await body(stableUrl)).toBe('loki-greeter:v1');
      expect(rolledBack.releases.map((release) => release.version)).toEqual([1, 2, 3]);
      await expect(target.rollback('greeter')).rejects.toMatchObject({
        code: 'deploy.nothing-to-roll-back-to',
      });
    },
  );

  it('refuses to build from a Dockerfile the linter rejects, before calling docker build', async () => {
    const fake = fakeDocker();
    const source = nodeProduct();
    const target = createDockerTarget({
      stateDirectory: join(fake.directory, 'ledger'),
      runner: fake.runner,
    });
    const rendered = await target.build(source); // writes the Dockerfile on the first build
    expect(rendered.version).toBe(1);
    rmSync(join(source.root, 'Dockerfile'));
    writeFileSync(join(source.root, 'Dockerfile'), 'FROM node:24\nRUNN npm ci\n');
    await expect(target.build(source)).rejects.toMatchObject({
      code: 'deploy.dockerfile-invalid',
      message: expect.stringMatching(/Unknown instruction: RUNN/),
    });
    expect(fake.calls().filter((argv) => argv[0] === 'build')).toHaveLength(1);
  });
});
