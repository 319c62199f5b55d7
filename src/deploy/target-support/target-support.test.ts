import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { checkHttpHealth, healthPaths } from './http-health-check.ts';
import { createProgramRunner, describeCommand } from './program-runner.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

async function serve(handler: (path: string) => number): Promise<string> {
  const server = createServer((request, response) => {
    response.statusCode = handler(request.url ?? '/');
    response.end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the program runner', () => {
  it('runs a real program, keeping stdout and stderr apart, and reports its exit code', async () => {
    const result = await createProgramRunner().run({
      file: process.execPath,
      args: ['-e', "process.stdout.write('out'); process.stderr.write('err'); process.exit(3)"],
    });
    expect(result).toMatchObject({
      exitCode: 3,
      stdout: 'out',
      stderr: 'err',
      notFound: false,
      timedOut: false,
    });
  });

  it('says a program is not on PATH instead of throwing', async () => {
    const result = await createProgramRunner({ env: { PATH: '/nonexistent' } }).run({
      file: 'docker',
      args: ['version'],
    });
    expect(result).toMatchObject({ notFound: true, exitCode: null });
  });

  it('kills a program past its timeout', async () => {
    const result = await createProgramRunner().run({
      file: process.execPath,
      args: ['-e', 'setTimeout(() => {}, 10000)'],
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ timedOut: true, exitCode: null });
  });

  it('never shows a token in the command line it reports', () => {
    expect(
      describeCommand('vercel', ['deploy', '--token', 'secret-1', '--token=secret-2', 'a b']),
    ).toBe("vercel deploy --token '***' '--token=***' 'a b'");
  });
});

describe('checkHttpHealth', () => {
  it('waits for a server that starts late, counting attempts', async () => {
    const port = await freePort();
    setTimeout(() => {
      const server = createServer((request, response) => response.end('ok'));
      servers.push(server);
      server.listen(port, '127.0.0.1');
    }, 300);
    const report = await checkHttpHealth(`http://127.0.0.1:${port}`, ['/health'], {
      attempts: 30,
      intervalMs: 50,
    });
    expect(report).toMatchObject({ ok: true, status: 200, url: `http://127.0.0.1:${port}/health` });
    expect(report.attempts).toBeGreaterThan(1);
  });

  it('fails on a declared health route that answers 503, even when / answers', async () => {
    const url = await serve((path) => (path === '/healthz' ? 503 : 200));
    const report = await checkHttpHealth(url, healthPaths('/healthz'), {
      attempts: 3,
      intervalMs: 10,
    });
    expect(report).toEqual({
      ok: false,
      url: `${url}/healthz`,
      attempts: 3,
      status: 503,
      reason: `${url}/healthz answered 503 after 3 attempts`,
    });
  });

  it('falls back to / when the product declares no health route', async () => {
    const url = await serve((path) => (path === '/' ? 200 : 404));
    expect(await checkHttpHealth(url, healthPaths('/'), { attempts: 1 })).toMatchObject({
      ok: true,
      url: `${url}/`,
    });
  });
});
