import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { migrate, openDatabase } from '../src/db.js';

const directory = mkdtempSync(join(tmpdir(), 'todo-api-db-'));
after(() => rmSync(directory, { recursive: true, force: true }));

test('openDatabase creates the folder and the schema', () => {
  const path = join(directory, 'nested', 'data', 'todos.db');
  const db = openDatabase(path);
  try {
    assert.ok(existsSync(path));
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
    assert.deepEqual(
      tables.filter((name) => !String(name).startsWith('sqlite_')),
      ['schema_migrations', 'todos', 'users'],
    );
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all();
    assert.ok(indexes.some((row) => row.name === 'todos_by_user_newest_first'));
  } finally {
    db.close();
  }
});

test('migrations run twice without error and apply nothing the second time', () => {
  const path = join(directory, 'twice.db');
  const first = openDatabase(path);
  assert.deepEqual(migrate(first), []);
  first.close();
  const second = openDatabase(path);
  try {
    assert.deepEqual(migrate(second), []);
    const versions = second.prepare('SELECT version FROM schema_migrations').all();
    assert.deepEqual(
      versions.map((row) => row.version),
      [1],
    );
  } finally {
    second.close();
  }
});

test('a fresh in-memory database gets migration 1', () => {
  const db = openDatabase(':memory:');
  try {
    const [row] = db.prepare('SELECT version, name FROM schema_migrations').all();
    assert.equal(row?.version, 1);
    assert.equal(row?.name, 'create users and todos');
  } finally {
    db.close();
  }
});

test('foreign keys are enforced and the journal is WAL', () => {
  const db = openDatabase(join(directory, 'pragmas.db'));
  try {
    assert.equal(db.prepare('PRAGMA foreign_keys').get()?.foreign_keys, 1);
    assert.equal(db.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal');
    assert.throws(
      () =>
        db
          .prepare(
            "INSERT INTO todos (id, user_id, title, created_at, updated_at) VALUES ('t', 'nobody', 'x', '', '')",
          )
          .run(),
      /FOREIGN KEY constraint failed/,
    );
  } finally {
    db.close();
  }
});
