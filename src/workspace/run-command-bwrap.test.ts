import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRunner } from './command.ts';
import { createCommandRunner } from './run-command.ts';
import { findOnPath } from './sandbox-choice.ts';
import { livingProcessesRunning, waitUntil } from './testing-processes.ts';

const bwrapPath =
  process.platform === 'linux' ? findOnPath('bwrap', process.env['PATH']) : undefined;
if (bwrapPath === undefined) {
  console.warn('skipping the bwrap sandbox tests: bwrap not found (apt-get install bubblewrap)');
}

describe.skipIf(bwrapPath === undefined)('createCommandRunner under bwrap', () => {
  let scratch: string;
  let root: string;
  let outside: string;
  let fakeHome: string;
  let runner: CommandRunner;
  let server: Server;
  let port: number;
  let connections = 0;

  beforeAll(async () => {
    scratch = realpathSync(mkdtempSync(join(tmpdir(), 'loki-bwrap-')));
    root = join(scratch, 'worktree');
    mkdirSync(root);
    // Outside /tmp, which the sandbox replaces by a private one: the test must meet a read-only
    // filesystem, not a missing folder.
    outside = mkdtempSync('/var/tmp/loki-bwrap-outside-');
    fakeHome = join(outside, 'real-home');
    mkdirSync(join(fakeHome, '.ssh'), { recursive: true });
    writeFileSync(join(fakeHome, '.npmrc'), '//registry.npmjs.org/:_authToken=npm-token-secret\n');
    writeFileSync(join(fakeHome, '.ssh', 'id_ed25519'), 'ssh-key-secret\n');
    runner = await createCommandRunner({
      root,
      sandbox: 'bwrap',
      env: { ...process.env, HOME: fakeHome },
      stateDir: join(scratch, 'state'),
      killGraceMs: 300,
    });
    server = createServer((socket) => {
      connections++;
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('says what it enforces', () => {
    expect(runner.sandbox.kind).toBe('bwrap');
    expect(runner.sandbox.summary).toMatch(/^sandbox: bwrap \(filesystem read-only outside/);
  });

  it('writes inside the worktree and its HOME, but nowhere outside, even as root', async () => {
    const result = await runner.run({
      command: [
        'touch inside && echo wrote-inside',
        'touch "$HOME/home-file" && echo wrote-home',
        `touch ${outside}/x || echo outside-refused`,
        'touch /root/x-outside || echo root-refused',
        // As root bwrap would keep CAP_SYS_ADMIN: this remount must fail for the rule to hold.
        `mount -o remount,rw / 2>/dev/null; touch ${outside}/y || echo remount-refused`,
      ].join('; '),
    });
    expect(result.output).toContain('wrote-inside\nwrote-home\n');
    expect(result.output).toContain('Read-only file system');
    expect(result.output).toContain('outside-refused\n');
    expect(result.output).toContain('root-refused\n');
    expect(result.output).toContain('remount-refused\n');
    expect(existsSync(join(root, 'inside'))).toBe(true);
    expect(existsSync(join(outside, 'x'))).toBe(false);
    expect(existsSync(join(outside, 'y'))).toBe(false);
    expect(existsSync('/root/x-outside')).toBe(false);
  });

  it('gives a private /tmp, and hides credential files of the real HOME', async () => {
    const result = await runner.run({
      command: `echo private > /tmp/loki-private-probe; cat ${fakeHome}/.npmrc; ls -A ${fakeHome}/.ssh; echo end`,
    });
    expect(result.output).toBe('end\n');
    expect(existsSync('/tmp/loki-private-probe')).toBe(false);
  });

  it('cannot read the environment of Loki through /proc', async () => {
    process.env['ANTHROPIC_API_KEY'] = 'sk-ant-test123';
    try {
      const result = await runner.run({ command: 'cat /proc/*/environ | tr "\\0" "\\n"' });
      expect(result.output).not.toContain('sk-ant-test123');
      expect(result.output).toContain('CI=1');
    } finally {
      delete process.env['ANTHROPIC_API_KEY'];
    }
  });

  const connect = (target: number): string =>
    `node -e "require('net').connect(${target}, '127.0.0.1')` +
    `.on('connect', () => { console.log('connected'); process.exit(0) })` +
    `.on('error', (e) => { console.log(e.code); process.exit(1) })"`;

  it('has no network unless the command allows it', async () => {
    const before = connections;
    const offline = await runner.run({ command: connect(port) });
    expect(offline).toMatchObject({ exitCode: 1, output: 'ECONNREFUSED\n' });
    expect(connections).toBe(before);
    const online = await runner.run({ command: connect(port), network: true });
    expect(online).toMatchObject({ exitCode: 0, output: 'connected\n' });
    await waitUntil(() => connections === before + 1);
  });

  it('on timeout kills every process of the sandbox', async () => {
    const marker = `${Date.now() % 100_000}.123`;
    const running = runner.run({ command: `sleep ${marker} & sleep ${marker}`, timeoutMs: 2_000 });
    await waitUntil(() => livingProcessesRunning(`sleep ${marker}`).length === 2);
    const result = await running;
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    await waitUntil(() => livingProcessesRunning(`sleep ${marker}`).length === 0);
  });

  it('passes exit codes through bwrap', async () => {
    expect((await runner.run({ command: 'exit 7' })).exitCode).toBe(7);
  });
});
