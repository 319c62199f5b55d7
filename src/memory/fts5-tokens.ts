import { stemmer } from 'stemmer';

/**
 * Tokens longer than this are indexed as they are: FTS5's porter tokenizer leaves them
 * unstemmed (FTS5_PORTER_MAX_TOKEN).
 */
const longestStemmed = 64;
/** Stems are cached per word; a store's vocabulary repeats, a flood of unique words must not grow it forever. */
const maxCachedStems = 50_000;
const stems = new Map<string, string>();

/**
 * The index term of one lowercase token, as the memory index's `porter unicode61` tokenizer
 * stores it: the Porter stem of the word. `stemmer` implements the same 1980 algorithm as
 * SQLite's porter tokenizer (a test compares them on thousands of words).
 */
export function indexTermOf(token: string): string {
  if (token.length > longestStemmed) return token;
  let stem = stems.get(token);
  if (stem === undefined) {
    stem = stemmer(token);
    if (stems.size >= maxCachedStems) stems.clear();
    stems.set(token, stem);
  }
  return stem;
}

/** Letters, digits, private use, and combining marks (which `remove_diacritics` then drops). */
const nonAsciiTokenCharacter = /[\p{L}\p{N}\p{Co}\p{M}]/u;

/**
 * Calls `visit` with each token of `text` as FTS5's `unicode61 remove_diacritics 2` tokenizer
 * cuts it: runs of letters, digits and private-use characters, lowercased, diacritics removed.
 * Returns how many tokens there were (the text's length in BM25's terms).
 *
 * ASCII text comes out exactly as FTS5 indexes it, and so do accented Latin words; a few
 * other characters differ, since FTS5 folds case by its own table (the micro sign becomes a
 * Greek mu) and its stemmer counts a word's length in bytes. Such words only shift a
 * reranked score a little (see `Bm25Scorer`).
 */
export function forEachFts5Token(text: string, visit: (token: string) => void): number {
  return forEachTokenSpan(text, (start, end, ascii) => visit(tokenAt(text, start, end, ascii)));
}

/**
 * The tokens of `text` as spans `[start, end)`, with whether the token is plain ASCII (then
 * lowercasing is all its folding), for callers that look at a token before paying for its
 * string. A loop over character codes, since reranking tokenizes hundreds of rows a search.
 */
export function forEachTokenSpan(
  text: string,
  visit: (start: number, end: number, ascii: boolean) => void,
): number {
  let count = 0;
  let start = -1;
  let ascii = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    let inToken: boolean;
    let width = 1;
    if (code < 0x80) {
      inToken =
        (code >= 0x61 && code <= 0x7a) ||
        (code >= 0x41 && code <= 0x5a) ||
        (code >= 0x30 && code <= 0x39);
    } else {
      const point = text.codePointAt(index)!;
      width = point > 0xffff ? 2 : 1;
      inToken = nonAsciiTokenCharacter.test(String.fromCodePoint(point));
      if (inToken) ascii = false;
    }
    if (inToken) {
      if (start < 0) start = index;
    } else if (start >= 0) {
      visit(start, index, ascii);
      count++;
      start = -1;
      ascii = true;
    }
    index += width - 1;
  }
  if (start >= 0) {
    visit(start, text.length, ascii);
    count++;
  }
  return count;
}

/** The folded token at `[start, end)` of `text`. */
export function tokenAt(text: string, start: number, end: number, ascii: boolean): string {
  const raw = text.slice(start, end);
  return ascii ? raw.toLowerCase() : foldedToken(raw);
}

/** Lowercase, diacritics removed: what `remove_diacritics 2` makes of a token. */
function foldedToken(raw: string): string {
  return raw.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
