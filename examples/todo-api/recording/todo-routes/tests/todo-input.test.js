import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isCalendarDate,
  parseListQuery,
  parseNewTodo,
  parseTodoChanges,
} from '../src/todos/todo-input.js';

/**
 * The `fields` of the validation error `work` throws.
 * @param {() => unknown} work
 */
function fieldsOf(work) {
  try {
    work();
  } catch (error) {
    assert.equal(/** @type {{ status?: number }} */ (error).status, 400);
    return /** @type {{ fields: Record<string, string> }} */ (error).fields;
  }
  throw new Error('expected a validation error');
}

describe('parseNewTodo', () => {
  test('trims the title and fills in the defaults', () => {
    assert.deepEqual(parseNewTodo({ title: '  Buy milk ' }), {
      title: 'Buy milk',
      notes: null,
      done: false,
      dueDate: null,
    });
  });

  test('counts characters, not UTF-16 units, against the 200-character limit', () => {
    assert.equal(parseNewTodo({ title: '🥛'.repeat(200) }).title.length, 400);
    assert.deepEqual(
      fieldsOf(() => parseNewTodo({ title: '🥛'.repeat(201) })),
      {
        title: 'must be at most 200 characters',
      },
    );
  });

  test('reports every bad field at once', () => {
    assert.deepEqual(
      fieldsOf(() => parseNewTodo({ notes: 5, done: 'yes', dueDate: '2025-02-30', owner: 'x' })),
      {
        owner: 'unknown field',
        title: 'required',
        notes: 'must be a string or null',
        done: 'must be true or false',
        dueDate: 'must be an ISO-8601 date (YYYY-MM-DD) or null',
      },
    );
  });
});

describe('parseTodoChanges', () => {
  test('keeps only the fields given, null clearing notes and dueDate', () => {
    assert.deepEqual(parseTodoChanges({ done: true, notes: null, dueDate: null }), {
      done: true,
      notes: null,
      dueDate: null,
    });
  });

  test('reports a "__proto__" key as an unknown field', () => {
    const fields = fieldsOf(() => parseTodoChanges(JSON.parse('{"__proto__": {"done": true}}')));
    assert.deepEqual(Object.entries(fields), [['__proto__', 'unknown field']]);
  });

  test('refuses an empty change and a null title', () => {
    assert.deepEqual(
      fieldsOf(() => parseTodoChanges({})),
      {
        body: 'must change at least one of title, notes, done, dueDate',
      },
    );
    assert.deepEqual(
      fieldsOf(() => parseTodoChanges({ title: null })),
      {
        title: 'must be a string',
      },
    );
  });
});

describe('parseListQuery', () => {
  test('defaults to 20 items and no filter', () => {
    assert.deepEqual(parseListQuery(new URLSearchParams()), { limit: 20 });
  });

  test('reads done, limit and cursor', () => {
    assert.deepEqual(parseListQuery(new URLSearchParams('done=false&limit=100&cursor=abc')), {
      done: false,
      limit: 100,
      cursor: 'abc',
    });
  });

  test('refuses limits outside 1-100 and done values other than true or false', () => {
    for (const limit of ['0', '101', '-1', '2.5', 'ten', '']) {
      assert.deepEqual(
        fieldsOf(() => parseListQuery(new URLSearchParams({ limit }))),
        {
          limit: 'must be a whole number from 1 to 100',
        },
      );
    }
    assert.deepEqual(
      fieldsOf(() => parseListQuery(new URLSearchParams('done=1&cursor='))),
      {
        done: 'must be true or false',
        cursor: 'must not be empty',
      },
    );
  });
});

test('isCalendarDate accepts real YYYY-MM-DD dates only', () => {
  for (const date of ['2025-01-31', '2024-02-29', '1999-12-31']) assert.ok(isCalendarDate(date));
  for (const date of [
    '2025-02-29',
    '2025-13-01',
    '2025-1-1',
    '01/02/2025',
    '2025-01-01T10:00:00Z',
    20250101,
  ]) {
    assert.equal(isCalendarDate(date), false, String(date));
  }
});
