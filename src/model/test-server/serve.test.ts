import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CompletionBody } from './openai-wire-format.ts';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const servePath = join(import.meta.dirname, 'serve.ts');
let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'loki-test-server-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function startServe(...args: string[]) {
  const child = spawn(process.execPath, [servePath, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, stderr }));
  return { child, exited };
}

describe('serve.ts, the standalone test model server', () => {
  test('prints the base URL, serves the script file, and exits 0 on SIGTERM', async () => {
    const scriptPath = join(directory, 'script.json');
    await writeFile(scriptPath, JSON.stringify({ replies: [{ text: 'from the file' }] }));
    const { child, exited } = startServe('--script', scriptPath);
    try {
      const [baseUrl] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const response = await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      });
      const body = (await response.json()) as CompletionBody;
      expect(body.choices[0]!.message.content).toBe('from the file');
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, stderr: '' });
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('rejects a bad script file with a one-line error and exit status 2', async () => {
    const scriptPath = join(directory, 'bad.json');
    await writeFile(scriptPath, JSON.stringify({ replies: [{ fault: 'explode' }, { text: 3 }] }));
    const { code, stderr } = await startServe('--script', scriptPath).exited;
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`the script file "${scriptPath}" is not valid`);
    expect(stderr).toContain('replies.0.fault: unknown fault "explode"');
    expect(stderr).toContain('replies.1.text: Invalid input: expected string, received number');
  });

  test('rejects a missing --script with exit status 2', async () => {
    const { code, stderr } = await startServe().exited;
    expect(code).toBe(2);
    expect(stderr).toBe('test model server: --script FILE is required\n');
  });
});
