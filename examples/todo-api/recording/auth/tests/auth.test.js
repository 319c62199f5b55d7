import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createRequireUser } from '../src/auth/require-user.js';
import { signToken, verifyToken } from '../src/auth/tokens.js';
import { createHandler } from '../src/http/handler.js';
import { createUserRepository } from '../src/repositories/users.js';
import { signUpAndLogIn, testPassword } from './helpers/accounts.js';
import { listen, memoryLogger, startTestApp } from './helpers/test-app.js';

/** @type {Awaited<ReturnType<typeof startTestApp>>} */
let app;
before(async () => {
  app = await startTestApp();
});
after(() => app.close());

describe('POST /auth/signup', () => {
  test('creates an account and answers 201 with the user, without credentials', async () => {
    const response = await app.request('POST', '/auth/signup', {
      body: { email: 'ada@example.com', password: testPassword },
    });
    assert.equal(response.status, 201);
    assert.deepEqual(Object.keys(response.body.user).sort(), ['createdAt', 'email', 'id']);
    assert.equal(response.body.user.email, 'ada@example.com');
  });

  test('stores the password hashed with a per-user salt, never in plain text', async () => {
    const row = app.db
      .prepare('SELECT password_hash, salt FROM users WHERE email = ?')
      .get('ada@example.com');
    assert.ok(row);
    assert.match(String(row.password_hash), /^[0-9a-f]{128}$/);
    assert.match(String(row.salt), /^[0-9a-f]{32}$/);
    assert.ok(!String(row.password_hash).includes(Buffer.from(testPassword).toString('hex')));
  });

  test('keeps emails in lower case and refuses a second account for one (409)', async () => {
    const response = await app.request('POST', '/auth/signup', {
      body: { email: '  ADA@Example.com ', password: testPassword },
    });
    assert.equal(response.status, 409);
    assert.equal(response.body.error, 'conflict');
  });

  test('refuses a password under 12 characters with fields.password', async () => {
    const response = await app.request('POST', '/auth/signup', {
      body: { email: 'short@example.com', password: 'elevenchars' },
    });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body, {
      error: 'validation',
      fields: { password: 'must be at least 12 characters' },
    });
  });

  test('lists every bad field at once', async () => {
    const response = await app.request('POST', '/auth/signup', {
      body: { email: 'not-an-email', password: 12, admin: true },
    });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.fields, {
      email: 'must be an email address',
      password: 'must be a string',
      admin: 'unknown field',
    });
  });

  test('requires email and password, in a JSON object', async () => {
    const empty = await app.request('POST', '/auth/signup', { body: {} });
    assert.deepEqual(empty.body.fields, { email: 'required', password: 'required' });
    const list = await app.request('POST', '/auth/signup', { body: [] });
    assert.deepEqual(list.body.fields, { body: 'must be a JSON object' });
  });
});

describe('POST /auth/login', () => {
  test('answers a 24-hour bearer token for the right password', async () => {
    const { user, token } = await signUpAndLogIn(app, 'grace@example.com');
    const claims = verifyToken(token, app.config.jwtSecret);
    assert.equal(claims?.sub, user.id);
    assert.equal((claims?.exp ?? 0) - (claims?.iat ?? 0), 86_400);
    const login = await app.request('POST', '/auth/login', {
      body: { email: 'GRACE@example.com', password: testPassword },
    });
    assert.equal(login.status, 200);
    assert.equal(login.body.tokenType, 'Bearer');
    assert.equal(login.body.expiresIn, 86_400);
  });

  test('answers 401 JSON for a wrong password and for an unknown email alike', async () => {
    const wrong = await app.request('POST', '/auth/login', {
      body: { email: 'grace@example.com', password: 'not the right password' },
    });
    const unknown = await app.request('POST', '/auth/login', {
      body: { email: 'nobody@example.com', password: testPassword },
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    assert.equal(wrong.body.error, 'unauthorized');
  });

  test('validates the body', async () => {
    const response = await app.request('POST', '/auth/login', { body: { email: 'grace' } });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.fields, {
      email: 'must be an email address',
      password: 'required',
    });
  });

  test('never logs passwords, tokens or the signing secret', async () => {
    const { token } = await signUpAndLogIn(app);
    const log = app.logger.lines.join('\n');
    assert.ok(log.includes('POST /auth/login 200'));
    assert.ok(!log.includes(testPassword));
    assert.ok(!log.includes(token));
    assert.ok(!log.includes(app.config.jwtSecret));
  });
});

describe('requireUser', () => {
  /** @type {Awaited<ReturnType<typeof listen>>} */
  let guarded;
  before(async () => {
    const requireUser = createRequireUser({
      secret: app.config.jwtSecret,
      users: createUserRepository(app.db),
    });
    const routes = [
      {
        method: 'GET',
        path: '/whoami',
        handle: requireUser((request) => ({ status: 200, body: { userId: request.userId } })),
      },
    ];
    guarded = await listen(createServer(createHandler({ routes, logger: memoryLogger() })));
  });
  after(() => guarded.close());

  test('lets a valid token through with the user id', async () => {
    const { user, token } = await signUpAndLogIn(app);
    const response = await guarded.request('GET', '/whoami', { token });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { userId: user.id });
  });

  test('answers a missing token with 401 JSON and WWW-Authenticate', async () => {
    const response = await guarded.request('GET', '/whoami');
    assert.equal(response.status, 401);
    assert.deepEqual(response.body, {
      error: 'unauthorized',
      message: 'a valid bearer token is required',
    });
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
  });

  test('answers malformed, forged, expired and orphaned tokens with 401', async () => {
    const { user } = await signUpAndLogIn(app);
    const day = 86_400;
    const tokens = [
      'not-a-token',
      signToken(user.id, 'another secret of thirty-two characters', { ttlSeconds: day }),
      signToken(user.id, app.config.jwtSecret, {
        ttlSeconds: day,
        now: Date.now() - 2 * day * 1000,
      }),
      signToken('no-such-user', app.config.jwtSecret, { ttlSeconds: day }),
    ];
    for (const token of tokens) {
      const response = await guarded.request('GET', '/whoami', { token });
      assert.equal(response.status, 401, token);
    }
    const basic = await guarded.request('GET', '/whoami', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    assert.equal(basic.status, 401);
  });
});
