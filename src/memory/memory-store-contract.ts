// The behaviour every MemoryStore keeps, as one test suite run against each implementation.
import { expect, it } from 'vitest';
import type { NewMemoryItem } from './memory-item.ts';
import { memoryImportContract } from './memory-import-contract.ts';
import { memorySearchContract } from './memory-search-contract.ts';
import { lesson, rejectsWith, testStoreOpener, type OpenTestStore } from './testing.ts';

/** Registers the contract's tests in the current `describe`: items, duplicates, search, links, import. */
export function memoryStoreContract(openStore: OpenTestStore): void {
  const open = testStoreOpener(openStore);
  memorySearchContract(openStore);
  memoryImportContract(openStore);

  it('writes an item with normalised tags and defaults, and reads it back by id', async () => {
    const { store } = await open();
    const { item, merged } = await store.write(
      lesson('  Pin the Node version in CI.  ', { tags: ['CI', 'node', 'ci'], sourceRun: 'run_1' }),
    );
    expect(merged).toBe(false);
    expect(item).toEqual({
      id: 'mem_1',
      key: null,
      type: 'learned_lesson',
      content: 'Pin the Node version in CI.',
      tags: ['ci', 'node'],
      severity: 'info',
      sourceRun: 'run_1',
      seenCount: 1,
      createdAt: 1_000,
      updatedAt: 1_000,
      supersededBy: null,
      supersedes: [],
    });
    expect(await store.get('mem_1')).toEqual(item);
    expect(await store.get('mem_404')).toBeUndefined();
  });

  it('refuses an item with empty content, an unknown type or a tag with a space', async () => {
    const { store } = await open();
    for (const bad of [
      lesson('   '),
      { type: 'rumour', content: 'x' } as unknown as NewMemoryItem,
      lesson('fine', { tags: ['two words'] }),
    ]) {
      await expect(store.write(bad)).rejects.toSatisfy(rejectsWith('memory.invalid-item'));
    }
    expect(await store.list()).toEqual([]);
  });

  it('merges a write whose normalised content matches, keeping nothing twice', async () => {
    const { store, clock } = await open();
    await store.write(lesson('Run `npm test` before merging!', { tags: ['git'] }));
    clock.time = 2_000;
    const { item, merged } = await store.write(
      lesson('run npm test before merging', {
        tags: ['tests'],
        severity: 'critical',
        sourceRun: 'run_2',
      }),
    );
    expect(merged).toBe(true);
    expect(item).toMatchObject({
      id: 'mem_1',
      content: 'Run `npm test` before merging!',
      tags: ['git', 'tests'],
      severity: 'critical',
      sourceRun: 'run_2',
      seenCount: 2,
      createdAt: 1_000,
      updatedAt: 2_000,
    });
    await store.write(lesson('RUN NPM TEST, BEFORE MERGING', { severity: 'info' }));
    expect(await store.list()).toEqual([
      expect.objectContaining({ seenCount: 3, severity: 'critical' }),
    ]);
  });

  it('takes a write with the same key as the latest version, and keeps other types apart', async () => {
    const { store } = await open();
    await store.write(
      lesson('Use port 3000', { key: 'dev-port', tags: ['old'], severity: 'critical' }),
    );
    const { item, merged } = await store.write(
      lesson('Use port 8080', { key: 'dev-port', tags: ['new'] }),
    );
    expect(merged).toBe(true);
    expect(item).toMatchObject({
      id: 'mem_1',
      content: 'Use port 8080',
      key: 'dev-port',
      tags: ['new'],
      severity: 'info',
      seenCount: 2,
    });
    const feedback = await store.write({ type: 'feedback', content: 'Use port 8080' });
    expect(feedback).toMatchObject({ merged: false, item: { id: 'mem_2', type: 'feedback' } });
  });

  it('merges concurrent writes of one lesson into one item', async () => {
    const { store } = await open();
    await Promise.all(
      Array.from({ length: 6 }, () => store.write(lesson('Close database pools on shutdown'))),
    );
    expect(await store.list()).toEqual([expect.objectContaining({ seenCount: 6 })]);
  });

  it('links a superseded item and its successor both ways, and leaves the old one out', async () => {
    const { store, clock } = await open();
    await store.write(lesson('Use Jest for tests'));
    await store.write(lesson('Use Vitest for tests: it runs ESM natively'));
    clock.time = 5_000;
    const { superseded, successor } = await store.supersede('mem_1', 'mem_2');
    expect(superseded).toMatchObject({ id: 'mem_1', supersededBy: 'mem_2', updatedAt: 5_000 });
    expect(successor).toMatchObject({ id: 'mem_2', supersedes: ['mem_1'], supersededBy: null });
    expect(await store.get('mem_1')).toEqual(superseded);
    expect((await store.search('tests')).map((hit) => hit.item.id)).toEqual(['mem_2']);
    expect((await store.search('jest', { includeSuperseded: true }))[0]?.item.id).toBe('mem_1');
    expect((await store.list()).map((item) => item.id)).toEqual(['mem_2']);
    // The old wording learned again is a new lesson, not a merge into the superseded one.
    expect(await store.write(lesson('Use Jest for tests'))).toMatchObject({
      merged: false,
      item: { id: 'mem_3' },
    });
  });

  it('refuses supersessions that would break the chain', async () => {
    const { store } = await open();
    await store.write(lesson('one'));
    await store.write(lesson('two'));
    await store.write(lesson('three'));
    await store.write({ type: 'feedback', content: 'four' });
    await store.supersede('mem_1', 'mem_2');
    const cannot = rejectsWith('memory.cannot-supersede');
    await expect(store.supersede('mem_1', 'mem_3')).rejects.toSatisfy(cannot);
    await expect(store.supersede('mem_3', 'mem_1')).rejects.toSatisfy(cannot);
    await expect(store.supersede('mem_2', 'mem_2')).rejects.toSatisfy(cannot);
    await expect(store.supersede('mem_2', 'mem_4')).rejects.toSatisfy(cannot);
    await expect(store.supersede('mem_2', 'mem_404')).rejects.toSatisfy(
      rejectsWith('memory.not-found'),
    );
    expect(await store.get('mem_2')).toMatchObject({ supersededBy: null, supersedes: ['mem_1'] });
  });

  it('forgets an item, unlinking it from the items it was linked to', async () => {
    const { store } = await open();
    await store.write(lesson('old advice about tokens'));
    await store.write(lesson('new advice about tokens'));
    await store.supersede('mem_1', 'mem_2');
    expect(await store.forget('mem_2')).toBe(true);
    expect(await store.forget('mem_2')).toBe(false);
    expect(await store.get('mem_1')).toMatchObject({ supersededBy: null });
    expect((await store.search('tokens')).map((hit) => hit.item.id)).toEqual(['mem_1']);
    await store.write(lesson('newer advice about tokens'));
    await store.supersede('mem_1', 'mem_3');
    expect(await store.forget('mem_1')).toBe(true);
    expect(await store.get('mem_3')).toMatchObject({ supersedes: [] });
    expect(await store.search('old')).toEqual([]);
  });

  it('writes a batch in one transaction, merging duplicates within it, or nothing at all', async () => {
    const { store } = await open();
    const written = await store.writeMany([
      lesson('Seed test data with factories'),
      lesson('Use a fresh database per test file'),
      lesson('seed test data with FACTORIES!', { tags: ['tests'] }),
    ]);
    expect(written).toEqual([
      { id: 'mem_1', merged: false },
      { id: 'mem_2', merged: false },
      { id: 'mem_1', merged: true },
    ]);
    expect(await store.get('mem_1')).toMatchObject({ seenCount: 2, tags: ['tests'] });
    const bad = store.writeMany([lesson('A lesson that must not be kept'), lesson('  ')]);
    await expect(bad).rejects.toSatisfy(
      (error: unknown) =>
        rejectsWith('memory.invalid-item')(error) && /memory item 1 /.test(String(error)),
    );
    expect(await store.list()).toHaveLength(2);
    expect(await store.writeMany([])).toEqual([]);
  });
}
