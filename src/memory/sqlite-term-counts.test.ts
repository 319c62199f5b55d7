import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SqliteMemoryStore } from './sqlite-memory-store.ts';
import { SqliteTermCounts } from './sqlite-term-counts.ts';
import { tempMemoryPath, testDependencies } from './testing.ts';

const lessons = (count: number, content: (index: number) => string) =>
  Array.from({ length: count }, (_, index) => ({
    type: 'learned_lesson' as const,
    content: content(index),
  }));

describe('SqliteTermCounts', () => {
  it('counts the rows holding each term, keeps common counts until the store drifts by 1/64', async () => {
    const path = tempMemoryPath();
    const dependencies = testDependencies();
    {
      await using store = SqliteMemoryStore.open(path, dependencies);
      await store.writeMany(lessons(1_200, (index) => `Handler ${index} returned a response`));
      await store.writeMany(lessons(30, (index) => `Payment ${index} needs an idempotency key`));
    }
    const db = new DatabaseSync(path);
    onTestFinished(() => db.close());
    const counts = new SqliteTermCounts((sql) => db.prepare(sql));
    expect(counts.rowCount()).toBe(1_230);
    expect(counts.countsOf(['handler', 'idempotency', 'absent'])).toEqual([1_200, 30, 0]);

    // 15 more rows (under 1/64 of 1,230): the common count is kept, the rare one is exact.
    {
      await using store = SqliteMemoryStore.open(path, dependencies);
      await store.writeMany(lessons(15, (index) => `Idempotency handler ${index} in payments`));
    }
    expect(counts.countsOf(['handler', 'idempotency'])).toEqual([1_200, 45]);
    // 20 more (35 in all, over 1/64): the common count is taken again.
    {
      await using store = SqliteMemoryStore.open(path, dependencies);
      await store.writeMany(lessons(20, (index) => `Another handler ${index} for refunds`));
    }
    expect(counts.rowCount()).toBe(1_265);
    expect(counts.countsOf(['handler'])).toEqual([1_235]);
  });
});
