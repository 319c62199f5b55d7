import { collectIdentifiers } from './collect-identifiers.ts';
import { SourceRegions } from './source-regions.ts';

/** Words after which a `/` starts a regular expression rather than a division. */
const beforeRegex = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'instanceof',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
  'of',
]);

const backslash = 0x5c;
const newline = 0x0a;
// The only characters that can start or end a string, comment, regular expression or
// template; code between them is skipped by the regular expression engine, which is several
// times faster than looking at every character here. Braces matter only inside a template's
// `${ … }`, where a `}` may resume the template.
const outsideTemplate = /[/'"`]/g;
// Not preceded by an identifier character, so the tail of `0x1F` or of a longer word is not one.
const javascriptIdentifier =
  /(?<![$\p{ID_Continue}\u200C\u200D])[$\p{ID_Start}][$\p{ID_Continue}\u200C\u200D]*/gu;
const javascriptIdentifierCharacter = /[$\p{ID_Continue}\u200C\u200D]/u;
const insideTemplate = /[/'"`{}]/g;

/**
 * A lightweight JavaScript/TypeScript tokenizer: enough to tell code from strings, template
 * literals, regular expressions and comments, and (when asked) to list the identifiers in
 * code. It does not parse; where JavaScript is ambiguous (a `/` after `}`, JSX text) it
 * guesses, and a wrong guess costs at most the rest of one line, because strings and regular
 * expressions end at a line break. Substitutions inside template literals are code.
 */
export function lexJavaScript(text: string, withIdentifiers: boolean): SourceRegions {
  const regions = new SourceRegions();
  const length = text.length;
  // Brace depths at which an open template literal resumes after its `${ … }`.
  const templateResumes: number[] = [];
  let braceDepth = 0;
  let offset = 0;
  if (text.startsWith('#!')) offset = lineEnd(text, 0);
  regions.add(0, offset, 'comment');

  const scanTemplate = (start: number): number => {
    // `start` is the opening backtick, or the `}` closing a substitution.
    let cursor = start + 1;
    while (cursor < length) {
      const code = text.charCodeAt(cursor);
      if (code === backslash) cursor += 2;
      else if (code === 0x60) {
        regions.add(start, cursor + 1, 'string');
        return cursor + 1;
      } else if (code === 0x24 && text.charCodeAt(cursor + 1) === 0x7b) {
        regions.add(start, cursor + 2, 'string');
        braceDepth++;
        templateResumes.push(braceDepth);
        return cursor + 2;
      } else cursor++;
    }
    regions.add(start, length, 'string');
    return length;
  };

  while (offset < length) {
    const next = templateResumes.length > 0 ? insideTemplate : outsideTemplate;
    next.lastIndex = offset;
    if (next.exec(text) === null) break;
    offset = next.lastIndex - 1;
    const code = text.charCodeAt(offset);
    if (code === 0x2f) {
      const after = text.charCodeAt(offset + 1);
      if (after === 0x2f) {
        const end = lineEnd(text, offset);
        regions.add(offset, end, 'comment');
        offset = end;
      } else if (after === 0x2a) {
        const close = text.indexOf('*/', offset + 2);
        const end = close === -1 ? length : close + 2;
        regions.add(offset, end, 'comment');
        offset = end;
      } else {
        const end = regexAllowedAt(text, offset) ? regexEnd(text, offset) : -1;
        if (end !== -1) regions.add(offset, end, 'string');
        offset = end === -1 ? offset + 1 : end;
      }
    } else if (code === 0x22 || code === 0x27) {
      const end = quotedEnd(text, offset, code);
      regions.add(offset, end, 'string');
      offset = end;
    } else if (code === 0x60) {
      offset = scanTemplate(offset);
    } else if (code === 0x7b) {
      braceDepth++;
      offset++;
    } else {
      // `}` inside a substitution: either closes a nested block or resumes the template.
      if (templateResumes.at(-1) === braceDepth) {
        templateResumes.pop();
        braceDepth--;
        offset = scanTemplate(offset);
      } else {
        braceDepth--;
        offset++;
      }
    }
  }
  if (withIdentifiers)
    collectIdentifiers(text, regions, javascriptIdentifier, javascriptIdentifierCharacter);
  return regions;
}

/** Whether a `/` at `offset` starts a regular expression, judged by the token before it. */
function regexAllowedAt(text: string, offset: number): boolean {
  let cursor = offset - 1;
  while (cursor >= 0 && text.charCodeAt(cursor) <= 0x20) cursor--;
  if (cursor < 0) return true;
  const code = text.charCodeAt(cursor);
  if (code === 0x29 || code === 0x5d || code === 0x22 || code === 0x27 || code === 0x60)
    return false;
  const wordEnd = cursor + 1;
  while (cursor >= 0 && /[\w$]/.test(text[cursor]!)) cursor--;
  if (cursor + 1 === wordEnd) return true; // an operator or punctuation
  return beforeRegex.has(text.slice(cursor + 1, wordEnd));
}

/** The offset of the line break ending the line at `offset` (or the end of the text). */
export function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/** The end of a quoted string starting at `start`: past its closing quote, or its line's end. */
export function quotedEnd(text: string, start: number, quote: number): number {
  let cursor = start + 1;
  while (cursor < text.length) {
    const code = text.charCodeAt(cursor);
    if (code === backslash) cursor += 2;
    else if (code === quote) return cursor + 1;
    else if (code === newline) return cursor;
    else cursor++;
  }
  return text.length;
}

/** The end of a regular expression literal at `start`, or -1 when it is not one. */
function regexEnd(text: string, start: number): number {
  let cursor = start + 1;
  let inClass = false;
  while (cursor < text.length) {
    const code = text.charCodeAt(cursor);
    if (code === newline) return -1;
    if (code === backslash) cursor += 2;
    else {
      if (code === 0x5b) inClass = true;
      else if (code === 0x5d) inClass = false;
      else if (code === 0x2f && !inClass) {
        cursor++;
        while (cursor < text.length && /[a-z]/.test(text[cursor]!)) cursor++;
        return cursor;
      }
      cursor++;
    }
  }
  return -1;
}
