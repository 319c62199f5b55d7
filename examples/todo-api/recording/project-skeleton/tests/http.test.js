import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { HttpError, validationError } from '../src/http/errors.js';
import { createHandler } from '../src/http/handler.js';
import { maxBodyBytes } from '../src/http/json.js';
import { listen, memoryLogger } from './helpers/test-app.js';

/** @type {import('../src/http/router.js').Route[]} */
const routes = [
  { method: 'GET', path: '/items/:id', handle: ({ params }) => ({ status: 200, body: params }) },
  {
    method: 'POST',
    path: '/echo',
    handle: async ({ readJson }) => ({ status: 201, body: await readJson() }),
  },
  { method: 'DELETE', path: '/items/:id', handle: () => ({ status: 204 }) },
  {
    method: 'POST',
    path: '/invalid',
    handle: () => {
      throw validationError({ title: 'required' });
    },
  },
  {
    method: 'GET',
    path: '/teapot',
    handle: () => {
      throw new HttpError(418, 'teapot', 'short and stout');
    },
  },
  {
    method: 'GET',
    path: '/boom',
    handle: () => {
      throw new Error('database exploded at /var/lib/secret-place');
    },
  },
];

describe('the request handler', () => {
  const logger = memoryLogger();
  /** @type {Awaited<ReturnType<typeof listen>>} */
  let app;
  before(async () => {
    app = await listen(createServer(createHandler({ routes, logger })));
  });
  after(() => app.close());

  test('passes decoded path parameters to the route', async () => {
    const response = await app.request('GET', '/items/a%20b');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { id: 'a b' });
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  });

  test('answers an unknown route with 404 JSON', async () => {
    const response = await app.request('GET', '/no-such-route');
    assert.equal(response.status, 404);
    assert.equal(response.body.error, 'not_found');
  });

  test('answers a known path with another method with 405 and Allow', async () => {
    const response = await app.request('PUT', '/items/1');
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, DELETE');
    assert.equal(response.body.error, 'method_not_allowed');
  });

  test('sends no body with 204', async () => {
    const response = await app.request('DELETE', '/items/1');
    assert.equal(response.status, 204);
    assert.equal(response.body, null);
  });

  test('reads a JSON body', async () => {
    const response = await app.request('POST', '/echo', { body: { title: 'milk' } });
    assert.equal(response.status, 201);
    assert.deepEqual(response.body, { title: 'milk' });
  });

  test('answers malformed JSON with a validation error on body', async () => {
    const response = await app.request('POST', '/echo', { body: '{"title": ' });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body, {
      error: 'validation',
      fields: { body: 'must be valid JSON' },
    });
  });

  test('answers an empty body with a validation error on body', async () => {
    const response = await app.request('POST', '/echo', { body: '' });
    assert.equal(response.status, 400);
    assert.equal(response.body.fields.body, 'required: send a JSON object');
  });

  test('answers a body over the limit with 413', async () => {
    const response = await app.request('POST', '/echo', { body: 'x'.repeat(maxBodyBytes + 1) });
    assert.equal(response.status, 413);
    assert.equal(response.body.error, 'payload_too_large');
  });

  test('sends validation errors in the documented shape', async () => {
    const response = await app.request('POST', '/invalid', { body: {} });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body, { error: 'validation', fields: { title: 'required' } });
  });

  test('sends other HTTP errors with their status, code and message', async () => {
    const response = await app.request('GET', '/teapot');
    assert.equal(response.status, 418);
    assert.deepEqual(response.body, { error: 'teapot', message: 'short and stout' });
  });

  test('answers an unexpected failure with 500 JSON without details, and logs them', async () => {
    const response = await app.request('GET', '/boom');
    assert.equal(response.status, 500);
    assert.deepEqual(response.body, {
      error: 'internal',
      message: 'something went wrong on our side',
    });
    assert.ok(
      logger.lines.some((line) => line.includes('GET /boom failed: Error: database exploded')),
    );
  });

  test('logs one line per request with method, path, status and duration', () => {
    assert.ok(logger.lines.some((line) => /^GET \/no-such-route 404 \d+ms$/.test(line)));
  });
});
