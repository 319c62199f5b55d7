import { describe, expect, it } from 'vitest';
import { ftsMatchOf, searchTermsOf, tsQueryOf } from './search-terms.ts';

describe('searchTermsOf', () => {
  it('keeps the words of any text, lowercase and once each, and nothing of its syntax', () => {
    expect(searchTermsOf('NEAR("JWT" AND refresh*) OR -tokens: jwt, JWT!')).toEqual([
      'near',
      'jwt',
      'refresh',
      'tokens',
    ]);
    expect(searchTermsOf(`'; DROP TABLE memory_items; --`)).toEqual([
      'drop',
      'table',
      'memory',
      'items',
    ]);
    expect(searchTermsOf('Café — naïve 日本語 😀 \u202e x')).toEqual(['café', 'naïve', '日本語']);
    expect(searchTermsOf('the and of a to is')).toEqual([]);
  });

  it('keeps at most the asked number of terms, in order of first appearance', () => {
    const text = Array.from({ length: 100 }, (_, index) => `word${index}`).join(' ');
    expect(searchTermsOf(text, 3)).toEqual(['word0', 'word1', 'word2']);
    expect(searchTermsOf(text)).toHaveLength(64);
    expect(searchTermsOf(`${'x'.repeat(41)} ok`)).toEqual(['ok']);
  });
});

describe('query syntax', () => {
  it('quotes every FTS5 term and joins them with OR', () => {
    expect(ftsMatchOf(['npm', 'test'])).toBe('"npm" OR "test"');
    expect(ftsMatchOf(['a"b'])).toBe('"a""b"');
    expect(ftsMatchOf([])).toBeUndefined();
  });

  it('joins Postgres lexemes with |, dropping anything that is not one', () => {
    expect(tsQueryOf(['npm', 'test'])).toBe('npm | test');
    expect(tsQueryOf(["x'y", ':*'])).toBeUndefined();
  });
});
