import type { SourceRegions } from './source-regions.ts';

const nonAsciiRun = /[\u0080-\uffff]+/g;

/**
 * Adds to `regions.identifiers` every identifier in code (not in strings or comments), with the
 * offset of its first appearance, but only when at least one identifier is not ASCII: the
 * homoglyph checks need the whole list only then, and most files with non-ASCII text have it
 * in strings and comments alone. `pattern` (global, Unicode) matches one identifier;
 * `identifierCharacter` one character of one.
 */
export function collectIdentifiers(
  text: string,
  regions: SourceRegions,
  pattern: RegExp,
  identifierCharacter: RegExp,
): void {
  if (!hasNonAsciiIdentifier(text, regions, identifierCharacter)) return;
  for (const match of text.matchAll(pattern)) {
    if (regions.identifiers.has(match[0]) || regions.contextAt(match.index) !== 'code') continue;
    regions.identifiers.set(match[0], match.index);
  }
}

function hasNonAsciiIdentifier(
  text: string,
  regions: SourceRegions,
  identifierCharacter: RegExp,
): boolean {
  for (const run of text.matchAll(nonAsciiRun)) {
    const end = run.index + run[0].length;
    const span = regions.spanAt(run.index);
    if (span && span.end >= end) continue; // all inside one string or comment
    let offset = run.index;
    for (const char of run[0]) {
      if (identifierCharacter.test(char) && regions.contextAt(offset) === 'code') return true;
      offset += char.length;
    }
  }
  return false;
}
