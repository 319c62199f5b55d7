import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { openTempJournal } from '../journal/test-support.ts';
import { createApp } from './create-app.ts';
import { startServer } from './start-server.ts';

const token = 'a-long-enough-secret-token';

describe('who may call the API', () => {
  it('with a token, refuses API calls without it or with a wrong one (401, JSON), and serves them with it', async () => {
    const { app } = createApp({ journal: openTempJournal(), token });
    const missing = await app.request('/api/runs');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      'server.unauthorized',
    );
    const wrong = await app.request('/api/runs', {
      headers: { Authorization: `Bearer ${token}x` },
    });
    expect(wrong.status).toBe(401);
    const right = await app.request('/api/runs', { headers: { Authorization: `Bearer ${token}` } });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ runs: [] });
    // The page holds no data: it loads, then asks for the token.
    expect((await app.request('/')).status).toBe(200);
  });

  it('without a token, answers only requests addressed to this machine (no DNS rebinding)', async () => {
    const { app } = createApp({ journal: openTempJournal() });
    expect((await app.request('http://127.0.0.1:4700/api/runs')).status).toBe(200);
    expect((await app.request('http://localhost/api/runs')).status).toBe(200);
    const rebound = await app.request('http://evil.example:4700/api/runs');
    expect(rebound.status).toBe(403);
    expect(((await rebound.json()) as { error: { message: string } }).error.message).toContain(
      'evil.example',
    );
  });

  it('refuses to start on a non-loopback address without a token, or with a guessable one', async () => {
    const journal = openTempJournal();
    const failure = await startServer({ journal, host: '0.0.0.0', port: 0 }).catch(
      (error: unknown) => error,
    );
    expect(LokiError.isInstance(failure) && failure.code).toBe('server.token-required');
    expect((failure as Error).message).toContain(
      'binding to 0.0.0.0 opens the runs to the network',
    );
    const short = await startServer({ journal, host: '0.0.0.0', port: 0, token: 'short' }).catch(
      (error: unknown) => error,
    );
    expect(LokiError.isInstance(short) && short.code).toBe('server.bad-settings');
  });

  it('binds to 127.0.0.1 by default, and off loopback with a token that real requests must carry', async () => {
    const journal = openTempJournal();
    const local = await startServer({ journal, port: 0 });
    try {
      expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${local.url}/api/runs`)).status).toBe(200);
    } finally {
      await local.close();
    }
    const open = await startServer({ journal, host: '0.0.0.0', port: 0, token });
    try {
      const url = `http://127.0.0.1:${open.port}/api/runs`;
      expect((await fetch(url)).status).toBe(401);
      const authorised = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      expect(authorised.status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('says which port is taken', async () => {
    const journal = openTempJournal();
    const first = await startServer({ journal, port: 0 });
    try {
      const second = await startServer({ journal, port: first.port }).catch(
        (error: unknown) => error,
      );
      expect(LokiError.isInstance(second) && second.code).toBe('server.port-in-use');
      expect((second as Error).message).toContain(`port ${first.port}`);
    } finally {
      await first.close();
    }
  });
});
