/**
 * Kinds of character the audit looks for. `bidi-control` reorders what is shown (embeddings,
 * overrides, isolates: the Trojan Source attack); `bidi-mark` only nudges neutral characters;
 * `invisible` draws nothing (zero-width space, word joiner, invisible operators, a byte-order
 * mark past the start, and the Hangul fillers, which are letters to JavaScript and Python: the
 * "invisible variable" backdoor); `joiner` is ZWNJ/ZWJ, invisible but needed by emoji and many scripts;
 * `tag` is U+E0000–E007F, invisible ASCII that a model still reads; `terminal-control` is the
 * C0/C1 controls that move a terminal's cursor or start an escape sequence (backspace, ESC,
 * CSI, OSC), which can hide a line from `cat` or `git diff`; `control` is the other C0/C1.
 */
export type CharacterClass =
  | 'bidi-control'
  | 'bidi-mark'
  | 'invisible'
  | 'joiner'
  | 'tag'
  | 'terminal-control'
  | 'control'
  | 'form-feed';

/**
 * Every character the audit may report, in one pass. The byte-order mark is included and
 * skipped at offset 0 by the caller; tags are astral, matched as their surrogate pairs.
 */
export const suspiciousCharacterPattern =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0]|\uDB40[\uDC00-\uDC7F]/g;

/** The class of a code point matched by `suspiciousCharacterPattern`. */
export function classOf(codePoint: number): CharacterClass {
  if (
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  ) {
    return 'bidi-control';
  }
  if (codePoint === 0x200e || codePoint === 0x200f || codePoint === 0x061c) return 'bidi-mark';
  if (codePoint === 0x200c || codePoint === 0x200d) return 'joiner';
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) return 'tag';
  if (codePoint === 0x0c) return 'form-feed';
  if (codePoint === 0x08 || codePoint === 0x1b || codePoint === 0x9b || codePoint === 0x9d) {
    return 'terminal-control';
  }
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return 'control';
  return 'invisible';
}

const pictographic = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\u20E3]/u;
const letterOrMark = /[\p{L}\p{M}]/u;
const latinOrCommon = /[\p{scx=Latin}\p{scx=Common}]/u;

/**
 * Whether a ZWJ/ZWNJ at `offset` does what it was made for: joins an emoji sequence
 * (👨‍👩‍👧), or shapes letters of a script that needs it (Persian, Arabic, the Indic scripts).
 * Between Latin letters or in code it has no such use.
 */
export function isMeaningfulJoiner(text: string, offset: number): boolean {
  const before = codePointBefore(text, offset);
  const after = text.codePointAt(offset + 1);
  if (before === undefined || after === undefined) return false;
  const previous = String.fromCodePoint(before);
  const next = String.fromCodePoint(after);
  if (pictographic.test(previous) && pictographic.test(next)) return true;
  return (
    letterOrMark.test(previous) &&
    letterOrMark.test(next) &&
    !(latinOrCommon.test(previous) && latinOrCommon.test(next))
  );
}

/**
 * Whether the tag character at `offset` belongs to an emoji tag sequence: the subdivision
 * flags (🏴 U+1F3F4 followed by tags and U+E007F CANCEL TAG) are the only standard use of tags.
 */
export function isEmojiTagSequence(text: string, offset: number): boolean {
  let cursor = offset;
  while (cursor >= 2 && text.charCodeAt(cursor - 2) === 0xdb40) cursor -= 2;
  return codePointBefore(text, cursor) === 0x1f3f4;
}

/** The code point ending just before `offset`. */
export function codePointBefore(text: string, offset: number): number | undefined {
  if (offset <= 0) return undefined;
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(offset - 2);
  }
  return low;
}
