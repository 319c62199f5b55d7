import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

const secret = 'a'.repeat(16) + 'b'.repeat(16);

describe('loadConfig', () => {
  test('uses port 3000 and ./data/todos.db by default', () => {
    const config = loadConfig({ JWT_SECRET: secret });
    assert.equal(config.port, 3000);
    assert.equal(config.databasePath, './data/todos.db');
    assert.equal(config.tokenTtlSeconds, 86_400);
  });

  test('reads PORT and DATABASE_PATH', () => {
    const config = loadConfig({ JWT_SECRET: secret, PORT: '8080', DATABASE_PATH: '/tmp/t.db' });
    assert.equal(config.port, 8080);
    assert.equal(config.databasePath, '/tmp/t.db');
  });

  test('requires JWT_SECRET', () => {
    assert.throws(() => loadConfig({}), { name: 'ConfigError', message: /JWT_SECRET is required/ });
  });

  test('refuses a short JWT_SECRET without repeating its value', () => {
    const error = captureError(() => loadConfig({ JWT_SECRET: 'short-value' }));
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /at least 32 characters/);
    assert.doesNotMatch(error.message, /short-value/);
  });

  test('refuses a PORT that is not a port number, reporting every problem at once', () => {
    const error = captureError(() => loadConfig({ PORT: 'eighty' }));
    assert.match(String(error), /PORT must be a port number/);
    assert.match(String(error), /JWT_SECRET is required/);
    assert.throws(() => loadConfig({ JWT_SECRET: secret, PORT: '70000' }), /PORT/);
  });
});

/** @param {() => unknown} work */
function captureError(work) {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
