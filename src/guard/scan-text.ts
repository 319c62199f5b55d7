import type { CharacterPlace } from './character-severity.ts';
import type { Finding } from './finding.ts';
import { compareFindings } from './finding-order.ts';
import { lexJavaScript } from './lex-javascript.ts';
import { lexPython } from './lex-python.ts';
import { LineIndex } from './line-index.ts';
import {
  describeHit,
  findSuspiciousCharacters,
  hasSuspiciousCharacters,
} from './scan-characters.ts';
import { findIdentifierProblems } from './scan-identifiers.ts';
import { findInjections } from './scan-injection.ts';
import { findSecretFile, findSecrets } from './scan-secrets.ts';
import { isTokenised, sourceKindOf } from './source-kind.ts';
import type { SourceRegions } from './source-regions.ts';

type Located = Omit<Finding, 'file' | 'line' | 'column'> & { offset: number };

const nonAscii = /[\u0080-\uffff]/;

/**
 * Audits one file's text: suspicious characters, homoglyph identifiers (JavaScript, TypeScript
 * and Python), secrets, injection patterns, and files that should not be committed at all.
 * `file` is the path shown in findings (relative to the scanned root); the kind of file comes
 * from its name. Cheap checks run first and the tokenizer only when something needs it.
 */
export async function scanText(file: string, text: string): Promise<Finding[]> {
  const kind = sourceKindOf(file);
  const tokenised = isTokenised(kind);
  const needsIdentifiers = tokenised && nonAscii.test(text);
  let regions: SourceRegions | undefined;
  const regionsOf = () =>
    (regions ??=
      kind === 'python'
        ? lexPython(text, needsIdentifiers)
        : lexJavaScript(text, needsIdentifiers));
  let lines: LineIndex | undefined;
  const linesOf = () => (lines ??= new LineIndex(text));
  const found: Located[] = [];

  if (hasSuspiciousCharacters(text)) {
    const fixedPlace: CharacterPlace = kind === 'doc' ? 'doc' : 'source';
    const placeAt = tokenised
      ? (offset: number) => regionsOf().contextAt(offset)
      : () => fixedPlace;
    for (const hit of findSuspiciousCharacters(text, placeAt)) {
      found.push({
        offset: hit.offset,
        category: 'unicode',
        severity: hit.severity,
        ...describeHit(hit),
      });
    }
  }
  if (needsIdentifiers) {
    const lineOf = (offset: number) => linesOf().positionOf(offset).line;
    for (const hit of findIdentifierProblems(regionsOf().identifiers, lineOf)) {
      found.push({ category: 'unicode', ...hit });
    }
  }
  for (const hit of await findSecrets(file, text, kind === 'code')) {
    found.push({ category: 'secret', ...hit });
  }
  const secretFile = findSecretFile(file, text);
  if (secretFile) found.push({ category: 'secret', ...secretFile });
  if (tokenised && !/\.d\.[cm]?ts$/.test(file)) {
    for (const hit of findInjections(text, kind, regionsOf)) {
      found.push({ category: 'injection', ...hit });
    }
  }
  return found
    .map(({ offset, ...finding }) => ({ ...finding, file, ...linesOf().positionOf(offset) }))
    .sort(compareFindings);
}

/** Findings of a file that cannot be read as text (binary): only what its name says. */
export function scanBinaryName(file: string): Finding[] {
  const hit = findSecretFile(file, null);
  return hit ? [{ ...hit, category: 'secret', file, line: 1, column: 1 }] : [];
}
