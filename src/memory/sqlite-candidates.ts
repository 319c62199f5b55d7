import type { StatementSync } from 'node:sqlite';
import { forEachFts5Token } from './fts5-tokens.ts';
import { ftsMatchOf } from './search-terms.ts';

/**
 * How many matches (the sum of the query terms' document frequencies) FTS5 may rank itself.
 * Its bm25() costs about a microsecond a row and first walks the whole doclist of every term
 * to count its rows (about 85 ns a row), so ranking every match of common words in a million
 * lessons takes seconds; above this a search gathers candidates and scores them itself.
 */
export const exactBudget = 2_000;
/**
 * Terms are rare while their rows together number at most this: FTS5 ranks those rows by the
 * rare terms alone (about a microsecond a row) and the best `rareCandidates` join the
 * candidates. The more common terms are left to the pairs, which cost less.
 */
const rareBudget = 1_000;
/** How many of the best rows by the rare terms alone join the candidates. */
const rareCandidates = 100;
/** How many rows (the newest) each combination of common terms adds. */
const rowsPerCombination = 60;
/**
 * How many rows (the newest) a query of one common word scores: its BM25 only tells rows apart
 * by how often they say the word and how short they are, so recent rows stand in for all.
 */
const loneTermRows = 500;
/** How many pairs of common terms are asked for, those with the highest IDFs first. */
const pairsAsked = 8;
/** Triples are taken from this many of the rarest common terms (three give one triple). */
const tripleTerms = 3;
// These trade quality for time: each combination costs about 0.2 ms, each candidate about
// 4 µs to read and score. On the bench, fourteen pairs of 80 rows raise the top 20's share of
// the exact BM25 by 1 to 2 points and nearly triple the 95th percentile.

/**
 * The rowids worth scoring for `terms`, or `undefined` when their matches are few enough
 * (`exactBudget`) for FTS5 to rank them all. Terms are taken rarest first by their document
 * frequency `docs` (see `SqliteTermCounts`).
 *
 * The best rows for a query of many words are the rows holding several of them, the rarer
 * the better. Candidates are: the best rows by the rare terms (see `rareBudget`), ranked by
 * FTS5; the newest rows holding both terms of each of the pairs of
 * common terms with the highest IDFs; and the newest rows holding all three of the rarest
 * common terms. FTS5 finds those intersections by skipping through the doclists, without
 * ranking. A query of one common word takes its newest rows (`loneTermRows`). Each tag the
 * search is filtered by narrows every one of these to the rows whose indexed tags hold it
 * (`tagsMatchOf`), so the candidates are the query's best among the tagged rows, not a page of
 * untagged ones the filter then throws away. The caller scores every candidate by the whole query (`Bm25Scorer`), so what is
 * approximate is only which rows are scored: on the bench's lessons, whose queries are all
 * common words at a million lessons, the top 20 found so sum to about 91 % of the exact top
 * 20's BM25 (95 % at 100 k; the bench prints it).
 */
export function candidateRowidsOf(
  prepare: (sql: string) => StatementSync,
  terms: readonly string[],
  docs: readonly number[],
  tags: readonly string[] = [],
): number[] | undefined {
  const counted = terms
    .map((term, index) => ({ term, count: docs[index] ?? 0 }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => a.count - b.count);
  if (counted.reduce((sum, { count }) => sum + count, 0) <= exactBudget) return undefined;
  const rare: string[] = [];
  let total = 0;
  for (const { term, count } of counted) {
    if (total + count > rareBudget) break;
    rare.push(term);
    total += count;
  }
  const tagged = tagsMatchOf(tags);
  const within = (match: string) => (tagged === undefined ? match : `(${match}) AND ${tagged}`);
  const candidates = new Set<number>();
  const add = (rows: readonly Record<string, unknown>[]) => {
    for (const row of rows) candidates.add(Number(row['rowid']));
  };
  if (rare.length > 0) {
    add(
      prepare('SELECT rowid FROM memory_fts WHERE memory_fts MATCH ? ORDER BY rank LIMIT ?').all(
        within(ftsMatchOf(rare)!),
        rareCandidates,
      ),
    );
  }
  const common = counted.slice(rare.length);
  const newest = prepare(
    'SELECT rowid FROM memory_fts WHERE memory_fts MATCH ? ORDER BY rowid DESC LIMIT ?',
  );
  if (counted.length === 1) {
    add(newest.all(within(ftsMatchOf([counted[0]!.term])!), loneTermRows));
    return [...candidates];
  }
  for (const group of combinationsOf(common)) {
    const match = group.map((term) => ftsMatchOf([term])!).join(' AND ');
    add(newest.all(within(match), rowsPerCombination));
  }
  return [...candidates];
}

/**
 * Groups of common terms (with their row counts, rarest first) whose rows are searched
 * together: the pairs whose terms are rarest together (the smallest product of counts, the
 * largest sum of IDFs), then the triples of the rarest few. A lone common term stands alone.
 */
function combinationsOf(common: readonly { term: string; count: number }[]): string[][] {
  if (common.length === 1) return [[common[0]!.term]];
  const pairs: { terms: string[]; rarity: number }[] = [];
  for (let first = 0; first < common.length; first++) {
    for (let second = first + 1; second < common.length; second++) {
      const [a, b] = [common[first]!, common[second]!];
      pairs.push({ terms: [a.term, b.term], rarity: a.count * b.count });
    }
  }
  pairs.sort((a, b) => a.rarity - b.rarity);
  const rarest = common.slice(0, tripleTerms).map(({ term }) => term);
  const triples: string[][] = [];
  for (let first = 0; first < rarest.length; first++) {
    for (let second = first + 1; second < rarest.length; second++) {
      for (let third = second + 1; third < rarest.length; third++) {
        triples.push([rarest[first]!, rarest[second]!, rarest[third]!]);
      }
    }
  }
  return [...pairs.slice(0, pairsAsked).map(({ terms }) => terms), ...triples];
}

/**
 * An FTS5 expression for rows whose `tags` column holds every one of `tags` (each tag's tokens
 * as a phrase), or `undefined` when no tag has a token to match. It finds a superset of the
 * tagged rows (a tag "api" is also a token of "stack:api"); the filter's exact test follows.
 */
function tagsMatchOf(tags: readonly string[]): string | undefined {
  const phrases = tags.flatMap((tag) => {
    const tokens: string[] = [];
    forEachFts5Token(tag, (token) => tokens.push(token));
    return tokens.length === 0 ? [] : [`tags : "${tokens.join(' ')}"`];
  });
  return phrases.length === 0 ? undefined : phrases.join(' AND ');
}
