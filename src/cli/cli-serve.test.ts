import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnvironment, createWorkspace, runLoki, startLoki } from './testing/run-loki.ts';

describe('loki serve (a real child process)', () => {
  it('serves the journal on loopback, prints its address, and stops cleanly on SIGTERM', async () => {
    const { cwd, home } = createWorkspace();
    const child = startLoki(['serve', '--port', '0', '--memory', join(cwd, 'memory.db')], {
      cwd,
      env: cleanEnvironment(home),
    });
    try {
      const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
      const url = chunk.toString().trim();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const runs = await fetch(`${url}/api/runs`);
      expect(await runs.json()).toEqual({ runs: [] });
      const memory = (await (await fetch(`${url}/api/memory`)).json()) as { location: string };
      expect(memory.location).toBe(join(cwd, 'memory.db'));
      expect((await fetch(`${url}/`)).headers.get('content-type')).toContain('text/html');
    } finally {
      child.kill('SIGTERM');
    }
    const result = await child.result;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Loki dashboard on http://127.0.0.1:');
  });

  it('refuses another address without a token: exit 2 and how to fix it', async () => {
    const { cwd, home } = createWorkspace();
    const result = await runLoki(['serve', '--host', '0.0.0.0', '--port', '0'], {
      cwd,
      env: cleanEnvironment(home),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('binding to 0.0.0.0 opens the runs to the network');
    expect(result.stderr).toContain('LOKI_SERVE_TOKEN');
  });
});
