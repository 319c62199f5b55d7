import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signUpAndLogIn } from './helpers/accounts.js';
import { startTestApp } from './helpers/test-app.js';

/** @type {Awaited<ReturnType<typeof startTestApp>>} */
let app;
/** @type {string} */
let alice;
/** @type {string} */
let bob;

before(async () => {
  app = await startTestApp();
  alice = (await signUpAndLogIn(app, 'alice@example.com')).token;
  bob = (await signUpAndLogIn(app, 'bob@example.com')).token;
});
after(() => app.close());

/**
 * Creates a todo for the token's user and returns it.
 * @param {string} token
 * @param {Record<string, unknown>} body
 */
async function create(token, body) {
  const response = await app.request('POST', '/todos', { token, body });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

describe('authentication', () => {
  test('every todo endpoint answers 401 JSON without a valid token', async () => {
    const requests = [
      ['POST', '/todos'],
      ['GET', '/todos'],
      ['GET', '/todos/some-id'],
      ['PATCH', '/todos/some-id'],
      ['DELETE', '/todos/some-id'],
    ];
    for (const [method, path] of requests) {
      for (const token of [undefined, 'not.a.token']) {
        const body = method === 'GET' ? undefined : {};
        const response = await app.request(method ?? '', path ?? '', { token, body });
        assert.equal(response.status, 401, `${method} ${path}`);
        assert.equal(response.body.error, 'unauthorized');
      }
    }
  });
});

describe('POST /todos', () => {
  test('creates a todo: 201 with id, done false, createdAt and updatedAt', async () => {
    const response = await app.request('POST', '/todos', {
      token: alice,
      body: { title: 'Buy milk' },
    });
    assert.equal(response.status, 201);
    const todo = response.body;
    assert.equal(typeof todo.id, 'string');
    assert.equal(response.headers.get('location'), `/todos/${todo.id}`);
    assert.deepEqual(
      { title: todo.title, notes: todo.notes, done: todo.done, dueDate: todo.dueDate },
      { title: 'Buy milk', notes: null, done: false, dueDate: null },
    );
    assert.ok(!Number.isNaN(Date.parse(todo.createdAt)));
    assert.equal(todo.updatedAt, todo.createdAt);
  });

  test('takes notes, done and dueDate', async () => {
    const todo = await create(alice, {
      title: 'File taxes',
      notes: 'receipts are in the blue folder',
      done: true,
      dueDate: '2025-04-15',
    });
    assert.equal(todo.notes, 'receipts are in the blue folder');
    assert.equal(todo.done, true);
    assert.equal(todo.dueDate, '2025-04-15');
  });

  test('answers a missing title with 400 and fields.title', async () => {
    const response = await app.request('POST', '/todos', { token: alice, body: { notes: 'x' } });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body, { error: 'validation', fields: { title: 'required' } });
  });

  test('enforces the length limits: title 1-200, notes up to 2000', async () => {
    await create(alice, { title: 't'.repeat(200), notes: 'n'.repeat(2000) });
    const response = await app.request('POST', '/todos', {
      token: alice,
      body: { title: 't'.repeat(201), notes: 'n'.repeat(2001) },
    });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.fields, {
      title: 'must be at most 200 characters',
      notes: 'must be at most 2000 characters',
    });
    const blank = await app.request('POST', '/todos', { token: alice, body: { title: '   ' } });
    assert.deepEqual(blank.body.fields, { title: 'must not be empty' });
  });

  test('refuses a done that is not a boolean and a dueDate that is not a date', async () => {
    const response = await app.request('POST', '/todos', {
      token: alice,
      body: { title: 'x', done: 'yes', dueDate: '2025-02-30' },
    });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.fields, {
      done: 'must be true or false',
      dueDate: 'must be an ISO-8601 date (YYYY-MM-DD) or null',
    });
  });

  test('refuses unknown fields and bodies that are not objects', async () => {
    const unknown = await app.request('POST', '/todos', {
      token: alice,
      body: { title: 'x', userId: 'someone-else' },
    });
    assert.deepEqual(unknown.body.fields, { userId: 'unknown field' });
    const text = await app.request('POST', '/todos', { token: alice, body: '"just text"' });
    assert.deepEqual(text.body.fields, { body: 'must be a JSON object' });
  });
});

