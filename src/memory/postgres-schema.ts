import type { Pool } from 'pg';
import { newerMemorySchema } from './memory-errors.ts';

/**
 * The Postgres memory schema, one entry per version, only ever appended. Table names carry a
 * `loki_memory_` prefix so the store can live in a database a team already uses.
 *
 * `search` is the item's full text (content, tags, key) as an English `tsvector`, written by
 * the store with each change and indexed with GIN. It is not a generated column because
 * joining the tags array into text is not an immutable expression in Postgres.
 */
export const postgresMemoryMigrations: readonly string[] = [
  `
  CREATE TABLE loki_memory_items (
    id            text PRIMARY KEY,
    item_key      text,
    type          text NOT NULL,
    content       text NOT NULL,
    content_hash  text NOT NULL,
    tags          text[] NOT NULL,
    severity      text NOT NULL,
    source_run    text,
    seen_count    integer NOT NULL,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL,
    superseded_by text REFERENCES loki_memory_items (id) ON DELETE SET NULL,
    search        tsvector NOT NULL
  );
  CREATE INDEX loki_memory_items_search ON loki_memory_items USING gin (search);
  CREATE INDEX loki_memory_items_tags ON loki_memory_items USING gin (tags);
  CREATE INDEX loki_memory_items_by_key ON loki_memory_items (type, item_key)
    WHERE item_key IS NOT NULL;
  CREATE INDEX loki_memory_items_by_content ON loki_memory_items (type, content_hash);
  CREATE INDEX loki_memory_items_by_updated_at ON loki_memory_items (updated_at);
  CREATE INDEX loki_memory_items_by_superseded_by ON loki_memory_items (superseded_by)
    WHERE superseded_by IS NOT NULL;
  `,
];

/**
 * Any number that is ours alone, for `pg_advisory_xact_lock`: migrations take lock + 0, writes
 * lock + 1. Advisory locks are per database, so other applications' locks would only collide
 * if they picked the same number.
 */
export const advisoryLockBase = 0x4c6f6b69_00; // "Loki" and a zero byte

/**
 * Brings the database up to the latest schema in one transaction, holding an advisory lock so
 * that team members starting Loki at once migrate it once. Refuses a newer schema.
 */
export async function migratePostgresMemory(pool: Pool, location: string): Promise<void> {
  const known = postgresMemoryMigrations.length;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockBase]);
    await client.query('CREATE TABLE IF NOT EXISTS loki_memory_schema (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM loki_memory_schema',
    );
    const version = rows[0]?.version ?? 0;
    if (version > known) throw newerMemorySchema(location, version, known);
    for (const migration of postgresMemoryMigrations.slice(version)) await client.query(migration);
    if (rows.length === 0) {
      await client.query('INSERT INTO loki_memory_schema (version) VALUES ($1)', [known]);
    } else if (version < known) {
      await client.query('UPDATE loki_memory_schema SET version = $1', [known]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
