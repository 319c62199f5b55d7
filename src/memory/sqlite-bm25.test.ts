import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Bm25Scorer } from './sqlite-bm25.ts';
import { candidateRowidsOf, exactBudget } from './sqlite-candidates.ts';
import { SqliteMemoryStore } from './sqlite-memory-store.ts';
import { SqliteTermCounts } from './sqlite-term-counts.ts';
import { ftsMatchOf, searchTermsOf } from './search-terms.ts';
import { tempMemoryPath, testDependencies } from './testing.ts';

const words = `postgres migration handler response payment idempotency key retry timeout cache
  queue worker token session billing invoice refund schema validator transaction index deploy`
  .trim()
  .split(/\s+/);

/** Lessons of varied length and word counts, some with keys and tags, from a fixed sequence. */
function lessons(count: number, seed: number) {
  // mulberry32: a fixed sequence without short cycles.
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  return Array.from({ length: count }, (_, index) => {
    const length = 3 + Math.floor(next() * 14);
    const text = Array.from({ length }, () => words[Math.floor(next() ** 1.5 * words.length)]);
    return {
      type: 'learned_lesson' as const,
      content: `Lesson ${index}: the ${text.join(' ')} handlers failed, retrying them helped.`,
      tags: next() < 0.5 ? [words[index % words.length]!] : [],
      ...(next() < 0.2 ? { key: `key-${words[(index * 7) % words.length]}-${index}` } : {}),
    };
  });
}

/** Every match of a query with FTS5's own bm25 (negated: higher is better), by rowid. */
function fts5Scores(db: DatabaseSync, terms: readonly string[]): Map<number, number> {
  return new Map(
    db
      .prepare('SELECT rowid, rank FROM memory_fts WHERE memory_fts MATCH ?')
      .all(ftsMatchOf(terms)!)
      .map((row) => [Number(row['rowid']), -Number(row['rank'])]),
  );
}

