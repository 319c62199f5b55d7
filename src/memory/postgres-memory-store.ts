import { Pool, type PoolClient } from 'pg';
import { randomIdGenerator, systemClock, type Clock, type IdGenerator } from '../core/index.ts';
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
import { explainPostgresError, maskUrl } from './postgres-errors.ts';
import { advisoryLockBase, migratePostgresMemory } from './postgres-schema.ts';
import { postgresItemColumns, postgresWhereOf } from './postgres-sql.ts';
import { writePostgresItem } from './postgres-write.ts';
import { searchTermsOf, tsQueryOf } from './search-terms.ts';

/**
 * The team memory store on PostgreSQL, chosen by `LOKI_MEMORY_URL=postgres://…`. Search is
 * English full text (`tsvector` + GIN, `ts_rank`), matching any word of the query as the SQLite
 * store does. Writes and supersessions hold one advisory lock, so team members writing the same
 * lesson at once merge it instead of inserting it twice.
 */
export class PostgresMemoryStore implements MemoryStore {
  readonly location: string;
  readonly #pool: Pool;
  readonly #clock: Clock;
  readonly #generateId: IdGenerator;
  #closed = false;

  private constructor(pool: Pool, location: string, dependencies: MemoryStoreDependencies) {
    this.#pool = pool;
    this.location = location;
    this.#clock = dependencies.clock ?? systemClock;
    this.#generateId = dependencies.generateId ?? randomIdGenerator;
  }

  /**
   * Connects and brings the schema up to date. Throws `memory.unreachable` when the server
   * cannot be reached, `memory.login-refused` when it refuses the user or database.
   */
  static async open(url: string, dependencies: MemoryStoreDependencies = {}) {
    const location = maskUrl(url);
    const pool = new Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
    // An idle connection the server drops emits 'error' on the pool; unheard, that would end
    // the process. The next query opens a fresh connection, so there is nothing else to do.
    pool.on('error', () => undefined);
    try {
      await migratePostgresMemory(pool, location);
    } catch (error) {
      await pool.end();
      throw explainPostgresError(error, location);
    }
    return new PostgresMemoryStore(pool, location, dependencies);
  }

  async write(input: NewMemoryItem): Promise<WriteResult> {
    const write = prepareWrite(input);
    return await this.#transaction(async (client) => {
      const { id, merged } = await writePostgresItem(client, write, {
        now: Math.round(this.#clock.now()),
        newId: () => this.#generateId('mem'),
        read: (row) => this.#read(row),
      });
      return { item: await this.#require(client, id), merged };
    });
  }

  async writeMany(inputs: readonly NewMemoryItem[]): Promise<WrittenId[]> {
    const writes = prepareWrites(inputs);
    return await this.#transaction(async (client) => {
      const context = {
        now: Math.round(this.#clock.now()),
        newId: () => this.#generateId('mem'),
        read: (row: unknown) => this.#read(row),
      };
      const written: WrittenId[] = [];
      // One after another: each may merge into an item an earlier one wrote.
      for (const write of writes) written.push(await writePostgresItem(client, write, context));
      return written;
    });
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const limit = checkLimit(options.limit) ?? defaultSearchLimit;
    const tsQuery = tsQueryOf(searchTermsOf(query));
    if (tsQuery === undefined || limit === 0) return [];
    const params: unknown[] = [tsQuery];
    const where = postgresWhereOf(resolveFilter(options), params);
    params.push(limit);
    const rows = await this.#query(
      `SELECT ${postgresItemColumns}, ts_rank(m.search, q, 1) AS score
       FROM loki_memory_items m, to_tsquery('english', $1) q
       WHERE m.search @@ q ${where.map((clause) => `AND ${clause}`).join(' ')}
       ORDER BY score DESC, m.updated_at DESC, m.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({ item: this.#read(row), score: Number(row['score']) }));
  }

  async get(id: string): Promise<MemoryItem | undefined> {
    const rows = await this.#query(
      `SELECT ${postgresItemColumns} FROM loki_memory_items m WHERE m.id = $1`,
      [id],
    );
    return rows[0] === undefined ? undefined : this.#read(rows[0]);
  }

  async list(options: ListOptions = {}): Promise<MemoryItem[]> {
    const params: unknown[] = [];
    const where = postgresWhereOf(resolveFilter(options), params);
    // LIMIT NULL is Postgres for "no limit".
    params.push(checkLimit(options.limit) ?? null);
    const rows = await this.#query(
      `SELECT ${postgresItemColumns} FROM loki_memory_items m
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY m.updated_at DESC, m.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => this.#read(row));
  }

  supersede(oldId: string, newId: string): Promise<SupersedeResult> {
    return this.#transaction(async (client) => {
      const problem = supersedeProblem(
        await this.#require(client, oldId),
        await this.#require(client, newId),
      );
      if (problem) throw problem;
      await client.query(
        'UPDATE loki_memory_items SET superseded_by = $1, updated_at = $2 WHERE id = $3',
        [newId, Math.round(this.#clock.now()), oldId],
      );
      return {
        superseded: await this.#require(client, oldId),
        successor: await this.#require(client, newId),
      };
    });
  }

  async forget(id: string): Promise<boolean> {
    try {
      const result = await this.#pool.query('DELETE FROM loki_memory_items WHERE id = $1', [id]);
      return (result.rowCount ?? 0) > 0;
    } catch (error) {
      throw explainPostgresError(error, this.location);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    try {
      return (await this.#pool.query<Record<string, unknown>>(sql, params)).rows;
    } catch (error) {
      throw explainPostgresError(error, this.location);
    }
  }

  async #require(client: PoolClient, id: string): Promise<MemoryItem> {
    const { rows } = await client.query(
      `SELECT ${postgresItemColumns} FROM loki_memory_items m WHERE m.id = $1`,
      [id],
    );
    if (rows[0] === undefined) throw memoryNotFound(id, this.location);
    return this.#read(rows[0]);
  }

  #read(row: unknown): MemoryItem {
    return readMemoryRow(memoryRowSchema, row, this.location);
  }

  /** Runs `fn` in one transaction holding the store's write lock. */
  async #transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw explainPostgresError(error, this.location);
    }
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockBase + 1]);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw explainPostgresError(error, this.location);
    } finally {
      client.release();
    }
  }
}
