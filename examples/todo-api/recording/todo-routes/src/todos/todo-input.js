import { characterCount, expectObject, throwIfInvalid, unknownFields } from '../http/validation.js';

export const maximumTitleLength = 200;
export const maximumNotesLength = 2000;
export const defaultPageSize = 20;
export const maximumPageSize = 100;

const editable = ['title', 'notes', 'done', 'dueDate'];

/**
 * The body of POST /todos as a new todo: a title is required, the rest has defaults.
 * @param {unknown} body
 * @returns {import('../repositories/todos.js').NewTodo}
 */
export function parseNewTodo(body) {
  const input = expectObject(body);
  const fields = unknownFields(input, editable);
  const todo = { title: '', notes: null, done: false, dueDate: null };
  if (input.title === undefined) fields.title = 'required';
  Object.assign(todo, checkEditable(input, fields));
  throwIfInvalid(fields);
  return todo;
}

/**
 * The body of PATCH /todos/:id as the changes it asks for; at least one is required.
 * @param {unknown} body
 * @returns {import('../repositories/todos.js').TodoChanges}
 */
export function parseTodoChanges(body) {
  const input = expectObject(body);
  const fields = unknownFields(input, editable);
  const changes = checkEditable(input, fields);
  if (Object.keys(input).length === 0) {
    fields.body = `must change at least one of ${editable.join(', ')}`;
  }
  throwIfInvalid(fields);
  return changes;
}

/**
 * The query of GET /todos: `done=true|false`, `limit` from 1 to 100 (default 20), `cursor`.
 * @param {URLSearchParams} query
 * @returns {import('../repositories/todos.js').ListOptions}
 */
export function parseListQuery(query) {
  /** @type {Record<string, string>} */
  const fields = {};
  /** @type {import('../repositories/todos.js').ListOptions} */
  const options = { limit: defaultPageSize };
  const done = query.get('done');
  if (done === 'true' || done === 'false') options.done = done === 'true';
  else if (done !== null) fields.done = 'must be true or false';
  const limit = query.get('limit');
  if (limit !== null) {
    const value = /^\d{1,3}$/.test(limit) ? Number(limit) : 0;
    if (value >= 1 && value <= maximumPageSize) options.limit = value;
    else fields.limit = `must be a whole number from 1 to ${maximumPageSize}`;
  }
  const cursor = query.get('cursor');
  if (cursor !== null) {
    if (cursor === '') fields.cursor = 'must not be empty';
    else options.cursor = cursor;
  }
  throwIfInvalid(fields);
  return options;
}

/**
 * Checks the editable fields the input has, recording problems in `fields`.
 * @param {Record<string, unknown>} input
 * @param {Record<string, string>} fields
 * @returns {import('../repositories/todos.js').TodoChanges}
 */
function checkEditable(input, fields) {
  /** @type {import('../repositories/todos.js').TodoChanges} */
  const valid = {};
  const { title, notes, done, dueDate } = input;
  if (title !== undefined) {
    if (typeof title !== 'string') fields.title = 'must be a string';
    else if (title.trim() === '') fields.title = 'must not be empty';
    else if (characterCount(title.trim()) > maximumTitleLength) {
      fields.title = `must be at most ${maximumTitleLength} characters`;
    } else valid.title = title.trim();
  }
  if (notes !== undefined) {
    if (notes !== null && typeof notes !== 'string') fields.notes = 'must be a string or null';
    else if (notes !== null && characterCount(notes) > maximumNotesLength) {
      fields.notes = `must be at most ${maximumNotesLength} characters`;
    } else valid.notes = notes;
  }
  if (done !== undefined) {
    if (typeof done !== 'boolean') fields.done = 'must be true or false';
    else valid.done = done;
  }
  if (dueDate !== undefined) {
    if (dueDate !== null && !isCalendarDate(dueDate)) {
      fields.dueDate = 'must be an ISO-8601 date (YYYY-MM-DD) or null';
    } else valid.dueDate = dueDate;
  }
  return valid;
}

/**
 * Whether the value is a real date written `YYYY-MM-DD` (so not 2025-02-30).
 * @param {unknown} value
 * @returns {value is string}
 */
export function isCalendarDate(value) {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
