import { notFound, validationError } from '../http/errors.js';
import { InvalidCursorError } from '../repositories/todos.js';
import { parseListQuery, parseNewTodo, parseTodoChanges } from '../todos/todo-input.js';

/** @typedef {import('../http/router.js').RequestContext} RequestContext */

/**
 * The todo endpoints, all behind `requireUser`. A todo of another user is answered exactly like
 * one that does not exist: 404, never 403.
 * @param {{
 *   todos: import('../repositories/todos.js').TodoRepository,
 *   requireUser: ReturnType<typeof import('../auth/require-user.js').createRequireUser>,
 * }} deps
 * @returns {import('../http/router.js').Route[]}
 */
export function todoRoutes({ todos, requireUser }) {
  return [
    {
      method: 'POST',
      path: '/todos',
      handle: requireUser(async (request) => {
        const todo = todos.create(userOf(request), parseNewTodo(await request.readJson()));
        return { status: 201, body: todo, headers: { location: `/todos/${todo.id}` } };
      }),
    },
    {
      method: 'GET',
      path: '/todos',
      handle: requireUser((request) => {
        const options = parseListQuery(request.query);
        try {
          return { status: 200, body: todos.list(userOf(request), options) };
        } catch (error) {
          if (error instanceof InvalidCursorError) {
            throw validationError({ cursor: 'is not a cursor this API handed out' });
          }
          throw error;
        }
      }),
    },
    {
      method: 'GET',
      path: '/todos/:id',
      handle: requireUser((request) => {
        const todo = todos.get(userOf(request), idOf(request));
        if (todo === null) throw noSuchTodo();
        return { status: 200, body: todo };
      }),
    },
    {
      method: 'PATCH',
      path: '/todos/:id',
      handle: requireUser(async (request) => {
        const changes = parseTodoChanges(await request.readJson());
        const todo = todos.update(userOf(request), idOf(request), changes);
        if (todo === null) throw noSuchTodo();
        return { status: 200, body: todo };
      }),
    },
    {
      method: 'DELETE',
      path: '/todos/:id',
      handle: requireUser((request) => {
        if (!todos.delete(userOf(request), idOf(request))) throw noSuchTodo();
        return { status: 204 };
      }),
    },
  ];
}

/**
 * The authenticated user; set by requireUser, so its absence is a wiring mistake.
 * @param {RequestContext} request
 */
function userOf(request) {
  if (request.userId === undefined) throw new Error('todo routes must be wrapped in requireUser');
  return request.userId;
}

/** @param {RequestContext} request */
function idOf(request) {
  return request.params.id ?? '';
}

function noSuchTodo() {
  return notFound('there is no such todo');
}
