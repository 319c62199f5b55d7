/**
 * Common English words that say nothing about a lesson. Postgres drops them itself; dropping
 * them here too keeps both stores' matches alike and a PRD's query short.
 */
const stopWords = new Set(
  `a about above after again all also am an and any are as at be because been before being
  below between both but by can could did do does doing done down during each either else
  every few for from further had has have having he her here hers him his how i if in into is
  it its itself just let may me might more most must my no nor not now of off on once only or
  other our ours out over own per same shall she should so some such than that the their them
  then there these they this those through to too under until up upon us very via was we were
  what when where which while who whom why will with within without would yet you your`.split(
    /\s+/,
  ),
);

/** Longer "words" are hashes, base64 or minified code: nothing a lesson would be found by. */
const maxTermLength = 40;

/** How many distinct terms a query keeps by default; a PRD has thousands of words. */
export const defaultMaxTerms = 64;

/**
 * The words of free text a full-text index can match: lowercase letters-and-digits runs, each
 * once, in order of first appearance, without stop words or one-letter words. Nothing of the
 * text's punctuation survives, so no user text can change a query's syntax.
 */
export function searchTermsOf(text: string, maxTerms = defaultMaxTerms): string[] {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const terms = new Set<string>();
  for (const word of words) {
    if (terms.size >= maxTerms) break;
    if (word.length < 2 || word.length > maxTermLength || stopWords.has(word)) continue;
    terms.add(word);
  }
  return [...terms];
}

/** Whether a word is a stop word (for callers that pick key terms themselves). */
export function isStopWord(word: string): boolean {
  return stopWords.has(word);
}

/**
 * An FTS5 MATCH expression: each term a quoted string, any term may match (BM25 ranks items
 * matching more and rarer terms higher). Terms hold letters and digits only; the doubling of
 * quotes is there in case that ever changes. `undefined` when there is nothing to match.
 */
export function ftsMatchOf(terms: readonly string[]): string | undefined {
  if (terms.length === 0) return undefined;
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' OR ');
}

/**
 * A Postgres `to_tsquery` text: any term may match. Terms hold letters and digits only, which
 * `to_tsquery` reads as plain lexemes. `undefined` when there is nothing to match.
 */
export function tsQueryOf(terms: readonly string[]): string | undefined {
  const safe = terms.filter((term) => /^[\p{L}\p{N}\p{M}]+$/u.test(term));
  return safe.length === 0 ? undefined : safe.join(' | ');
}
