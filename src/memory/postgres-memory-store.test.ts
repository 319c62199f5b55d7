import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { memoryStoreContract } from './memory-store-contract.ts';
import { testDependencies } from './testing.ts';
import { PostgresMemoryStore } from './postgres-memory-store.ts';
import { findPostgresBinaries, startTestPostgres, type TestPostgres } from './test-postgres.ts';

const binaries = findPostgresBinaries();
// Absent binaries skip these tests, loudly; in CI, which installs them, absence is a failure.
if (!binaries.found) {
  if (process.env['CI']) throw new Error(`CI must run the Postgres tests: ${binaries.reason}`);
  console.warn(`Skipping the Postgres memory store tests: ${binaries.reason}`);
}

describe.skipIf(!binaries.found)('PostgresMemoryStore (real PostgreSQL server)', () => {
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    if (binaries.found) server = await startTestPostgres(binaries.binDir);
  }, 60_000);
  afterAll(() => server?.stop());

  const newDatabase = () => {
    if (!server) throw new Error('the test PostgreSQL server did not start');
    return server.createDatabase();
  };

  memoryStoreContract(async (dependencies) =>
    PostgresMemoryStore.open(await newDatabase(), dependencies),
  );

  it('migrates once when several stores open one new database at once, and keeps its items', async () => {
    const url = await newDatabase();
    const stores = await Promise.all(
      [1, 2, 3].map(() => PostgresMemoryStore.open(url, testDependencies())),
    );
    try {
      await stores[0]!.write({ type: 'learned_lesson', content: 'Shared by the team' });
      expect((await stores[2]!.search('team'))[0]?.item.content).toBe('Shared by the team');
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
    await using reopened = await PostgresMemoryStore.open(url, testDependencies());
    expect(await reopened.list()).toHaveLength(1);
  });

  it('says which server cannot be reached, without its password', async () => {
    const url = 'postgres://loki:hunter2secret@127.0.0.1:1/none';
    const attempt = PostgresMemoryStore.open(url);
    await expect(attempt).rejects.toSatisfy(
      (error: unknown) =>
        LokiError.isInstance(error) &&
        error.code === 'memory.unreachable' &&
        error.isRetryable &&
        error.message.includes('127.0.0.1:1') &&
        !error.message.includes('hunter2secret'),
    );
  });
});
