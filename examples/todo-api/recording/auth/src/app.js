import { createServer } from 'node:http';
import { createHandler } from './http/handler.js';
import { createUserRepository } from './repositories/users.js';
import { authRoutes } from './routes/auth.js';

/** @typedef {import('./http/router.js').Route} Route */

/**
 * The Todo API as an `http.Server` that is not listening yet: `src/server.js` starts it on
 * `PORT`, tests on an ephemeral port.
 * @param {object} deps
 * @param {import('node:sqlite').DatabaseSync} deps.db The open, migrated database.
 * @param {import('./config.js').Config} deps.config
 * @param {import('./http/handler.js').Logger} [deps.logger] Default: the console.
 */
export function createApp(deps) {
  const users = createUserRepository(deps.db);
  /** @type {Route[]} */
  const routes = [
    ...authRoutes({ users, config: deps.config }),
    // Features add their routes here, e.g. ...todoRoutes({ todos, requireUser }).
  ];
  return createServer(createHandler({ routes, logger: deps.logger ?? console }));
}
