import type { Severity } from './finding.ts';
import type { CharacterClass } from './suspicious-characters.ts';

/**
 * Where a character was found: code, a string or a comment of a tokenised file; anywhere in
 * other source (`source`, not tokenised); prose (`doc`); or text bound for a model (`prompt`).
 */
export type CharacterPlace = 'code' | 'string' | 'comment' | 'source' | 'doc' | 'prompt';

type SeverityTable = Record<CharacterClass, Record<CharacterPlace, Severity | null>>;

/**
 * How bad each kind of character is, by where it is; null means not reported. The reasoning:
 * in code, outside literals, none of these characters has a use, so all are critical. A bidi
 * control in a string or comment is still the Trojan Source attack (it reorders the code shown
 * around it), so it is high; a mark (LRM, RLM, ALM) only affects neutral characters next to it
 * and is ordinary in right-to-left text. Tags are invisible text that a model reads: high in
 * every place, critical in a prompt. Controls that drive a terminal (ESC, backspace) can hide
 * code from a reviewer's `cat`; other controls are mostly mis-decoded text. In prose only tags
 * are serious.
 */
const table: SeverityTable = {
  'bidi-control': {
    code: 'critical',
    string: 'high',
    comment: 'high',
    source: 'high',
    doc: 'medium',
    prompt: 'high',
  },
  'bidi-mark': {
    code: 'critical',
    string: 'low',
    comment: 'low',
    source: 'low',
    doc: null,
    prompt: null,
  },
  invisible: {
    code: 'critical',
    string: 'medium',
    comment: 'low',
    source: 'medium',
    doc: 'low',
    prompt: 'medium',
  },
  joiner: {
    code: 'critical',
    string: 'medium',
    comment: 'low',
    source: 'medium',
    doc: 'low',
    prompt: 'medium',
  },
  tag: {
    code: 'critical',
    string: 'high',
    comment: 'high',
    source: 'high',
    doc: 'high',
    prompt: 'critical',
  },
  'terminal-control': {
    code: 'high',
    string: 'high',
    comment: 'high',
    source: 'high',
    doc: 'medium',
    prompt: 'medium',
  },
  control: {
    code: 'medium',
    string: 'medium',
    comment: 'medium',
    source: 'medium',
    doc: 'low',
    prompt: 'low',
  },
  'form-feed': {
    code: 'info',
    string: 'info',
    comment: 'info',
    source: 'info',
    doc: null,
    prompt: null,
  },
};

/** The severity of a character of `characterClass` found at `place`, or null to not report. */
export function characterSeverity(
  characterClass: CharacterClass,
  place: CharacterPlace,
): Severity | null {
  return table[characterClass][place];
}
