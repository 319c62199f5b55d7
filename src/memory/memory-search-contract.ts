// The search behaviour every MemoryStore keeps; part of the store contract.
import { expect, it } from 'vitest';
import { lesson, rejectsWith, testStoreOpener, type OpenTestStore } from './testing.ts';

/** Registers the search tests of the contract in the current `describe`. */
export function memorySearchContract(openStore: OpenTestStore): void {
  const open = testStoreOpener(openStore);

  it('ranks the lesson that matches the query first', async () => {
    const { store } = await open();
    await store.write(lesson('Format dates in ISO 8601 in every API response.'));
    await store.write(
      lesson('PostgreSQL migrations must take an advisory lock before they run.', {
        tags: ['postgres'],
      }),
    );
    await store.write(lesson('Run the linter before the tests in CI.'));
    await store.write(lesson('A lock file must be committed with every dependency change.'));
    const hits = await store.search('postgres migration lock');
    expect(hits[0]?.item.id).toBe('mem_2');
    expect(hits.map((hit) => hit.item.id)).not.toContain('mem_1');
    expect(hits[0]!.score).toBeGreaterThan(hits.at(-1)!.score);
    // Stemming: "migrations" in the lesson is found by "migrating".
    expect((await store.search('migrating'))[0]?.item.id).toBe('mem_2');
  });

  it('takes any punctuation in a query as plain text, never as query syntax', async () => {
    const { store } = await open();
    await store.write(lesson('The `npm test --coverage` run must stay above 80% (lines).'));
    await store.write(
      lesson('Escape user input in SQL: use parameters, never string concatenation.'),
    );
    const nasty = [
      '"unbalanced quote',
      "'; DROP TABLE memory_items; --",
      'NEAR(coverage npm) AND NOT * OR ^ : - + { } [ ] ( )',
      'content:npm column:"x" tags:*',
      '!!! ??? ... ### *** ///',
      'C++ / C# & .NET <script>alert(1)</script>',
      'café naïve façade 日本語 😀 \u0000 \u202e',
      '\u0301 \u0308\u0308 x\u00b2 \u2153 \ufb01 \u0e20\u0e32\u0e29\u0e32 \u0644\u063a\u0629',
      '# PRD\n\n- **npm** `test` --coverage: >= 80%!\n| table | row |',
    ];
    for (const query of nasty) expect(Array.isArray(await store.search(query))).toBe(true);
    expect((await store.search('what about `npm test --coverage`?!'))[0]?.item.id).toBe('mem_1');
    expect(await store.search("'; --")).toEqual([]);
    expect(await store.search('   ')).toEqual([]);
  });

  it('filters search and list by type and tags, and limits them', async () => {
    const { store, clock } = await open();
    await store.write(lesson('Cache API responses carefully', { tags: ['api', 'cache'] }));
    clock.time = 2_000;
    await store.write(lesson('Version every API route', { tags: ['api'] }));
    clock.time = 3_000;
    await store.write({ type: 'feedback', content: 'The API docs were great', tags: ['api'] });
    const ids = (hits: { item: { id: string } }[]) => hits.map((hit) => hit.item.id).sort();
    expect(ids(await store.search('api', { type: 'learned_lesson' }))).toEqual(['mem_1', 'mem_2']);
    expect(ids(await store.search('api', { type: ['feedback'] }))).toEqual(['mem_3']);
    expect(ids(await store.search('api', { tags: ['API', 'cache'] }))).toEqual(['mem_1']);
    expect(await store.search('api', { limit: 2 })).toHaveLength(2);
    expect((await store.list()).map((item) => item.id)).toEqual(['mem_3', 'mem_2', 'mem_1']);
    expect((await store.list({ type: 'learned_lesson', limit: 1 })).map((item) => item.id)).toEqual(
      ['mem_2'],
    );
    expect((await store.list({ tags: ['cache'] })).map((item) => item.id)).toEqual(['mem_1']);
    await expect(store.list({ limit: -1 })).rejects.toSatisfy(rejectsWith('memory.invalid-limit'));
  });

  it('finds the matches a filter keeps even when better matches of other kinds outnumber them', async () => {
    const { store } = await open();
    await store.writeMany(
      Array.from({ length: 80 }, (_, index) => ({
        type: 'feedback' as const,
        content: `cache cache cache ${index}`,
      })),
    );
    await store.write(lesson('Warm the cache before the load test, not during it.'));
    await store.write(lesson('A cache needs an expiry, or it serves stale data forever.'));
    const hits = await store.search('cache', { type: 'learned_lesson', limit: 5 });
    expect(hits.map((hit) => hit.item.id).sort()).toEqual(['mem_81', 'mem_82']);
    expect(await store.search('cache', { limit: 100 })).toHaveLength(82);
  });
}
