import type { StatementSync } from 'node:sqlite';
import type { ResolvedFilter } from './memory-filter.ts';
import { narrowedMatchOf } from './sqlite-candidates.ts';
import type { SqliteTermCounts } from './sqlite-term-counts.ts';
import { ftsMatchOf } from './search-terms.ts';
import { sqliteItemColumns, sqliteWhereOf } from './sqlite-sql.ts';

/** How many more index hits than asked for are ranked, so that filtered-out items rarely starve a page. */
const overFetch = 2;
const minimumFetch = 32;

/**
 * The best `limit` rows for search terms, best first, with their `bm25`.
 *
 * The ranking runs in the index alone (`ORDER BY rank LIMIT n` inside the subquery): only the
 * best rowids are joined to their items, so the item columns (and their successors' ids) are
 * read for a page of rows, not for every match. Where the terms match too many rows to rank
 * them all, the rows holding the rarest terms are ranked first (`narrowedMatchOf`); only if
 * they give too few hits are all matches ranked. Filters apply after the join; when they
 * leave fewer than `limit` rows while the index had more, the ranked page grows eightfold and
 * the search runs again, and at last without a limit, so no match is ever lost to a filter.
 */
export function searchSqliteRows(
  prepare: (sql: string) => StatementSync,
  counts: SqliteTermCounts,
  terms: readonly string[],
  filter: ResolvedFilter,
  limit: number,
): Record<string, unknown>[] {
  const { where, params } = sqliteWhereOf(filter);
  const statement = prepare(
    `SELECT ${sqliteItemColumns}, hits.rank AS bm25
     FROM (SELECT rowid, rank FROM memory_fts WHERE memory_fts MATCH ? ORDER BY rank LIMIT ?) hits
     JOIN memory_items m ON m.seq = hits.rowid
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY hits.rank, m.updated_at DESC, m.seq DESC LIMIT ?`,
  );
  const firstPage = Math.max(limit * overFetch, minimumFetch);
  // One term is ranked whole; several are narrowed by how many rows hold each.
  const narrowed =
    terms.length < 2
      ? undefined
      : narrowedMatchOf(prepare, terms, counts.countsOf(terms), firstPage);
  if (narrowed !== undefined) {
    const rows = statement.all(narrowed, firstPage, ...params, limit);
    if (rows.length >= limit) return rows;
  }
  const match = ftsMatchOf(terms)!;
  for (let fetch = firstPage; ; fetch *= 8) {
    // LIMIT -1 is SQLite for "no limit": the last try ranks every match.
    const page = fetch >= 1_000_000 ? -1 : fetch;
    const rows = statement.all(match, page, ...params, limit);
    if (rows.length >= limit || page === -1 || !mayHaveMore(prepare, match, page)) return rows;
  }
}

/** Whether the index holds more than `fetched` matches, counted only that far. */
function mayHaveMore(
  prepare: (sql: string) => StatementSync,
  match: string,
  fetched: number,
): boolean {
  const row = prepare(
    'SELECT count(*) AS n FROM (SELECT 1 FROM memory_fts WHERE memory_fts MATCH ? LIMIT ?)',
  ).get(match, fetched + 1);
  return Number(row?.['n']) > fetched;
}
