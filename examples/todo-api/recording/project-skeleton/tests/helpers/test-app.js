import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

/**
 * A logger that keeps its lines for assertions instead of printing them.
 * @returns {{ lines: string[], info(message: string): void, error(message: string): void }}
 */
export function memoryLogger() {
  /** @type {string[]} */
  const lines = [];
  return { lines, info: (message) => lines.push(message), error: (message) => lines.push(message) };
}

/**
 * The configuration tests run with: a fresh random JWT secret, never a real one.
 * @param {Record<string, string>} [env]
 */
export function testConfig(env = {}) {
  return loadConfig({ JWT_SECRET: randomBytes(32).toString('hex'), PORT: '0', ...env });
}

/**
 * Starts the app on an ephemeral port of 127.0.0.1 and returns a small JSON client for it.
 * @param {{ config?: import('../../src/config.js').Config, logger?: ReturnType<typeof memoryLogger> }} [options]
 */
export async function startTestApp(options = {}) {
  const config = options.config ?? testConfig();
  const logger = options.logger ?? memoryLogger();
  const server = createApp({ config, logger });
  const client = await listen(server);
  return { ...client, config, logger };
}

/**
 * Listens on an ephemeral port and gives `request(method, path, {body, token, headers})`, which
 * answers `{status, headers, body}` with the body parsed as JSON (null when empty).
 * @param {import('node:http').Server} server
 */
export async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    baseUrl,
    /**
     * @param {string} method
     * @param {string} path
     * @param {{ body?: unknown, token?: string, headers?: Record<string, string> }} [options]
     */
    async request(method, path, { body, token, headers = {} } = {}) {
      const response = await fetch(baseUrl + path, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...headers,
        },
        body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === '' ? null : JSON.parse(text),
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
