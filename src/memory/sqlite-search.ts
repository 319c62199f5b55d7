import type { SQLInputValue, StatementSync } from 'node:sqlite';
import type { ResolvedFilter } from './memory-filter.ts';
import { Bm25Scorer, type IndexTotals } from './sqlite-bm25.ts';
import { candidateRowidsOf } from './sqlite-candidates.ts';
import type { SqliteTermCounts } from './sqlite-term-counts.ts';
import { ftsMatchOf } from './search-terms.ts';
import { sqliteItemColumns, sqliteWhereOf } from './sqlite-sql.ts';

/** How many more index hits than asked for are ranked, so that filtered-out items rarely starve a page. */
const overFetch = 2;
const minimumFetch = 32;

/**
 * The best `limit` rows for search terms, best first, with their `bm25` (FTS5's sign: lower
 * is better).
 *
 * Where the terms' matches are few (`exactBudget`), FTS5 ranks them all: the ranking runs in
 * the index alone (`ORDER BY rank LIMIT n` inside the subquery), so only the best rowids are
 * joined to their items. Filters apply after the join; when they leave fewer than `limit`
 * rows while the index had more, the ranked page grows eightfold and the search runs again,
 * and at last without a limit, so no match is ever lost to a filter.
 *
 * Where they are many, candidates are gathered (`candidateRowidsOf`), filtered, and scored by
 * the whole query in JavaScript (`Bm25Scorer`), which gives the score FTS5 would. Only when the
 * candidates that pass the filter cannot fill the page is every match ranked after all.
 */
export function searchSqliteRows(
  prepare: (sql: string) => StatementSync,
  counts: SqliteTermCounts,
  terms: readonly string[],
  filter: ResolvedFilter,
  limit: number,
): Record<string, unknown>[] {
  const { where, params } = sqliteWhereOf(filter);
  const conditions = where.length > 0 ? `AND ${where.join(' AND ')}` : '';
  const docs = counts.countsOf(terms);
  const candidates = candidateRowidsOf(prepare, terms, docs, filter.tags);
  if (candidates !== undefined) {
    // Only what scoring reads: the item columns are read for the page that is returned.
    const rows = prepare(
      `SELECT m.seq, m.content, m.tags, m.item_key, m.updated_at FROM memory_items m
       WHERE m.seq IN (SELECT value FROM json_each(?)) ${conditions}`,
    ).all(JSON.stringify(candidates), ...params);
    if (rows.length >= limit) {
      const best = bestScored(rows, terms, docs, counts.totals(), limit);
      const items = new Map(
        prepare(
          `SELECT ${sqliteItemColumns}, m.seq AS item_seq FROM memory_items m
           WHERE m.seq IN (SELECT value FROM json_each(?))`,
        )
          .all(JSON.stringify(best.map(({ seq }) => seq)))
          .map((row) => [Number(row['item_seq']), row]),
      );
      return best.map(({ seq, score }) => ({ ...items.get(seq)!, bm25: -score }));
    }
  }
  return rankedByIndex(prepare, terms, conditions, params, limit);
}

/** The best `limit` of `rows` by `Bm25Scorer`, newest first among equals. */
function bestScored(
  rows: readonly Record<string, unknown>[],
  terms: readonly string[],
  docs: readonly number[],
  totals: IndexTotals,
  limit: number,
): { seq: number; score: number }[] {
  const scorer = new Bm25Scorer(terms, docs, totals);
  const scored = rows.map((row) => ({
    seq: Number(row['seq']),
    updatedAt: Number(row['updated_at']),
    score: scorer.score([
      String(row['content']),
      String(row['tags']),
      typeof row['item_key'] === 'string' ? row['item_key'] : null,
    ]),
  }));
  scored.sort((a, b) => b.score - a.score || b.updatedAt - a.updatedAt || b.seq - a.seq);
  return scored.slice(0, limit);
}

/** Every match ranked by FTS5, in pages that grow until the filter leaves `limit` rows. */
function rankedByIndex(
  prepare: (sql: string) => StatementSync,
  terms: readonly string[],
  conditions: string,
  params: readonly SQLInputValue[],
  limit: number,
): Record<string, unknown>[] {
  const statement = prepare(
    `SELECT ${sqliteItemColumns}, hits.rank AS bm25
     FROM (SELECT rowid, rank FROM memory_fts WHERE memory_fts MATCH ? ORDER BY rank LIMIT ?) hits
     JOIN memory_items m ON m.seq = hits.rowid
     WHERE 1 ${conditions}
     ORDER BY hits.rank, m.updated_at DESC, m.seq DESC LIMIT ?`,
  );
  const match = ftsMatchOf(terms)!;
  for (let fetch = Math.max(limit * overFetch, minimumFetch); ; fetch *= 8) {
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
