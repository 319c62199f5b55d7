import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { InvalidCursorError, createTodoRepository } from '../src/repositories/todos.js';
import { EmailTakenError, createUserRepository } from '../src/repositories/users.js';
import { createTestDatabase, steppingClock } from './helpers/test-database.js';

/** @type {ReturnType<typeof createTestDatabase>} */
let database;
/** @type {import('../src/repositories/users.js').UserRepository} */
let users;
/** @type {import('../src/repositories/todos.js').TodoRepository} */
let todos;
/** @type {string} */
let alice;
/** @type {string} */
let bob;

beforeEach(() => {
  database = createTestDatabase();
  const clock = steppingClock();
  users = createUserRepository(database.db, { now: clock });
  todos = createTodoRepository(database.db, { now: clock });
  alice = users.create({ email: 'alice@example.com', passwordHash: 'h1', salt: 's1' }).id;
  bob = users.create({ email: 'bob@example.com', passwordHash: 'h2', salt: 's2' }).id;
});
afterEach(() => database.remove());

/** @param {string} title */
const newTodo = (title, done = false) => ({ title, notes: null, done, dueDate: null });

describe('users', () => {
  test('finds a user by email with credentials, and by id without them', () => {
    const found = users.findByEmail('alice@example.com');
    assert.equal(found?.id, alice);
    assert.equal(found?.passwordHash, 'h1');
    assert.equal(found?.salt, 's1');
    assert.deepEqual(users.findById(alice), {
      id: alice,
      email: 'alice@example.com',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    assert.equal(users.findByEmail('nobody@example.com'), null);
    assert.equal(users.findById('no-such-id'), null);
  });

  test('refuses a second account for the same email, in any letter case', () => {
    assert.throws(
      () => users.create({ email: 'Alice@Example.com', passwordHash: 'h', salt: 's' }),
      EmailTakenError,
    );
  });
});

describe('todos', () => {
  test('creates a todo with timestamps and reads it back', () => {
    const created = todos.create(alice, {
      title: 'Buy milk',
      notes: 'semi-skimmed',
      done: false,
      dueDate: '2025-02-01',
    });
    assert.equal(typeof created.id, 'string');
    assert.equal(created.createdAt, created.updatedAt);
    assert.deepEqual(todos.get(alice, created.id), created);
  });

  test('never shows a todo to another user', () => {
    const created = todos.create(alice, newTodo('secret plan'));
    assert.equal(todos.get(bob, created.id), null);
    assert.deepEqual(todos.list(bob, { limit: 20 }).items, []);
    assert.equal(todos.update(bob, created.id, { title: 'stolen' }), null);
    assert.equal(todos.delete(bob, created.id), false);
    assert.equal(todos.get(alice, created.id)?.title, 'secret plan');
  });

  test('lists newest first, filtered by done', () => {
    todos.create(alice, newTodo('first', true));
    todos.create(alice, newTodo('second'));
    todos.create(alice, newTodo('third', true));
    todos.create(bob, newTodo("bob's"));
    const titles = (/** @type {import('../src/repositories/todos.js').TodoPage} */ page) =>
      page.items.map((todo) => todo.title);
    assert.deepEqual(titles(todos.list(alice, { limit: 20 })), ['third', 'second', 'first']);
    assert.deepEqual(titles(todos.list(alice, { limit: 20, done: true })), ['third', 'first']);
    assert.deepEqual(titles(todos.list(alice, { limit: 20, done: false })), ['second']);
  });

  test('pages through every todo exactly once with limit and cursor', () => {
    for (let index = 1; index <= 5; index++) todos.create(alice, newTodo(`todo ${index}`));
    const seen = [];
    let cursor;
    let pages = 0;
    do {
      const page = todos.list(alice, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((todo) => todo.title));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    assert.equal(pages, 3);
    assert.deepEqual(seen, ['todo 5', 'todo 4', 'todo 3', 'todo 2', 'todo 1']);
  });

  test('gives no next cursor when the page holds the last todo', () => {
    todos.create(alice, newTodo('only'));
    assert.equal(todos.list(alice, { limit: 1 }).nextCursor, null);
  });

  test('refuses a cursor it did not hand out', () => {
    assert.throws(() => todos.list(alice, { limit: 2, cursor: 'bm9wZQ' }), InvalidCursorError);
    assert.throws(() => todos.list(alice, { limit: 2, cursor: '%%%' }), InvalidCursorError);
  });

  test('updates only the fields given and stamps updatedAt', () => {
    const created = todos.create(alice, { ...newTodo('draft'), notes: 'keep me' });
    const updated = todos.update(alice, created.id, { done: true, dueDate: '2025-03-01' });
    assert.equal(updated?.title, 'draft');
    assert.equal(updated?.notes, 'keep me');
    assert.equal(updated?.done, true);
    assert.equal(updated?.dueDate, '2025-03-01');
    assert.ok((updated?.updatedAt ?? '') > created.updatedAt);
    assert.deepEqual(todos.get(alice, created.id), updated);
  });

  test('clears notes and dueDate when given null', () => {
    const created = todos.create(alice, { ...newTodo('x'), notes: 'n', dueDate: '2025-01-02' });
    const updated = todos.update(alice, created.id, { notes: null, dueDate: null });
    assert.equal(updated?.notes, null);
    assert.equal(updated?.dueDate, null);
  });

  test('deletes a todo once', () => {
    const created = todos.create(alice, newTodo('done soon'));
    assert.equal(todos.delete(alice, created.id), true);
    assert.equal(todos.get(alice, created.id), null);
    assert.equal(todos.delete(alice, created.id), false);
  });

  test('stores text as data, never as SQL', () => {
    const title = "'); DROP TABLE todos; --";
    const created = todos.create(alice, newTodo(title));
    assert.equal(todos.get(alice, created.id)?.title, title);
    assert.equal(todos.list(alice, { limit: 20 }).items.length, 1);
  });
});
