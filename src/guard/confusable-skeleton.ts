import { createRequire } from 'node:module';

// The confusables of UTS #39 (confusables.txt, Unicode 13), as shipped by the `unhomoglyph`
// package of nodeca: one prototype string per confusable code point. It is the only maintained
// package carrying the whole table as plain data; the table changes little between versions.
const require = createRequire(import.meta.url);
let prototypes: Record<string, string> | undefined;

function loadPrototypes(): Record<string, string> {
  prototypes ??= require('unhomoglyph/data.json') as Record<string, string>;
  return prototypes;
}

/**
 * The UTS #39 skeleton of a string: decomposed (NFD), each code point replaced by its
 * prototype, decomposed again. Two strings with the same skeleton look alike ("isAdmin" with a
 * Latin A and with a Cyrillic А); the skeleton is for comparing, not for showing.
 */
export function skeletonOf(text: string): string {
  const table = loadPrototypes();
  let mapped = '';
  for (const char of text.normalize('NFD')) mapped += table[char] ?? char;
  return mapped.normalize('NFD');
}

/**
 * The ASCII a string imitates, for messages: each non-ASCII character replaced by its
 * prototype, ASCII left alone (`ɑdmin` → `admin`, where the skeleton would read `adrnin`).
 */
export function lookalikeOf(text: string): string {
  const table = loadPrototypes();
  let mapped = '';
  for (const char of text) mapped += char.charCodeAt(0) < 0x80 ? char : (table[char] ?? char);
  return mapped;
}

/** Whether a code point is confusable with something else (it has a prototype of its own). */
export function isConfusable(char: string): boolean {
  const prototype = loadPrototypes()[char];
  return prototype !== undefined && prototype !== char;
}
