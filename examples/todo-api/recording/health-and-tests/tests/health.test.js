import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestApp } from './helpers/test-app.js';

test('GET /health answers 200 {"status":"ok"} without a token', async () => {
  const app = await startTestApp();
  try {
    const response = await app.request('GET', '/health');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { status: 'ok' });
  } finally {
    await app.close();
  }
});

test('GET /health answers 503 when the database does not answer', async () => {
  const app = await startTestApp();
  try {
    app.db.close();
    const response = await app.request('GET', '/health');
    assert.equal(response.status, 503);
    assert.deepEqual(response.body, { status: 'unavailable' });
  } finally {
    await app.close();
  }
});
