import type { StatementSync } from 'node:sqlite';
import { ftsMatchOf } from './search-terms.ts';

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
    const row = this.#prepare('SELECT block FROM memory_fts_data WHERE id = 1').get();
    const block = row?.['block'];
    return block instanceof Uint8Array ? firstVarint(block) : 0;
  }

  #count(term: string): number {
    const row = this.#prepare('SELECT count(*) AS n FROM memory_fts WHERE memory_fts MATCH ?').get(
      ftsMatchOf([term])!,
    );
    return Number(row?.['n'] ?? 0);
  }
}

/** SQLite's variable-length integer (big-endian, 7 bits a byte, the ninth byte whole). */
function firstVarint(bytes: Uint8Array): number {
  let value = 0;
  for (let index = 0; index < Math.min(bytes.length, 9); index++) {
    const byte = bytes[index]!;
    if (index === 8) return value * 256 + byte;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return value;
  }
  return value;
}
