import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { memoryStoreContract } from './memory-store-contract.ts';
import { tempMemoryPath, testDependencies } from './testing.ts';
import { SqliteMemoryStore } from './sqlite-memory-store.ts';
import { exactBudget } from './sqlite-candidates.ts';

describe('SqliteMemoryStore', () => {
  memoryStoreContract((dependencies) =>
    Promise.resolve(SqliteMemoryStore.open(tempMemoryPath(), dependencies)),
  );

  it('keeps its items in a WAL-mode file that a second process-like connection reads', async () => {
    const path = tempMemoryPath();
    {
      await using store = SqliteMemoryStore.open(path, testDependencies());
      await store.write({ type: 'learned_lesson', content: 'Seed the database in tests' });
    }
    const raw = new DatabaseSync(path, { readOnly: true });
    onTestFinished(() => raw.close());
    expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    await using reopened = SqliteMemoryStore.open(path, testDependencies());
    expect((await reopened.search('seeding database'))[0]?.item.content).toBe(
      'Seed the database in tests',
    );
  });

  it('keeps the full-text index in step when a merge by key rewrites the content', async () => {
    await using store = SqliteMemoryStore.open(tempMemoryPath(), testDependencies());
    await store.write({ type: 'learned_lesson', key: 'orm', content: 'Use Sequelize' });
    await store.write({ type: 'learned_lesson', key: 'orm', content: 'Use Drizzle' });
    expect(await store.search('sequelize')).toEqual([]);
    expect((await store.search('drizzle')).map((hit) => hit.item.id)).toEqual(['mem_1']);
  });

  it('refuses a file of a newer schema, or one that is not a database, saying which', async () => {
    const path = tempMemoryPath();
    await SqliteMemoryStore.open(path).close();
    const other = new DatabaseSync(path);
    other.exec('PRAGMA user_version = 99');
    other.close();
    expect(() => SqliteMemoryStore.open(path)).toThrow(/schema version 99.*upgrade Loki/);
    const notDatabase = join(dirname(path), 'notes.db');
    writeFileSync(notDatabase, 'just text, not a database at all. '.repeat(40));
    expect(() => SqliteMemoryStore.open(notDatabase)).toThrow(
      expect.objectContaining({ code: 'memory.unreadable' }),
    );
  });

  it('ranks the rows holding rare words first when common words match too many rows to rank', async () => {
    await using store = SqliteMemoryStore.open(tempMemoryPath(), testDependencies());
    await store.writeMany(
      Array.from({ length: exactBudget + 500 }, (_, index) => ({
        type: 'learned_lesson' as const,
        content: `Handler ${index} returned a response`,
      })),
    );
    await store.writeMany(
      Array.from({ length: 40 }, (_, index) => ({
        type: 'learned_lesson' as const,
        content: `Payment ${index}: store the idempotency key before the handler sends a response`,
      })),
    );
    const hits = await store.search('payment idempotency handler response', { limit: 5 });
    expect(hits).toHaveLength(5);
    expect(hits.every((hit) => hit.item.content.startsWith('Payment'))).toBe(true);
    // Fewer rare hits than asked for: the rows with only common words fill the page.
    const page = await store.search('idempotency response', { limit: 100 });
    expect(page).toHaveLength(100);
    expect(page.slice(0, 40).every((hit) => hit.item.content.startsWith('Payment'))).toBe(true);
  });
});
