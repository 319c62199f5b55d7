import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessAlive, waitUntil } from '../../../workspace/testing-processes.ts';
import { frontServerCommand } from './front-server-path.ts';

const root = mkdtempSync(join(tmpdir(), 'loki-front-server-'));
const files: Record<string, string> = {
  'web/dist/index.html': '<!doctype html><div id="root">the page</div>',
  'web/dist/assets/app-1234.js': 'console.log("app")',
  'web/secret.txt': 'outside the static root',
  // A tiny API: answers under /api only, echoes what it was sent, and says which port it got.
  'api/server.js': `import { createServer } from 'node:http';
createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    if (request.url === '/api/health') return response.end('{"status":"ok"}');
    response.writeHead(request.url.startsWith('/api/') ? 201 : 404);
    response.end(JSON.stringify({ method: request.method, url: request.url, body, port: process.env.PORT }));
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`,
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let server: ChildProcess;
let base = '';
let apiPort = '';

async function get(path: string): Promise<{ status: number; text: string; type: string }> {
  const response = await fetch(`${base}${path}`);
  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

beforeAll(async () => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const command = frontServerCommand('web/dist', { directory: 'api', command: 'node server.js' });
  server = spawn('/bin/sh', ['-c', `exec ${command}`], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  // Up when the API answers through it (the proxy says 502 while the API starts).
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const status = await fetch(`${base}/api/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the front server never answered /api/health');
}, 30_000);

afterAll(() => {
  if (server.pid !== undefined && isProcessAlive(server.pid)) server.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('the front server', () => {
  it('serves the built page at / and its assets with their content types', async () => {
    expect(await get('/')).toMatchObject({
      status: 200,
      text: files['web/dist/index.html'],
      type: 'text/html; charset=utf-8',
    });
    expect(await get('/assets/app-1234.js')).toMatchObject({
      status: 200,
      type: 'text/javascript; charset=utf-8',
    });
  });

  it('answers a client-side route with the page, a missing asset and an escape with 404', async () => {
    expect(await get('/todos/42')).toMatchObject({
      status: 200,
      text: files['web/dist/index.html'],
    });
    expect((await get('/assets/missing.js')).status).toBe(404);
    expect((await get('/..%2Fsecret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('forwards /api requests unchanged, with their body, to the API on a port of its own', async () => {
    const response = await fetch(`${base}/api/todos?done=1`, { method: 'POST', body: 'milk' });
    expect(response.status).toBe(201);
    const echoed = (await response.json()) as {
      method: string;
      url: string;
      body: string;
      port: string;
    };
    expect(echoed).toMatchObject({ method: 'POST', url: '/api/todos?done=1', body: 'milk' });
    apiPort = echoed.port;
    expect(`http://127.0.0.1:${apiPort}`).not.toBe(base);
    // Only the /api prefix goes to the API: /apiary is a page route.
    expect(await get('/apiary')).toMatchObject({ status: 200, text: files['web/dist/index.html'] });
  });

  it('stops the API with itself on SIGTERM', async () => {
    const pid = server.pid!;
    server.kill('SIGTERM');
    await waitUntil(() => !isProcessAlive(pid), 10_000);
    const answers = async (url: string) =>
      fetch(url).then(
        () => true,
        () => false,
      );
    expect(await answers(`${base}/`)).toBe(false);
    // The API got the signal too, though nobody but the front server knew its pid.
    let apiAnswers = true;
    for (let attempt = 0; attempt < 50 && apiAnswers; attempt += 1) {
      apiAnswers = await answers(`http://127.0.0.1:${apiPort}/api/health`);
      if (apiAnswers) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(apiAnswers).toBe(false);
  });
});