describe('GET /todos', () => {
  /** @type {string} */
  let carol;
  before(async () => {
    carol = (await signUpAndLogIn(app, 'carol@example.com')).token;
    for (const [title, done] of [
      ['one', true],
      ['two', false],
      ['three', true],
    ]) {
      await create(carol, { title, done });
    }
  });

  test("lists only the caller's todos, newest first", async () => {
    const response = await app.request('GET', '/todos', { token: carol });
    assert.equal(response.status, 200);
    assert.deepEqual(
      response.body.items.map((/** @type {{ title: string }} */ todo) => todo.title),
      ['three', 'two', 'one'],
    );
    assert.equal(response.body.nextCursor, null);
  });

  test('filters with ?done=true and ?done=false', async () => {
    const done = await app.request('GET', '/todos?done=true', { token: carol });
    assert.deepEqual(
      done.body.items.map((/** @type {{ title: string }} */ todo) => todo.title),
      ['three', 'one'],
    );
    const open = await app.request('GET', '/todos?done=false', { token: carol });
    assert.deepEqual(
      open.body.items.map((/** @type {{ title: string }} */ todo) => todo.title),
      ['two'],
    );
  });

  test('pages with ?limit and ?cursor', async () => {
    const first = await app.request('GET', '/todos?limit=2', { token: carol });
    assert.equal(first.body.items.length, 2);
    assert.equal(typeof first.body.nextCursor, 'string');
    const cursor = encodeURIComponent(first.body.nextCursor);
    const second = await app.request('GET', `/todos?limit=2&cursor=${cursor}`, { token: carol });
    assert.deepEqual(
      second.body.items.map((/** @type {{ title: string }} */ todo) => todo.title),
      ['one'],
    );
    assert.equal(second.body.nextCursor, null);
  });

  test('answers 20 todos by default', async () => {
    const { token } = await signUpAndLogIn(app);
    for (let index = 0; index < 21; index++) await create(token, { title: `todo ${index}` });
    const response = await app.request('GET', '/todos', { token });
    assert.equal(response.body.items.length, 20);
    assert.notEqual(response.body.nextCursor, null);
  });

  test('validates done, limit and cursor', async () => {
    const response = await app.request('GET', '/todos?done=maybe&limit=101', { token: carol });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.fields, {
      done: 'must be true or false',
      limit: 'must be a whole number from 1 to 100',
    });
    const zero = await app.request('GET', '/todos?limit=0', { token: carol });
    assert.equal(zero.status, 400);
    const cursor = await app.request('GET', '/todos?cursor=bogus', { token: carol });
    assert.equal(cursor.status, 400);
    assert.deepEqual(cursor.body.fields, { cursor: 'is not a cursor this API handed out' });
  });
});

describe('GET, PATCH and DELETE /todos/:id', () => {
  test('GET answers the todo, and 404 JSON for an id that does not exist', async () => {
    const todo = await create(alice, { title: 'Call mum' });
    const found = await app.request('GET', `/todos/${todo.id}`, { token: alice });
    assert.equal(found.status, 200);
    assert.deepEqual(found.body, todo);
    const missing = await app.request('GET', '/todos/no-such-id', { token: alice });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, 'not_found');
  });

  test('PATCH changes title, notes, done and dueDate, and updatedAt', async () => {
    const todo = await create(alice, { title: 'Draft', notes: 'old', dueDate: '2025-01-01' });
    const response = await app.request('PATCH', `/todos/${todo.id}`, {
      token: alice,
      body: { title: 'Final', notes: null, done: true, dueDate: '2025-02-01' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.title, 'Final');
    assert.equal(response.body.notes, null);
    assert.equal(response.body.done, true);
    assert.equal(response.body.dueDate, '2025-02-01');
    assert.equal(response.body.createdAt, todo.createdAt);
    assert.ok(response.body.updatedAt >= todo.updatedAt);
    const reread = await app.request('GET', `/todos/${todo.id}`, { token: alice });
    assert.deepEqual(reread.body, response.body);
  });

  test('PATCH validates its body', async () => {
    const todo = await create(alice, { title: 'Keep' });
    const empty = await app.request('PATCH', `/todos/${todo.id}`, { token: alice, body: {} });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.body.fields, {
      body: 'must change at least one of title, notes, done, dueDate',
    });
    const bad = await app.request('PATCH', `/todos/${todo.id}`, {
      token: alice,
      body: { title: '', done: null },
    });
    assert.deepEqual(bad.body.fields, {
      title: 'must not be empty',
      done: 'must be true or false',
    });
    const missing = await app.request('PATCH', '/todos/no-such-id', {
      token: alice,
      body: { done: true },
    });
    assert.equal(missing.status, 404);
  });

  test('DELETE answers 204 and the todo is gone', async () => {
    const todo = await create(alice, { title: 'Temporary' });
    const response = await app.request('DELETE', `/todos/${todo.id}`, { token: alice });
    assert.equal(response.status, 204);
    assert.equal(response.body, null);
    const again = await app.request('GET', `/todos/${todo.id}`, { token: alice });
    assert.equal(again.status, 404);
    const twice = await app.request('DELETE', `/todos/${todo.id}`, { token: alice });
    assert.equal(twice.status, 404);
  });
});

describe('ownership', () => {
  test("another user's todo is answered 404 and stays unchanged", async () => {
    const todo = await create(alice, { title: "Alice's secret" });
    const read = await app.request('GET', `/todos/${todo.id}`, { token: bob });
    const change = await app.request('PATCH', `/todos/${todo.id}`, {
      token: bob,
      body: { title: 'mine now' },
    });
    const remove = await app.request('DELETE', `/todos/${todo.id}`, { token: bob });
    assert.deepEqual([read.status, change.status, remove.status], [404, 404, 404]);
    assert.deepEqual(read.body, { error: 'not_found', message: 'there is no such todo' });
    const list = await app.request('GET', '/todos', { token: bob });
    assert.ok(list.body.items.every((/** @type {{ id: string }} */ item) => item.id !== todo.id));
    const mine = await app.request('GET', `/todos/${todo.id}`, { token: alice });
    assert.deepEqual(mine.body, todo);
  });
});
