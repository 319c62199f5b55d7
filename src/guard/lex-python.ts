import { collectIdentifiers } from './collect-identifiers.ts';
import { lineEnd } from './lex-javascript.ts';
import { SourceRegions } from './source-regions.ts';

const stringPrefix = /^(?:[rRuUbBfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;
const backslash = 0x5c;
const newline = 0x0a;
// The only characters that can start a comment or a string; code between them is skipped.
const interesting = /[#'"]/g;
const pythonIdentifier = /(?<![\p{ID_Continue}])[_\p{ID_Start}][\p{ID_Continue}]*/gu;
const pythonIdentifierCharacter = /\p{ID_Continue}/u;

/**
 * A lightweight Python tokenizer: comments, strings of every prefix (r, b, f, t, u and their
 * pairs), triple-quoted strings, and (when asked) identifiers. An f-string is one string span,
 * its replacement fields included: the audit needs to know a character is inside a literal,
 * not to evaluate it.
 */
export function lexPython(text: string, withIdentifiers: boolean): SourceRegions {
  const regions = new SourceRegions();
  let offset = 0;
  while (offset < text.length) {
    interesting.lastIndex = offset;
    if (interesting.exec(text) === null) break;
    offset = interesting.lastIndex - 1;
    if (text.charCodeAt(offset) === 0x23) {
      const end = lineEnd(text, offset);
      regions.add(offset, end, 'comment');
      offset = end;
    } else {
      const end = pythonStringEnd(text, offset);
      regions.add(prefixStart(text, offset), end, 'string');
      offset = end;
    }
  }
  if (withIdentifiers)
    collectIdentifiers(text, regions, pythonIdentifier, pythonIdentifierCharacter);
  return regions;
}

/** Where the string whose quote is at `quote` starts: at its prefix (`rb"`, `f'`) if any. */
function prefixStart(text: string, quote: number): number {
  let start = quote;
  while (start > 0 && /\w/.test(text[start - 1]!)) start--;
  return stringPrefix.test(text.slice(start, quote)) ? start : quote;
}

/** The end of the string whose opening quote is at `start`: single or triple quoted. */
function pythonStringEnd(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  const triple = text.charCodeAt(start + 1) === quote && text.charCodeAt(start + 2) === quote;
  let cursor = start + (triple ? 3 : 1);
  while (cursor < text.length) {
    const code = text.charCodeAt(cursor);
    if (code === backslash) cursor += 2;
    else if (code === quote) {
      if (!triple) return cursor + 1;
      if (text.charCodeAt(cursor + 1) === quote && text.charCodeAt(cursor + 2) === quote) {
        return cursor + 3;
      }
      cursor++;
    } else if (code === newline && !triple) return cursor;
    else cursor++;
  }
  return text.length;
}