describe('Bm25Scorer', () => {
  it('gives every row the score FTS5 gives it, stems, tags and keys included', async () => {
    const path = tempMemoryPath();
    {
      await using store = SqliteMemoryStore.open(path, testDependencies());
      await store.writeMany(lessons(400, 7));
    }
    const db = new DatabaseSync(path);
    onTestFinished(() => db.close());
    const counts = new SqliteTermCounts((sql) => db.prepare(sql));
    const queries = [
      'postgres migrations',
      'retrying idempotency keys for payments',
      'handler response timeout cache queue worker token session billing',
      'key',
      'refunds invoice schemas validators lesson',
    ];
    for (const query of queries) {
      const terms = searchTermsOf(query);
      const scorer = new Bm25Scorer(terms, counts.countsOf(terms), counts.totals());
      const expected = fts5Scores(db, terms);
      expect(expected.size).toBeGreaterThan(0);
      for (const [rowid, score] of expected) {
        const row = db
          .prepare('SELECT content, tags, item_key FROM memory_items WHERE seq = ?')
          .get(rowid)!;
        const actual = scorer.score([
          String(row['content']),
          String(row['tags']),
          (row['item_key'] as string | null) ?? null,
        ]);
        expect(actual, `${query} / row ${rowid}`).toBeCloseTo(score, 9);
      }
    }
  });

  it('reranks the candidates of a search of common words by the whole query, as FTS5 scores them', async () => {
    const path = tempMemoryPath();
    await using store = SqliteMemoryStore.open(path, testDependencies());
    const many = (count: number, content: (index: number) => string) =>
      Array.from({ length: count }, (_, index) => ({
        type: 'learned_lesson' as const,
        content: content(index),
      }));
    await store.writeMany(
      many(exactBudget, (i) => `Handler ${i} returned a response after a retry`),
    );
    await store.writeMany(many(300, (i) => `Payment ${i}: keep the idempotency key`));
    await store.writeMany(many(300, (i) => `Postgres migration ${i} locked the table`));
    const [best] = await store.writeMany([
      {
        type: 'learned_lesson',
        content: 'Postgres migration handler: retry the payment with its idempotency key.',
      },
    ]);
    await store.writeMany(many(300, (i) => `Handler ${i} sent the response again`));
    const db = new DatabaseSync(path);
    onTestFinished(() => db.close());
    const query = 'postgres migration handler payment idempotency retry';
    const terms = searchTermsOf(query);
    // The terms match far more rows than FTS5 is left to rank: the search reranks candidates.
    const counts = new SqliteTermCounts((sql) => db.prepare(sql));
    const docs = counts.countsOf(terms);
    expect(docs.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(exactBudget);
    const candidates = candidateRowidsOf((sql) => db.prepare(sql), terms, docs);
    expect(candidates?.length).toBeGreaterThan(10);
    expect(candidates?.length).toBeLessThan(1_000);
    const hits = await store.search(query, { limit: 10 });
    const expected = fts5Scores(db, terms);
    const exactTop = [...expected.values()].sort((a, b) => b - a).slice(0, 10);
    expect(hits[0]!.item.id).toBe(best!.id);
    const seqOf = db.prepare('SELECT seq FROM memory_items WHERE id = ?');
    hits.forEach((hit, index) => {
      const rowid = Number(seqOf.get(hit.item.id)!['seq']);
      expect(hit.score).toBeCloseTo(expected.get(rowid)!, 9);
      expect(hit.score).toBeCloseTo(exactTop[index]!, 9);
    });
  });

  it('scores the newest rows of one common word, as FTS5 would', async () => {
    const path = tempMemoryPath();
    await using store = SqliteMemoryStore.open(path, testDependencies());
    await store.writeMany(
      Array.from({ length: exactBudget + 300 }, (_, index) => ({
        type: 'learned_lesson' as const,
        content:
          index % 50 === 0
            ? `Handler ${index}: the handler called the handler again`
            : `Handler ${index} returned a response after a retry of the request`,
      })),
    );
    const db = new DatabaseSync(path);
    onTestFinished(() => db.close());
    const counts = new SqliteTermCounts((sql) => db.prepare(sql));
    const candidates = candidateRowidsOf(
      (sql) => db.prepare(sql),
      ['handler'],
      counts.countsOf(['handler']),
    );
    expect(candidates).toHaveLength(500);
    const hits = await store.search('handlers', { limit: 5 });
    const expected = fts5Scores(db, ['handler']);
    const seqOf = db.prepare('SELECT seq FROM memory_items WHERE id = ?');
    expect(hits).toHaveLength(5);
    for (const hit of hits) {
      expect(hit.item.content).toMatch(/the handler called the handler again/);
      expect(hit.score).toBeCloseTo(expected.get(Number(seqOf.get(hit.item.id)!['seq']))!, 9);
    }
  });

  it('gathers the candidates of a tag-filtered search among the tagged rows only', async () => {
    const path = tempMemoryPath();
    await using store = SqliteMemoryStore.open(path, testDependencies());
    // The tagged lessons are the oldest: the newest rows of each pair hold none of them.
    await store.writeMany(
      Array.from({ length: 30 }, (_, index) => ({
        type: 'learned_lesson' as const,
        content: `Handler ${index} retried the payment response`,
        tags: ['stack:billing'],
      })),
    );
    await store.writeMany(
      Array.from({ length: exactBudget * 2 }, (_, index) => ({
        type: 'learned_lesson' as const,
        content: `Handler ${index} retried the payment response`,
        tags: index % 3 === 0 ? ['billing-old'] : [],
      })),
    );
    const db = new DatabaseSync(path);
    onTestFinished(() => db.close());
    const terms = searchTermsOf('handler payment response');
    const counts = new SqliteTermCounts((sql) => db.prepare(sql));
    const candidates = candidateRowidsOf((sql) => db.prepare(sql), terms, counts.countsOf(terms), [
      'stack:billing',
    ]);
    expect(new Set(candidates)).toEqual(
      new Set(Array.from({ length: 30 }, (_, index) => index + 1)),
    );
    const hits = await store.search('handler payment response', {
      tags: ['stack:billing'],
      limit: 10,
    });
    expect(hits).toHaveLength(10);
    expect(hits.every((hit) => hit.item.tags.includes('stack:billing'))).toBe(true);
  });
});
