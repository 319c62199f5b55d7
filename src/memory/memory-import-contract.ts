// The export and import round trip every MemoryStore keeps; part of the store contract.
import { expect, it } from 'vitest';
import { importMemoryLines } from './import-memory.ts';
import { memoryJsonlLine, parseMemoryJsonl } from './memory-jsonl.ts';
import type { MemoryStore } from './memory-store.ts';
import { lesson, testStoreOpener, type OpenTestStore } from './testing.ts';

/** What `loki memory export` writes: every item, least recently updated first. */
async function exportOf(store: MemoryStore): Promise<string> {
  const items = await store.list({ includeSuperseded: true });
  return items
    .reverse()
    .map((item) => `${memoryJsonlLine(item)}\n`)
    .join('');
}

/** Each item's content, with the content of the item that superseded it, if any. */
async function shapeOf(store: MemoryStore): Promise<Record<string, string | null>> {
  const items = await store.list({ includeSuperseded: true });
  const contentOf = new Map(items.map((item) => [item.id, item.content]));
  return Object.fromEntries(
    items.map((item) => [
      item.content,
      item.supersededBy === null ? null : contentOf.get(item.supersededBy)!,
    ]),
  );
}

/** Registers the import tests of the contract in the current `describe`. */
export function memoryImportContract(openStore: OpenTestStore): void {
  const open = testStoreOpener(openStore);

  async function sourceStore(): Promise<MemoryStore> {
    const { store, clock } = await open();
    const write = async (content: string) => {
      clock.time += 1_000;
      return (await store.write(lesson(content))).item.id;
    };
    const jest = await write('Use Jest for tests');
    const vitest = await write('Use Vitest: ESM works');
    clock.time += 1_000;
    await store.supersede(jest, vitest);
    // A chain: Knex, replaced by Drizzle, replaced by Prisma.
    const knex = await write('Query the database with Knex');
    const drizzle = await write('Query the database with Drizzle');
    const prisma = await write('Query the database with Prisma');
    clock.time += 1_000;
    await store.supersede(knex, drizzle);
    await store.supersede(drizzle, prisma);
    clock.time += 1_000;
    await store.write({ type: 'feedback', content: 'Good API docs', tags: ['docs'] });
    return store;
  }

  const expectedShape = {
    'Use Jest for tests': 'Use Vitest: ESM works',
    'Use Vitest: ESM works': null,
    'Query the database with Knex': 'Query the database with Drizzle',
    'Query the database with Drizzle': 'Query the database with Prisma',
    'Query the database with Prisma': null,
    'Good API docs': null,
  };

  it('imports its own export as a no-op: no copies, links as they were', async () => {
    const store = await sourceStore();
    const before = await store.list({ includeSuperseded: true });
    const { lines, bad } = parseMemoryJsonl(await exportOf(store));
    expect(bad).toEqual([]);
    for (let round = 0; round < 2; round++) {
      expect(await importMemoryLines(store, lines)).toEqual({
        created: 0,
        merged: 0,
        unchanged: 6,
        linked: 0,
      });
    }
    expect(await store.list({ includeSuperseded: true })).toEqual(before);
    expect(await shapeOf(store)).toEqual(expectedShape);
  });

  it('imports an export into a fresh store twice without copies, superseded lessons kept superseded by the right one', async () => {
    const { lines } = parseMemoryJsonl(await exportOf(await sourceStore()));
    const { store: target } = await open();
    expect(await importMemoryLines(target, lines)).toEqual({
      created: 6,
      merged: 0,
      unchanged: 0,
      linked: 3,
    });
    expect(await shapeOf(target)).toEqual(expectedShape);
    // Again: the superseded lines are found among what their successors supersede; the
    // current ones merge into themselves, as any duplicate write does.
    expect(await importMemoryLines(target, lines)).toEqual({
      created: 0,
      merged: 3,
      unchanged: 3,
      linked: 0,
    });
    expect(await target.list({ includeSuperseded: true })).toHaveLength(6);
    expect(await shapeOf(target)).toEqual(expectedShape);
    expect((await target.search('database')).map((hit) => hit.item.content)).toEqual([
      'Query the database with Prisma',
    ]);
  });

  it('imports a superseded line whose successor holds elsewhere as superseded by it', async () => {
    const { lines } = parseMemoryJsonl(await exportOf(await sourceStore()));
    const { store: target } = await open();
    // The target learned Vitest on its own, and still holds Jest as current.
    await target.write(lesson('Use Vitest: ESM works'));
    await target.write(lesson('Use Jest for tests'));
    const result = await importMemoryLines(target, lines);
    expect(result).toMatchObject({ created: 4, merged: 2, linked: 3 });
    expect(await shapeOf(target)).toEqual(expectedShape);
  });
}
