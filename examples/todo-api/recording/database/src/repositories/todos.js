import { randomUUID } from 'node:crypto';

/**
 * A todo as the API shows it.
 * @typedef {object} Todo
 * @property {string} id
 * @property {string} title
 * @property {string | null} notes
 * @property {boolean} done
 * @property {string | null} dueDate An ISO-8601 date, `YYYY-MM-DD`.
 * @property {string} createdAt
 * @property {string} updatedAt
 */

/**
 * @typedef {{ title: string, notes: string | null, done: boolean, dueDate: string | null }} NewTodo
 * @typedef {Partial<NewTodo>} TodoChanges
 * @typedef {{ done?: boolean, limit: number, cursor?: string }} ListOptions
 * @typedef {{ items: Todo[], nextCursor: string | null }} TodoPage
 */

/** A cursor that this service did not hand out. */
export class InvalidCursorError extends Error {
  name = 'InvalidCursorError';
}

/**
 * The todos table. Every function is scoped by the owner's user id: a todo of another user is
 * treated exactly like one that does not exist. Every query is a prepared statement with
 * parameters.
 * @param {import('node:sqlite').DatabaseSync} db
 * @param {{ now?: () => Date, generateId?: () => string }} [options]
 */
export function createTodoRepository(db, { now = () => new Date(), generateId = randomUUID } = {}) {
  const insert = db.prepare(
    'INSERT INTO todos (id, user_id, title, notes, done, due_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const selectOne = db.prepare(
    'SELECT seq, id, title, notes, done, due_date, created_at, updated_at FROM todos WHERE id = ? AND user_id = ?',
  );
  // Newest first by insertion order; `seq` is the keyset the cursor points into.
  const selectPage = db.prepare(
    `SELECT seq, id, title, notes, done, due_date, created_at, updated_at FROM todos
     WHERE user_id = :userId
       AND (:done IS NULL OR done = :done)
       AND (:before IS NULL OR seq < :before)
     ORDER BY seq DESC
     LIMIT :limit`,
  );
  const updateOne = db.prepare(
    'UPDATE todos SET title = ?, notes = ?, done = ?, due_date = ?, updated_at = ? WHERE id = ? AND user_id = ?',
  );
  const deleteOne = db.prepare('DELETE FROM todos WHERE id = ? AND user_id = ?');

  /**
   * @param {string} userId
   * @param {string} id
   */
  const find = (userId, id) => {
    const row = selectOne.get(id, userId);
    return row === undefined ? null : row;
  };

  return {
    /**
     * @param {string} userId
     * @param {NewTodo} input
     * @returns {Todo}
     */
    create(userId, input) {
      const timestamp = now().toISOString();
      const todo = { id: generateId(), ...input, createdAt: timestamp, updatedAt: timestamp };
      insert.run(
        todo.id,
        userId,
        todo.title,
        todo.notes,
        todo.done ? 1 : 0,
        todo.dueDate,
        todo.createdAt,
        todo.updatedAt,
      );
      return todo;
    },

    /**
     * @param {string} userId
     * @param {string} id
     * @returns {Todo | null}
     */
    get(userId, id) {
      const row = find(userId, id);
      return row === null ? null : toTodo(row);
    },

    /**
     * One page of the user's todos, newest first, and the cursor of the next page (null on the
     * last). Throws InvalidCursorError for a cursor this service did not hand out.
     * @param {string} userId
     * @param {ListOptions} options
     * @returns {TodoPage}
     */
    list(userId, { done, limit, cursor }) {
      const rows = selectPage.all({
        userId,
        done: done === undefined ? null : done ? 1 : 0,
        before: cursor === undefined ? null : decodeCursor(cursor),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toTodo),
        nextCursor:
          rows.length > limit && last !== undefined ? encodeCursor(Number(last.seq)) : null,
      };
    },

    /**
     * Applies the changes given (and only those) and stamps `updatedAt`.
     * @param {string} userId
     * @param {string} id
     * @param {TodoChanges} changes
     * @returns {Todo | null} The updated todo, or null when the user has no such todo.
     */
    update(userId, id, changes) {
      const row = find(userId, id);
      if (row === null) return null;
      const todo = { ...toTodo(row), ...changes, updatedAt: now().toISOString() };
      updateOne.run(
        todo.title,
        todo.notes,
        todo.done ? 1 : 0,
        todo.dueDate,
        todo.updatedAt,
        id,
        userId,
      );
      return todo;
    },

    /**
     * @param {string} userId
     * @param {string} id
     * @returns {boolean} Whether a todo was deleted.
     */
    delete(userId, id) {
      return Number(deleteOne.run(id, userId).changes) > 0;
    },
  };
}

/** @typedef {ReturnType<typeof createTodoRepository>} TodoRepository */

/**
 * @param {Record<string, import('node:sqlite').SQLOutputValue>} row
 * @returns {Todo}
 */
function toTodo(row) {
  return {
    id: String(row.id),
    title: String(row.title),
    notes: row.notes === null ? null : String(row.notes),
    done: row.done === 1,
    dueDate: row.due_date === null ? null : String(row.due_date),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/** @param {number} seq */
function encodeCursor(seq) {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

/** @param {string} cursor */
function decodeCursor(cursor) {
  const match = /^seq:([1-9]\d{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null || match[1] === undefined)
    throw new InvalidCursorError('not a cursor of this service');
  return Number(match[1]);
}
