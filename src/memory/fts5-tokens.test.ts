import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { forEachFts5Token, indexTermOf } from './fts5-tokens.ts';

/**
 * Thousands of words of code and English prose: the TypeScript compiler's ES5 and DOM
 * declarations with their comments (pinned by the lock file, so the sample does not change under a test),
 * and lines with accents, ligatures, wide letters, CJK, emoji and an overlong word.
 */
function sampleLines(): string[] {
  const lib = join(import.meta.dirname, '../../node_modules/typescript/lib');
  const lines = ['lib.es5.d.ts', 'lib.dom.d.ts'].flatMap((name) =>
    readFileSync(join(lib, name), 'utf8').split('\n'),
  );
  return [
    ...lines.filter((line) => line.trim().length > 0),
    'Café NAÏVE façade Ångström crème brûlée',
    'parseBuildTable76 src/billing/index-hash.ts run_42 ÉCOLE',
    'ﬁle ＦＵＬＬＷＩＤＴＨ 東京 données 😀 emoji',
    'x'.repeat(70) + 'ing',
  ];
}

/** What FTS5's own tokenizer makes of each line: its terms in order, through fts5vocab. */
function fts5TermsOf(lines: readonly string[]): string[][] {
  const db = new DatabaseSync(':memory:');
  onTestFinished(() => db.close());
  db.exec(`CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance');`);
  const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
  lines.forEach((line, index) => insert.run(index + 1, line));
  const terms = lines.map((): string[] => []);
  for (const row of db.prepare('SELECT term, doc, offset FROM v ORDER BY doc, offset').all()) {
    terms[Number(row['doc']) - 1]![Number(row['offset'])] = String(row['term']);
  }
  return terms;
}

describe('forEachFts5Token and indexTermOf', () => {
  it('cut and stem text into the terms FTS5 indexes, line for line', () => {
    const lines = sampleLines();
    const expected = fts5TermsOf(lines);
    const actual = lines.map((line) => {
      const terms: string[] = [];
      forEachFts5Token(line, (token) => terms.push(indexTermOf(token)));
      return terms;
    });
    const differing = lines.flatMap((line, index) =>
      JSON.stringify(actual[index]) === JSON.stringify(expected[index])
        ? []
        : [{ line, actual: actual[index], expected: expected[index] }],
    );
    expect(differing).toEqual([]);
    expect(lines.length).toBeGreaterThan(1_000);
  });

  it('keeps the first two letters of every word whose stem has three or more (the scorer skips on it)', () => {
    const words = new Set<string>();
    for (const line of sampleLines()) forEachFts5Token(line, (token) => words.add(token));
    const broken = [...words].filter((word) => {
      const stem = indexTermOf(word);
      return stem.length >= 3 && stem.slice(0, 2) !== word.slice(0, 2);
    });
    expect(broken).toEqual([]);
    expect(words.size).toBeGreaterThan(2_000);
  });

  it('counts the tokens of a text', () => {
    expect(forEachFts5Token('Use parameterised queries, always!', () => {})).toBe(4);
    expect(forEachFts5Token('["postgres","billing"]', () => {})).toBe(2);
    expect(forEachFts5Token('', () => {})).toBe(0);
  });
});
