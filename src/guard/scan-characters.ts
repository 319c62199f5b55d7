import { characterSeverity, type CharacterPlace } from './character-severity.ts';
import { describeCodePoint } from './code-point-names.ts';
import type { Severity } from './finding.ts';
import {
  classOf,
  isEmojiTagSequence,
  isMeaningfulJoiner,
  suspiciousCharacterPattern,
  type CharacterClass,
} from './suspicious-characters.ts';

/** A run of suspicious characters of one class at one place, reported once. */
export interface CharacterHit {
  offset: number;
  codePoint: number;
  characterClass: CharacterClass;
  place: CharacterPlace;
  severity: Severity;
  /** How many such characters follow each other from `offset`. */
  count: number;
  /** For tags: the ASCII they spell, which only machines see. */
  hiddenText?: string;
}

// Not global: a global expression keeps `lastIndex`, which `matchAll` would then inherit.
const firstSuspicious = new RegExp(suspiciousCharacterPattern.source);

/** Whether the text has any character the audit reports (a cheap first pass). */
export function hasSuspiciousCharacters(text: string): boolean {
  const match = firstSuspicious.exec(text);
  if (!match) return false;
  // A byte-order mark at the very start is the one harmless match.
  if (match.index === 0 && text.charCodeAt(0) === 0xfeff) {
    return firstSuspicious.test(text.slice(1));
  }
  return true;
}

/**
 * Every suspicious character of a text, with the severity its place gives it; adjacent ones of
 * the same class and place are one hit (a smuggled sentence of tags is one finding, not 200).
 */
export function findSuspiciousCharacters(
  text: string,
  placeAt: (offset: number) => CharacterPlace,
): CharacterHit[] {
  const hits: (CharacterHit & { end: number })[] = [];
  let previous: (CharacterHit & { end: number }) | undefined;
  for (const match of text.matchAll(suspiciousCharacterPattern)) {
    const offset = match.index;
    const codePoint = match[0].codePointAt(0)!;
    if (codePoint === 0xfeff && offset === 0) continue;
    const characterClass = classOf(codePoint);
    const place = placeAt(offset);
    let severity = characterSeverity(characterClass, place);
    if (characterClass === 'joiner' && isMeaningfulJoiner(text, offset)) {
      severity = place === 'code' ? 'low' : null;
    }
    if (characterClass === 'tag' && isEmojiTagSequence(text, offset)) severity = null;
    if (severity === null) continue;
    if (
      previous &&
      previous.end === offset &&
      previous.characterClass === characterClass &&
      previous.place === place
    ) {
      previous.count++;
      previous.end = offset + match[0].length;
      if (characterClass === 'tag')
        previous.hiddenText = (previous.hiddenText ?? '') + tagText(codePoint);
      continue;
    }
    previous = {
      offset,
      end: offset + match[0].length,
      codePoint,
      characterClass,
      place,
      severity,
      count: 1,
      ...(characterClass === 'tag' ? { hiddenText: tagText(codePoint) } : {}),
    };
    hits.push(previous);
  }
  return hits.map(({ end: _end, ...hit }) => hit);
}

/** The ASCII character a tag character stands for (U+E0041 TAG LATIN CAPITAL LETTER A: `A`). */
function tagText(codePoint: number): string {
  const ascii = codePoint - 0xe0000;
  return ascii >= 0x20 && ascii < 0x7f ? String.fromCharCode(ascii) : '';
}

const placeWords: Record<CharacterPlace, string> = {
  code: 'in code',
  string: 'in a string literal',
  comment: 'in a comment',
  source: 'in source',
  doc: 'in prose',
  prompt: 'in text bound for a model',
};

const ruleIds: Record<CharacterClass, string> = {
  'bidi-control': 'unicode.bidi-control',
  'bidi-mark': 'unicode.bidi-control',
  invisible: 'unicode.invisible-character',
  joiner: 'unicode.invisible-character',
  tag: 'unicode.tag-character',
  'terminal-control': 'unicode.control-character',
  control: 'unicode.control-character',
  'form-feed': 'unicode.control-character',
};

const reasons: Record<CharacterClass, string> = {
  'bidi-control':
    'a bidirectional control makes code display in a different order than the machine reads it (Trojan Source, CVE-2021-42574)',
  'bidi-mark': 'an invisible direction mark; outside right-to-left text it has no use',
  invisible:
    'an invisible character makes text that looks identical differ, e.g. two identifiers (CVE-2021-42694)',
  joiner: 'an invisible joiner; outside emoji and scripts that need it, it only hides a difference',
  tag: 'tag characters are invisible to people but read by programs and models (hidden-prompt smuggling)',
  'terminal-control':
    'a raw terminal control character can hide or rewrite what a terminal shows (escape sequences, backspaces)',
  control: 'a raw control character; usually mis-decoded text, invisible in most editors',
  'form-feed': 'a page break; harmless, but invisible in most editors',
};

/** The rule id, message, fix and code point description of a hit. */
export function describeHit(hit: CharacterHit): {
  ruleId: string;
  message: string;
  fixHint: string;
  codePoint: string;
} {
  const codePoint = describeCodePoint(hit.codePoint);
  const more = hit.count > 1 ? ` (and ${hit.count - 1} more in a row)` : '';
  const hidden = hit.hiddenText
    ? `; hidden text: ${JSON.stringify(hit.hiddenText.slice(0, 80))}`
    : '';
  const escape = `\\u{${hit.codePoint.toString(16).toUpperCase()}}`;
  return {
    ruleId: ruleIds[hit.characterClass],
    message: `${codePoint} ${placeWords[hit.place]}${more}: ${reasons[hit.characterClass]}${hidden}`,
    fixHint:
      hit.place === 'string'
        ? `Delete it, or if the string needs it write it as the escape ${escape} so reviewers can see it.`
        : `Delete it (an editor showing invisible characters, or \`grep -nP '[^\\x00-\\x7F]'\`, finds it).`,
    codePoint,
  };
}
