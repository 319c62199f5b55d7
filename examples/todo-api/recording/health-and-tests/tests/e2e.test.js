import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { testPassword } from './helpers/accounts.js';

// The real server, started the way `npm start` does, in its own process: configuration from the
// environment, the migration on start, every endpoint over HTTP, and a graceful SIGTERM.

const root = fileURLToPath(new URL('..', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'todo-api-e2e-'));
const databasePath = join(directory, 'nested', 'todos.db');
const jwtSecret = randomBytes(32).toString('hex');
after(() => rmSync(directory, { recursive: true, force: true }));

/**
 * Starts `node src/server.js` on a free port and waits until it listens.
 * @param {Record<string, string>} env
 */
async function startServer(env = { JWT_SECRET: jwtSecret }) {
  const child = spawn(process.execPath, ['src/server.js'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATABASE_PATH: databasePath, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit');
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${output}`)),
      10_000,
    );
    const check = () => {
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited:\n${output}`));
    });
  });
  const baseUrl = `http://localhost:${port}`;
  return {
    child,
    exited,
    output: () => output,
    /**
     * @param {string} method
     * @param {string} path
     * @param {{ body?: unknown, token?: string }} [options]
     */
    async request(method, path, { body, token } = {}) {
      const response = await fetch(baseUrl + path, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : JSON.parse(text) };
    },
  };
}

describe('the server process', () => {
  test('serves every endpoint end to end and stops cleanly on SIGTERM', async () => {
    const server = await startServer();
    assert.ok(existsSync(databasePath), 'the database file is created on start');

    assert.deepEqual(await server.request('GET', '/health'), {
      status: 200,
      body: { status: 'ok' },
    });

    /** @type {Record<string, string>} */
    const tokens = {};
    for (const email of ['ada@example.com', 'alan@example.com']) {
      const signup = await server.request('POST', '/auth/signup', {
        body: { email, password: testPassword },
      });
      assert.equal(signup.status, 201);
      const login = await server.request('POST', '/auth/login', {
        body: { email, password: testPassword },
      });
      assert.equal(login.status, 200);
      tokens[email] = login.body.token;
    }
    const ada = tokens['ada@example.com'];
    const alan = tokens['alan@example.com'];

    const short = await server.request('POST', '/auth/signup', {
      body: { email: 'eve@example.com', password: 'too short' },
    });
    assert.equal(short.status, 400);
    assert.equal(short.body.fields.password, 'must be at least 12 characters');

    const milk = await server.request('POST', '/todos', {
      token: ada,
      body: { title: 'Buy milk' },
    });
    assert.equal(milk.status, 201);
    const bread = await server.request('POST', '/todos', {
      token: ada,
      body: { title: 'Bake bread', dueDate: '2025-05-01' },
    });
    assert.equal(bread.status, 201);
    const invalid = await server.request('POST', '/todos', { token: ada, body: { title: '' } });
    assert.deepEqual(invalid, {
      status: 400,
      body: { error: 'validation', fields: { title: 'must not be empty' } },
    });

    const list = await server.request('GET', '/todos?limit=1', { token: ada });
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((/** @type {{ title: string }} */ todo) => todo.title),
      ['Bake bread'],
    );
    const next = await server.request(
      'GET',
      `/todos?limit=1&cursor=${encodeURIComponent(list.body.nextCursor)}`,
      { token: ada },
    );
    assert.deepEqual(
      next.body.items.map((/** @type {{ title: string }} */ todo) => todo.title),
      ['Buy milk'],
    );

    const patched = await server.request('PATCH', `/todos/${milk.body.id}`, {
      token: ada,
      body: { done: true },
    });
    assert.equal(patched.body.done, true);
    const done = await server.request('GET', '/todos?done=true', { token: ada });
    assert.deepEqual(
      done.body.items.map((/** @type {{ id: string }} */ todo) => todo.id),
      [milk.body.id],
    );

    assert.equal(
      (await server.request('GET', `/todos/${milk.body.id}`, { token: alan })).status,
      404,
    );
    assert.equal(
      (await server.request('DELETE', `/todos/${milk.body.id}`, { token: alan })).status,
      404,
    );
    assert.equal((await server.request('GET', '/todos', { token: alan })).body.items.length, 0);
    assert.equal((await server.request('GET', '/todos')).status, 401);
    assert.equal((await server.request('GET', '/nowhere')).status, 404);

    assert.equal(
      (await server.request('DELETE', `/todos/${milk.body.id}`, { token: ada })).status,
      204,
    );
    assert.equal(
      (await server.request('GET', `/todos/${milk.body.id}`, { token: ada })).status,
      404,
    );

    server.child.kill('SIGTERM');
    const [code] = await server.exited;
    assert.equal(code, 0, server.output());
    const log = server.output();
    assert.match(log, /SIGTERM received/);
    for (const secret of [jwtSecret, testPassword, ada, alan]) {
      assert.ok(!log.includes(String(secret)), 'the log holds no secret, password or token');
    }
  });

  test('keeps the data across restarts and does not migrate twice', async () => {
    const server = await startServer();
    try {
      const login = await server.request('POST', '/auth/login', {
        body: { email: 'ada@example.com', password: testPassword },
      });
      assert.equal(login.status, 200);
      const list = await server.request('GET', '/todos', { token: login.body.token });
      assert.deepEqual(
        list.body.items.map((/** @type {{ title: string }} */ todo) => todo.title),
        ['Bake bread'],
      );
    } finally {
      server.child.kill('SIGTERM');
      const [code] = await server.exited;
      assert.equal(code, 0);
    }
  });

  test('refuses to start without JWT_SECRET, saying why', async () => {
    const child = spawn(process.execPath, ['src/server.js'], {
      cwd: root,
      env: { ...process.env, JWT_SECRET: '', PORT: '0', DATABASE_PATH: databasePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    const [code] = await once(child, 'exit');
    assert.equal(code, 1);
    assert.match(output, /JWT_SECRET is required/);
  });
});
