import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  LokiError,
  errorMessage,
  randomIdGenerator,
  systemClock,
  type Clock,
  type IdGenerator,
} from '../core/index.ts';
import { memoryNotFound, readMemoryRow, supersedeProblem } from './memory-errors.ts';
import { checkLimit, defaultSearchLimit, resolveFilter } from './memory-filter.ts';
import type { MemoryItem, NewMemoryItem } from './memory-item.ts';
import { memoryRowSchema } from './memory-row.ts';
import type {
  ListOptions,
  MemoryStore,
  MemoryStoreDependencies,
  SearchHit,
  SearchOptions,
  SupersedeResult,
  WriteResult,
  WrittenId,
} from './memory-store.ts';
import { prepareWrite, prepareWrites } from './merge-duplicate.ts';
import { searchTermsOf } from './search-terms.ts';
import { migrateSqliteMemory } from './sqlite-schema.ts';
import { searchSqliteRows } from './sqlite-search.ts';
import { SqliteTermCounts } from './sqlite-term-counts.ts';
import { settle, sqliteItemColumns, sqliteWhereOf } from './sqlite-sql.ts';
import { writeSqliteItem } from './sqlite-write.ts';

/** A busy file is shared by a CLI run and a dashboard; memory writes are short, so seconds do. */
const busyTimeoutMs = 5_000;

/**
 * The embedded memory store: one SQLite file (by default `~/.loki/memory.db`, shared by every
 * project of a user) in WAL mode, so several Loki processes read while one writes. Search is
 * FTS5 with BM25 ranking and Porter stemming. Writes that look for a duplicate run in an
 * IMMEDIATE transaction, so two processes never both insert the same lesson.
 */
export class SqliteMemoryStore implements MemoryStore {
  readonly location: string;
  readonly #db: DatabaseSync;
  readonly #clock: Clock;
  readonly #generateId: IdGenerator;
  /** Statements prepared once per store: preparing costs more than running a small query. */
  readonly #statements = new Map<string, StatementSync>();
  /** Document frequencies of search terms, kept across searches (see `SqliteTermCounts`). */
  readonly #termCounts = new SqliteTermCounts((sql) => this.#prepare(sql));

  private constructor(db: DatabaseSync, location: string, dependencies: MemoryStoreDependencies) {
    this.#db = db;
    this.location = location;
    this.#clock = dependencies.clock ?? systemClock;
    this.#generateId = dependencies.generateId ?? randomIdGenerator;
  }

  /**
   * Opens the store at `path`, creating the file and its folders when missing and upgrading an
   * older schema. Throws `memory.unreadable` for a file that is not a memory store.
   */
  static open(path: string, dependencies: MemoryStoreDependencies = {}): SqliteMemoryStore {
    const location = path === ':memory:' ? path : resolve(path);
    let db: DatabaseSync | undefined;
    try {
      if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
      db = new DatabaseSync(location, {
        timeout: busyTimeoutMs,
        enableForeignKeyConstraints: true,
      });
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      // 64 MiB of pages kept in the process (the default is 2 MiB): a search reads hundreds
      // of scattered rows, and pages left to the OS cache may be evicted and read from disk
      // again, which tripled the 95th percentile at a million lessons.
      db.exec('PRAGMA cache_size = -65536');
      migrateSqliteMemory(db, location);
      return new SqliteMemoryStore(db, location, dependencies);
    } catch (cause) {
      if (db?.isOpen) db.close();
      if (LokiError.isInstance(cause)) throw cause;
      throw new LokiError({
        code: 'memory.unreadable',
        category: 'bad-input',
        message: `cannot open the memory store at "${location}": ${errorMessage(cause)}; give another path with LOKI_MEMORY_PATH`,
        details: { location },
        cause,
      });
    }
  }

  write(input: NewMemoryItem): Promise<WriteResult> {
    return settle(() => {
      const write = prepareWrite(input);
      return this.#immediate(() => {
        const { id, merged } = writeSqliteItem(this.#prepare, write, this.#writeContext());
        return { item: this.#require(id), merged };
      });
    });
  }

  writeMany(inputs: readonly NewMemoryItem[]): Promise<WrittenId[]> {
    return settle(() => {
      const writes = prepareWrites(inputs);
      return this.#immediate(() => {
        const context = this.#writeContext();
        return writes.map((write) => writeSqliteItem(this.#prepare, write, context));
      });
    });
  }

  search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    return settle(() => {
      const limit = checkLimit(options.limit) ?? defaultSearchLimit;
      const terms = searchTermsOf(query);
      if (terms.length === 0 || limit === 0) return [];
      const rows = searchSqliteRows(
        this.#prepare,
        this.#termCounts,
        terms,
        resolveFilter(options),
        limit,
      );
      // bm25() is lower for better matches; the store's contract says higher is better.
      return rows.map((row) => ({ item: this.#read(row), score: -Number(row.bm25) }));
    });
  }

  get(id: string): Promise<MemoryItem | undefined> {
    return settle(() => this.#get(id));
  }

  list(options: ListOptions = {}): Promise<MemoryItem[]> {
    return settle(() => {
      const limit = checkLimit(options.limit) ?? -1;
      const { where, params } = sqliteWhereOf(resolveFilter(options));
      return this.#prepare(
        `SELECT ${sqliteItemColumns} FROM memory_items m
           ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY m.updated_at DESC, m.seq DESC LIMIT ?`,
      )
        .all(...params, limit)
        .map((row) => this.#read(row));
    });
  }

  supersede(oldId: string, newId: string): Promise<SupersedeResult> {
    return settle(() =>
      this.#immediate(() => {
        const problem = supersedeProblem(this.#require(oldId), this.#require(newId));
        if (problem) throw problem;
        this.#prepare('UPDATE memory_items SET superseded_by = ?, updated_at = ? WHERE id = ?').run(
          newId,
          Math.round(this.#clock.now()),
          oldId,
        );
        return { superseded: this.#require(oldId), successor: this.#require(newId) };
      }),
    );
  }

  forget(id: string): Promise<boolean> {
    return settle(() => {
      const { changes } = this.#prepare('DELETE FROM memory_items WHERE id = ?').run(id);
      return Number(changes) > 0;
    });
  }

  close(): Promise<void> {
    return settle(() => {
      if (this.#db.isOpen) this.#db.close();
    });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  readonly #prepare = (sql: string): StatementSync => {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  };

  #writeContext() {
    return {
      now: Math.round(this.#clock.now()),
      newId: () => this.#generateId('mem'),
      read: (row: unknown) => this.#read(row),
    };
  }

  #get(id: string): MemoryItem | undefined {
    const row = this.#prepare(`SELECT ${sqliteItemColumns} FROM memory_items m WHERE m.id = ?`).get(
      id,
    );
    return row === undefined ? undefined : this.#read(row);
  }

  #require(id: string): MemoryItem {
    const item = this.#get(id);
    if (item === undefined) throw memoryNotFound(id, this.location);
    return item;
  }

  #read(row: unknown): MemoryItem {
    return readMemoryRow(memoryRowSchema, row, this.location);
  }

  /** Runs `fn` holding the write lock from the start, so a read-then-write cannot interleave. */
  #immediate<T>(fn: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}
