import { forEachFts5Token, forEachTokenSpan, indexTermOf, tokenAt } from './fts5-tokens.ts';

/** FTS5's bm25() constants (fts5_aux.c). */
const k1 = 1.2;
const b = 0.75;

/** What the full-text index holds in all: rows, and tokens over every column. */
export interface IndexTotals {
  rows: number;
  tokens: number;
}

/**
 * BM25 of an item for a query, computed as FTS5's bm25() computes it for `"t1" OR "t2" …`
 * with every column weighted 1: each term's IDF is `ln((N − n + 0.5) / (n + 0.5))` (at least
 * 1e-6) from its document frequency `n`, and its frequency in the row is damped by the row's
 * length in tokens against the average. Higher is better (FTS5's `rank` is its negative).
 *
 * It exists because FTS5's own bm25() walks every ranked term's whole doclist to count its
 * rows before scoring the first row: for the common words of a long query in a large store
 * that alone takes longer than a search may. Here document frequencies come from
 * `SqliteTermCounts`, so a page of candidates can be scored by the whole query at the cost of
 * tokenizing them.
 */
export class Bm25Scorer {
  readonly #idf: number[];
  /** Which query terms each index term is (two query words may share a stem). */
  readonly #termIndexes = new Map<string, number[]>();
  readonly #averageLength: number;
  readonly #frequencies: Float64Array;
  /**
   * The lowercase ASCII pairs the query's index terms start with (`first * 128 + second`), or
   * `undefined` when a term is too short or not ASCII to tell. A Porter stem of three or more
   * letters keeps the word's first two letters (suffixes are only cut from stems that keep a
   * vowel and a consonant), so a token starting otherwise cannot be one of the terms and is
   * not stemmed: most tokens of a row are skipped at the cost of two character reads.
   */
  readonly #starts: Uint8Array | undefined;

  constructor(terms: readonly string[], docs: readonly number[], totals: IndexTotals) {
    const rows = Math.max(totals.rows, 1);
    this.#averageLength = Math.max(totals.tokens / rows, 1);
    this.#idf = docs.map((n) => {
      const idf = Math.log((rows - n + 0.5) / (n + 0.5));
      return idf <= 0 ? 1e-6 : idf;
    });
    terms.forEach((term, index) => {
      let stem: string | undefined;
      forEachFts5Token(term, (token) => (stem ??= indexTermOf(token)));
      if (stem === undefined) return;
      const indexes = this.#termIndexes.get(stem) ?? [];
      indexes.push(index);
      this.#termIndexes.set(stem, indexes);
    });
    this.#frequencies = new Float64Array(terms.length);
    this.#starts = startsOf([...this.#termIndexes.keys()]);
  }

  /** The score of a row whose indexed columns hold `columns` (null columns are empty). */
  score(columns: readonly (string | null)[]): number {
    const frequencies = this.#frequencies;
    frequencies.fill(0);
    let length = 0;
    const starts = this.#starts;
    for (const column of columns) {
      if (column === null) continue;
      length += forEachTokenSpan(column, (start, end, ascii) => {
        if (starts !== undefined && ascii) {
          if (end - start < 3) return;
          const pair =
            (column.charCodeAt(start) | 0x20) * 128 + (column.charCodeAt(start + 1) | 0x20);
          if (starts[pair] === 0) return;
        }
        const indexes = this.#termIndexes.get(indexTermOf(tokenAt(column, start, end, ascii)));
        if (indexes !== undefined) for (const index of indexes) frequencies[index]!++;
      });
    }
    const norm = k1 * (1 - b + (b * length) / this.#averageLength);
    let score = 0;
    for (let index = 0; index < frequencies.length; index++) {
      const frequency = frequencies[index]!;
      if (frequency > 0) score += (this.#idf[index]! * frequency * (k1 + 1)) / (frequency + norm);
    }
    return score;
  }
}

/** See `Bm25Scorer.#starts`. */
function startsOf(stems: readonly string[]): Uint8Array | undefined {
  const starts = new Uint8Array(128 * 128);
  for (const stem of stems) {
    if (stem.length < 3 || !/^[a-z0-9]{2}/.test(stem)) return undefined;
    starts[stem.charCodeAt(0) * 128 + stem.charCodeAt(1)] = 1;
  }
  return starts;
}
