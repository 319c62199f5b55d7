import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRunner } from './command.ts';
import { createCommandRunner } from './run-command.ts';
import { isProcessAlive, waitUntil } from './testing-processes.ts';

let stateDir: string;
let root: string;
let runner: CommandRunner;

beforeAll(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'loki-runner-state-'));
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

beforeEach(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'loki-runner-root-')));
  runner = await createCommandRunner({ root, sandbox: 'none', stateDir, killGraceMs: 300 });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('createCommandRunner without a sandbox', () => {
  it('hides provider keys and Loki secrets of the parent, while PATH finds Node 24', async () => {
    process.env['ANTHROPIC_API_KEY'] = 'sk-ant-test123';
    process.env['LOKI_TEST_SECRET'] = 'loki-secret-value';
    process.env['NODE_ENV'] = 'production';
    try {
      const result = await runner.run({ command: 'env; node --version' });
      expect(result.exitCode).toBe(0);
      expect(result.output).not.toContain('sk-ant-test123');
      expect(result.output).not.toContain('LOKI_TEST_SECRET');
      expect(result.output).not.toMatch(/^NODE_ENV=/m);
      expect(result.output).toMatch(/^CI=1$/m);
      expect(result.output).toMatch(/^v24\./m);
      const home = /^HOME=(.*)$/m.exec(result.output)?.[1];
      expect(home?.startsWith(realpathSync(stateDir))).toBe(true);
    } finally {
      delete process.env['ANTHROPIC_API_KEY'];
      delete process.env['LOKI_TEST_SECRET'];
      delete process.env['NODE_ENV'];
    }
  });

  it('runs npm on the Node first on PATH', async () => {
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({
        name: 'p',
        version: '1.0.0',
        scripts: { where: 'node -p process.version' },
      }),
    );
    const result = await runner.run({ command: 'npm --version && npm run -s where' });
    expect(result.output).toMatch(/^\d+\.\d+\.\d+\nv24\./);
    expect(result.exitCode).toBe(0);
  });

  it('interleaves stdout and stderr in the order they were written, and reports exit codes', async () => {
    const result = await runner.run({ command: 'echo one; echo two >&2; echo three; exit 3' });
    expect(result).toMatchObject({ output: 'one\ntwo\nthree\n', exitCode: 3, signal: null });
    expect(result).toMatchObject({ timedOut: false, truncated: false });
  });

  it('writes stdin then closes it, and gives /dev/null when there is none', async () => {
    expect((await runner.run({ command: 'cat', stdin: 'hello\n' })).output).toBe('hello\n');
    expect((await runner.run({ command: 'cat; echo done' })).output).toBe('done\n');
  });

  it('runs in a folder of the worktree and refuses one outside it', async () => {
    mkdirSync(join(root, 'sub'));
    expect((await runner.run({ command: 'pwd', cwd: 'sub' })).output).toBe(`${root}/sub\n`);
    await expect(runner.run({ command: 'pwd', cwd: '..' })).rejects.toMatchObject({
      code: 'workspace.path-escape',
    });
    await expect(runner.run({ command: 'pwd', cwd: 'missing' })).rejects.toMatchObject({
      code: 'workspace.cwd-missing',
    });
  });

  it('on timeout kills the whole process group, grandchildren included', async () => {
    const result = await runner.run({
      command: 'sleep 30 & echo $! > grandchild.pid; sleep 30',
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGTERM' });
    expect(result.durationMs).toBeLessThan(5_000);
    const grandchild = Number(readFileSync(join(root, 'grandchild.pid'), 'utf8'));
    await waitUntil(() => !isProcessAlive(grandchild));
  });

  it('sends SIGKILL after the grace to a command that ignores SIGTERM', async () => {
    const result = await runner.run({ command: 'trap "" TERM; sleep 30', timeoutMs: 200 });
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
  });

  it('ends what a command left in the background once it exits', async () => {
    const result = await runner.run({ command: 'sleep 30 & echo $!' });
    expect(result.exitCode).toBe(0);
    expect(result.durationMs).toBeLessThan(5_000);
    await waitUntil(() => !isProcessAlive(Number(result.output)));
  });

  it('stops waiting for output held open by a process that left the group', async () => {
    // The escaped process prints its pid once it has its own session, then keeps stdout open.
    const result = await runner.run({
      command: `setsid sh -c 'echo $$; exec sleep 30' & sleep 0.3`,
    });
    const escaped = Number(result.output);
    try {
      expect(isProcessAlive(escaped)).toBe(true);
      expect(result.exitCode).toBe(0);
      expect(result.durationMs).toBeGreaterThanOrEqual(300 + 500);
      expect(result.durationMs).toBeLessThan(5_000);
    } finally {
      process.kill(escaped, 'SIGKILL');
    }
  });

  it('caps 50 MB of output to head and tail', async () => {
    const result = await runner.run({
      command: 'echo START; head -c 50000000 /dev/zero | tr "\\0" x; echo; echo END',
      maxOutputBytes: 1_024,
    });
    expect(result.truncated).toBe(true);
    expect(result.output.startsWith('START\nxxx')).toBe(true);
    expect(result.output.endsWith('xxx\nEND\n')).toBe(true);
    expect(result.output).toContain(`… [${6 + 50_000_000 + 1 + 4 - 1_024} bytes omitted] …`);
    expect(result.output.length).toBeLessThan(1_024 + 50);
  });

  it('on abort kills the group and rejects with the reason; an aborted signal runs nothing', async () => {
    const controller = new AbortController();
    const running = runner.run({
      command: 'sleep 30 & echo $! > grandchild.pid; sleep 30',
      signal: controller.signal,
    });
    await waitUntil(() => existsSync(join(root, 'grandchild.pid')));
    controller.abort(new Error('run stopped'));
    await expect(running).rejects.toThrow('run stopped');
    const grandchild = Number(readFileSync(join(root, 'grandchild.pid'), 'utf8'));
    // SIGTERM is delivered to the whole group at once; dying takes the process a moment.
    await waitUntil(() => !isProcessAlive(grandchild));
    await expect(
      runner.run({ command: 'touch ran', signal: AbortSignal.abort(new Error('already')) }),
    ).rejects.toThrow('already');
    expect(existsSync(join(root, 'ran'))).toBe(false);
  });
});

describe('the sandbox report', () => {
  it('warns that nothing is enforced when the sandbox is turned off', () => {
    expect(runner.sandbox.kind).toBe('none');
    expect(runner.sandbox.summary).toMatch(/^sandbox: none — .*can write outside the worktree/);
  });

  it('says bwrap was not found under auto, and refuses to run when bwrap is demanded', async () => {
    const env = { PATH: '/nonexistent' };
    const auto = await createCommandRunner({ root, env, stateDir });
    expect(auto.sandbox.kind).toBe('none');
    expect(auto.sandbox.summary).toContain('bwrap not found');
    expect(auto.sandbox.summary).toContain('install bubblewrap to enforce');
    await expect(
      createCommandRunner({ root, env, stateDir, sandbox: 'bwrap' }),
    ).rejects.toMatchObject({
      code: 'workspace.sandbox-unavailable',
      message: expect.stringContaining('apt-get install bubblewrap') as unknown,
    });
  });
});
