import { createServer } from 'node:http';
import { createRequireUser } from './auth/require-user.js';
import { createHandler } from './http/handler.js';
import { createTodoRepository } from './repositories/todos.js';
import { createUserRepository } from './repositories/users.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes } from './routes/health.js';
import { todoRoutes } from './routes/todos.js';

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
  const todos = createTodoRepository(deps.db);
  const requireUser = createRequireUser({ secret: deps.config.jwtSecret, users });
  /** @type {Route[]} */
  const routes = [
    ...healthRoutes({ db: deps.db }),
    ...authRoutes({ users, config: deps.config }),
    ...todoRoutes({ todos, requireUser }),
  ];
  return createServer(createHandler({ routes, logger: deps.logger ?? console }));
}
