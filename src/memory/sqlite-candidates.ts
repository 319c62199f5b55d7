import type { StatementSync } from 'node:sqlite';
import { ftsMatchOf } from './search-terms.ts';

/**
 * How many matches a search ranks at most before it narrows its candidates. BM25 costs about
 * a microsecond a row (it reads each row's term counts and length), and FTS5's bm25() first
 * walks the whole doclist of every term it ranks by, to count its rows (about 85 ns a row),
 * so ranking every match of common words in a million lessons takes far longer than a
 * search may.
 */
export const candidateBudget = 2_000;
/**
 * How many candidates a search ranks when the groups within `candidateBudget` hold too few to
 * fill a page (words that always come together, such as "double-charged customers").
 */
const wideCandidateBudget = 4 * candidateBudget;

/**
 * A MATCH expression that finds the best matches of `terms` without ranking every row that
 * holds any of them, or `undefined` when ranking all matches is cheap enough.
 *
 * Terms are taken rarest first by their document frequency `docs` (see `SqliteTermCounts`).
 * Candidates are the rows holding one of the rarest terms (as many as fit the budget
 * together), and, when those are too few for `wanted`, the rows holding all of the next
 * rarest terms (two or more, until they fit; or one term fewer, up to four times the budget,
 * when the group that fits would leave the page short). The expression names only those
 * terms, so BM25 ranks the candidates by the query's rarest words: the common words left out
 * are the ones whose IDF says least, and counting them in would cost FTS5 a walk through each
 * one's whole doclist. Rows holding only common terms are left out; a caller that gets fewer
 * hits than it asked for searches again without narrowing.
 */
export function narrowedMatchOf(
  prepare: (sql: string) => StatementSync,
  terms: readonly string[],
  docs: readonly number[],
  wanted: number,
): string | undefined {
  if (terms.length < 2) return undefined;
  const countOf = (match: string) => cappedCount(prepare, match, wideCandidateBudget + 1);
  const counted = terms
    .map((term, index) => ({ term, count: docs[index] ?? 0 }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => a.count - b.count);
  if (counted.reduce((sum, { count }) => sum + count, 0) <= candidateBudget) return undefined;
  const rare: string[] = [];
  let total = 0;
  for (const { term, count } of counted) {
    if (total + count > candidateBudget) break;
    rare.push(term);
    total += count;
  }
  const groups = rare.length > 0 ? [ftsMatchOf(rare)!] : [];
  if (total < wanted) {
    const common = counted.slice(rare.length).map(({ term }) => term);
    let previous: { match: string; count: number } | undefined;
    for (let size = 2; size <= common.length; size++) {
      const match = common
        .slice(0, size)
        .map((term) => ftsMatchOf([term])!)
        .join(' AND ');
      const count = countOf(match);
      if (count <= candidateBudget) {
        // Too few to fill a page, while the group one term shorter is still affordable: rank
        // that one, rather than fall back to ranking every match.
        const short = total + count < wanted && previous !== undefined;
        groups.push(`(${short ? previous!.match : match})`);
        break;
      }
      previous = count <= wideCandidateBudget ? { match, count } : undefined;
      // Even all the terms together match more rows than the budget: rank them if affordable.
      if (size === common.length && previous !== undefined) groups.push(`(${match})`);
    }
  }
  if (groups.length === 0) return undefined;
  return groups.join(' OR ');
}

/** How many rows match, counted no further than `cap`. */
function cappedCount(prepare: (sql: string) => StatementSync, match: string, cap: number): number {
  const row = prepare(
    'SELECT count(*) AS n FROM (SELECT 1 FROM memory_fts WHERE memory_fts MATCH ? LIMIT ?)',
  ).get(match, cap);
  return Number(row?.['n'] ?? 0);
}
