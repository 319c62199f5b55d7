import type { StatementSync } from 'node:sqlite';
import { ftsMatchOf } from './search-terms.ts';
import type { IndexTotals } from './sqlite-bm25.ts';

/** Counts below this are cheap to take again (tens of microseconds) and are never cached. */
const cachedFrom = 1_000;
/** A cached count is taken again once the store has grown or shrunk by this share of its rows. */
const staleShare = 1 / 64;
/** The most terms remembered; a store meets a few thousand distinct query words at most. */
const maxCached = 20_000;

interface CachedCount {
  docs: number;
  /** How many rows the index held when the count was taken. */
  rows: number;
}

/**
 * How many rows of the full-text index hold each search term (its document frequency), for
 * choosing the rarest terms of a query. Counting a common term walks its whole doclist (about
 * 60 ns a row: 20 ms for a word in a fifth of a million lessons), so counts of common terms
 * are kept per store and taken again only when the row count has drifted by more than 1/64
 * since: a count then is off by a few percent at most, which cannot reorder terms much.
 * Counts of uncommon terms are always exact.
 */
export class SqliteTermCounts {
  readonly #prepare: (sql: string) => StatementSync;
  readonly #cache = new Map<string, CachedCount>();

  constructor(prepare: (sql: string) => StatementSync) {
    this.#prepare = prepare;
  }

  /** Each term's document frequency, in the order given. */
  countsOf(terms: readonly string[]): number[] {
    const rows = this.rowCount();
    return terms.map((term) => {
      const cached = this.#cache.get(term);
      if (cached !== undefined && Math.abs(rows - cached.rows) <= cached.rows * staleShare) {
        return cached.docs;
      }
      const docs = this.#count(term);
      if (docs >= cachedFrom) {
        if (this.#cache.size >= maxCached) this.#cache.clear();
        this.#cache.set(term, { docs, rows });
      } else {
        this.#cache.delete(term);
      }
      return docs;
    });
  }

  /**
   * The rows the index holds, read from FTS5's own totals record (the first varint of the
   * `averages` row, id 1 of `memory_fts_data`), which costs one lookup instead of a scan.
   */
  rowCount(): number {
    return this.totals().rows;
  }

  /**
   * The rows and the tokens over all columns the index holds: FTS5's totals record is a
   * varint of rows followed by one varint of tokens per column.
   */
  totals(): IndexTotals {
    const row = this.#prepare('SELECT block FROM memory_fts_data WHERE id = 1').get();
    const block = row?.['block'];
    if (!(block instanceof Uint8Array)) return { rows: 0, tokens: 0 };
    const [rows = 0, ...columnTokens] = varintsOf(block);
    return { rows, tokens: columnTokens.reduce((sum, tokens) => sum + tokens, 0) };
  }

  #count(term: string): number {
    const row = this.#prepare('SELECT count(*) AS n FROM memory_fts WHERE memory_fts MATCH ?').get(
      ftsMatchOf([term])!,
    );
    return Number(row?.['n'] ?? 0);
  }
}

/** SQLite's variable-length integers (big-endian, 7 bits a byte, a ninth byte whole), in a row. */
function varintsOf(bytes: Uint8Array): number[] {
  const values: number[] = [];
  let index = 0;
  while (index < bytes.length) {
    let value = 0;
    for (let length = 0; index < bytes.length; length++) {
      const byte = bytes[index++]!;
      if (length === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
    values.push(value);
  }
  return values;
}
