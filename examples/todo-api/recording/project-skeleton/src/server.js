import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

const logger = console;
const shutdownTimeoutMs = 10_000;

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  logger.error(error.message);
  process.exit(1);
}

const server = createApp({ config, logger });
server.listen(config.port, () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  logger.info(`todo-api listening on http://localhost:${port}`);
});

let stopping = false;

/**
 * Stops taking connections, lets requests in flight finish, then exits; connections still
 * open after `shutdownTimeoutMs` are cut.
 * @param {string} signal
 */
function shutDown(signal) {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal} received: finishing requests in flight, then stopping`);
  server.close((error) => {
    if (error) logger.error(`stopping the server failed: ${error.message}`);
    process.exitCode = error ? 1 : 0;
  });
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), shutdownTimeoutMs).unref();
}

process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));
