import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeploySource } from '../deploy-target.ts';
import { fakeCli, type FakeCli } from '../target-support/fake-cli.ts';
import { createProgramRunner } from '../target-support/program-runner.ts';
import { fakeVercelSource } from './fake-vercel.ts';
import { createVercelTarget } from './vercel-target.ts';

interface FakeVercelState {
  deployments: Record<string, { pid: number }>;
  production: string | null;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function fakeVercel(): FakeCli {
  const fake = fakeCli('vercel', fakeVercelSource);
  cleanups.push(() => {
    try {
      for (const deployment of Object.values(fake.state<FakeVercelState>().deployments)) {
        try {
          process.kill(deployment.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    } catch {
      // no state: nothing was deployed
    }
    fake.remove();
  });
  return fake;
}

function product(): DeploySource {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'loki-vercel-product-')));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'greeter', scripts: { start: 'node server.js' } }),
  );
  return {
    project: 'greeter',
    root,
    start: { command: 'npm start', portEnvVar: 'PORT', healthPath: '/' },
  };
}

const quickHealth = { attempts: 5, intervalMs: 100, timeoutMs: 1_000 };
const token = 'vc-test-token';

describe('the vercel target', () => {
  it('says what this machine lacks: the CLI, and the token when it is not set', async () => {
    const env = { PATH: process.env['PATH'] ?? '' };
    const preflight = await createVercelTarget({
      stateDirectory: tmpdir(),
      env,
      runner: createProgramRunner({ env }),
    }).preflight();
    let cliHere = true;
    try {
      execFileSync('vercel', ['--version'], { stdio: 'ignore', timeout: 20_000 });
    } catch (error) {
      cliHere = (error as NodeJS.ErrnoException).code !== 'ENOENT';
    }
    console.log(`vercel CLI here: ${cliHere}; preflight: ${JSON.stringify(preflight.problems)}`);
    expect(preflight.ok).toBe(false);
    expect(preflight.problems).toEqual([
      ...(cliHere
        ? []
        : ['the vercel CLI is not on PATH; install it with `npm install --global vercel`.']),
      'VERCEL_TOKEN is not set; create a token at https://vercel.com/account/tokens and export VERCEL_TOKEN.',
    ]);
  });

  it('refuses to build without a token, naming what to set, before running a build', async () => {
    const fake = fakeVercel();
    const target = createVercelTarget({
      stateDirectory: join(fake.directory, 'ledger'),
      runner: fake.runner,
      env: {},
    });
    await expect(target.build(product())).rejects.toMatchObject({
      code: 'deploy.unavailable',
      message:
        'the vercel target cannot run on this machine: VERCEL_TOKEN is not set; create a token at https://vercel.com/account/tokens and export VERCEL_TOKEN.',
    });
    expect(fake.calls()).toEqual([['--version']]);
  });

  it('says when Vercel refuses the token', async () => {
    const fake = fakeVercel();
    const target = createVercelTarget({
      stateDirectory: join(fake.directory, 'ledger'),
      runner: fake.runner,
      env: { VERCEL_TOKEN: 'refused' },
    });
    expect((await target.preflight()).problems).toEqual([
      'Vercel refused VERCEL_TOKEN (Error: The specified token is not valid. Use `vercel login` to generate a new token.); create a new token at https://vercel.com/account/tokens.',
    ]);
  });

  it(
    'pulls, builds, deploys unaliased, checks, promotes, removes an unhealthy staging deployment and rolls back, with the real CLI’s commands',
    { timeout: 60_000 },
    async () => {
      const fake = fakeVercel();
      const source = product();
      const target = createVercelTarget({
        stateDirectory: join(fake.directory, 'ledger'),
        runner: fake.runner,
        env: { VERCEL_TOKEN: token },
        health: quickHealth,
      });

      const v1 = await target.build(source);
      expect(v1).toMatchObject({
        project: 'greeter',
        version: 1,
        location: join(source.root, '.vercel', 'output'),
      });
      const staged1 = await target.stage(v1, source);
      expect(staged1.stagingUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await target.healthCheck(staged1, source)).toMatchObject({ ok: true, status: 200 });
      expect(await target.promote(staged1)).toBe('https://greeter.vercel.app');
      const preflightCalls = [['--version'], ['whoami', '--token', token]];
      expect(fake.calls()).toEqual([
        ...preflightCalls,
        ['pull', '--yes', '--environment=production', '--token', token],
        ['build', '--prod', '--yes', '--token', token],
        ...preflightCalls,
        ['deploy', '--prebuilt', '--prod', '--skip-domain', '--yes', '--token', token],
        ['inspect', staged1.stagingUrl, '--wait', '--timeout', '5m', '--token', token],
        ...preflightCalls,
        ['promote', staged1.stagingUrl, '--yes', '--token', token],
        ['inspect', staged1.stagingUrl, '--token', token],
      ]);

      const staged2 = await target.stage(await target.build(source), source);
      expect((await target.healthCheck(staged2, source)).ok).toBe(true);
      await target.promote(staged2);
      expect(await target.status('greeter')).toMatchObject({
        target: 'vercel',
        url: 'https://greeter.vercel.app',
        live: 2,
        previous: 1,
      });

      writeFileSync(join(source.root, 'fake-unhealthy'), '');
      const staged3 = await target.stage(await target.build(source), source);
      const health = await target.healthCheck(staged3, source);
      expect(health).toMatchObject({
        ok: false,
        status: 500,
        reason: `${staged3.stagingUrl}/ answered 500 after 5 attempts`,
      });
      expect(await target.rollback('greeter', staged3)).toMatchObject({ live: 2, previous: 1 });
      // then status asks whether the live deployment is still Ready
      expect(fake.calls().slice(-2)).toEqual([
        ['remove', staged3.stagingUrl, '--yes', '--token', token],
        ['inspect', staged2.stagingUrl, '--token', token],
      ]);
      expect(fake.state<FakeVercelState>().production).toBe(staged2.stagingUrl);

      const rolledBack = await target.rollback('greeter');
      expect(fake.calls()).toContainEqual([
        'rollback',
        staged1.stagingUrl,
        '--timeout',
        '3m',
        '--token',
        token,
      ]);
      expect(fake.state<FakeVercelState>().production).toBe(staged1.stagingUrl);
      expect(rolledBack).toMatchObject({
        live: 1,
        previous: null,
        url: 'https://greeter.vercel.app',
      });
      expect(await (await fetch(staged1.stagingUrl)).text()).toBe('deployment 1');
    },
  );
});
