import { describeCodePoint } from './code-point-names.ts';
import { isConfusable, lookalikeOf, skeletonOf } from './confusable-skeleton.ts';
import type { Severity } from './finding.ts';
import { judgeScripts } from './identifier-scripts.ts';
import { quoteVisibly } from './visible-text.ts';

/** A problem with one identifier, found at the identifier's first appearance. */
export interface IdentifierHit {
  ruleId:
    | 'unicode.mixed-script-identifier'
    | 'unicode.confusable-identifier'
    | 'unicode.lookalike-identifier';
  severity: Severity;
  offset: number;
  message: string;
  fixHint: string;
  codePoint: string;
}

const nonAscii = /[\u0080-\uffff]/;
const asciiOnly = /^[^\u0080-\uffff]*$/;

/**
 * Homoglyph checks of one file's identifiers (name → offset of its first appearance):
 * a mix of scripts no language writes (`isАdmin`, Latin with a Cyrillic А); two distinct
 * identifiers with the same confusable skeleton, at least one of them not ASCII (ASCII pairs
 * such as `rn`/`m` are normal code); and a non-ASCII identifier dressed as an ASCII one.
 * `lineOf` gives the line of the other identifier of a colliding pair, for the message.
 */
export function findIdentifierProblems(
  identifiers: ReadonlyMap<string, number>,
  lineOf: (offset: number) => number,
): IdentifierHit[] {
  const unusual = [...identifiers.keys()].filter((name) => nonAscii.test(name));
  if (unusual.length === 0) return [];
  const bySkeleton = new Map<string, string[]>();
  for (const name of identifiers.keys()) {
    const skeleton = skeletonOf(name);
    const group = bySkeleton.get(skeleton);
    if (group) group.push(name);
    else bySkeleton.set(skeleton, [name]);
  }
  const hits: IdentifierHit[] = [];
  for (const name of unusual) {
    const offset = identifiers.get(name)!;
    const verdict = judgeScripts(name);
    const skeleton = skeletonOf(name);
    const twins = bySkeleton.get(skeleton)!.filter((other) => other !== name);
    if (twins.length > 0) {
      const twin = twins[0]!;
      const codePoint = describeCodePoint(firstConfusable(name, twin));
      hits.push({
        ruleId: 'unicode.confusable-identifier',
        severity: 'high',
        offset,
        message: `identifier ${quoteVisibly(name)} looks the same as ${quoteVisibly(twin)} (line ${lineOf(identifiers.get(twin)!)}) but is a different name: ${codePoint}`,
        fixHint: `Use one spelling; retype ${quoteVisibly(name)} in ASCII if that is what was meant.`,
        codePoint,
      });
      continue;
    }
    if (verdict.mixed) {
      const codePoint = describeCodePoint(name.codePointAt(verdict.oddOffset)!);
      hits.push({
        ruleId: 'unicode.mixed-script-identifier',
        severity: 'high',
        offset,
        message: `identifier ${quoteVisibly(name)} mixes ${verdict.scripts.join(' and ')}: ${codePoint} among ${verdict.scripts[0]} letters`,
        fixHint:
          'Write the identifier in one script; a look-alike letter from another script is the homoglyph attack.',
        codePoint,
      });
      continue;
    }
    const lookalike = lookalikeOf(name);
    if (asciiOnly.test(lookalike) && lookalike !== name) {
      const codePoint = describeCodePoint(firstConfusable(name, lookalike));
      hits.push({
        ruleId: 'unicode.lookalike-identifier',
        severity: 'medium',
        offset,
        message: `identifier ${quoteVisibly(name)} looks like the ASCII name ${quoteVisibly(lookalike)}: ${codePoint}`,
        fixHint: `Rename it in ASCII (${quoteVisibly(lookalike)}) unless the non-Latin spelling is intended.`,
        codePoint,
      });
    }
  }
  return hits;
}

/** The first code point of `name` that is confusable and not in `other`'s spelling. */
function firstConfusable(name: string, other: string): number {
  const chars = [...name];
  const otherChars = [...other];
  const differing = chars.find((char, index) => char !== otherChars[index] && isConfusable(char));
  const confusable = differing ?? chars.find((char) => nonAscii.test(char)) ?? chars[0]!;
  return confusable.codePointAt(0)!;
}
