import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp } from './helpers/test-app.js';

/** @type {Awaited<ReturnType<typeof startTestApp>>} */
let app;
before(async () => {
  app = await startTestApp();
});
after(() => app.close());

test('GET /no-such-route answers 404 with a JSON body', async () => {
  const response = await app.request('GET', '/no-such-route');
  assert.equal(response.status, 404);
  assert.deepEqual(response.body, {
    error: 'not_found',
    message: 'there is no route GET /no-such-route',
  });
});
