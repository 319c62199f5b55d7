import type { FindingCategory } from './finding.ts';
import { injectionRules } from './scan-injection.ts';

/** What a rule is about, for SARIF rule lists and documentation. */
export interface RuleDescription {
  id: string;
  category: FindingCategory;
  title: string;
}

const unicodeRules: RuleDescription[] = [
  ['unicode.bidi-control', 'Bidirectional control character (Trojan Source)'],
  ['unicode.invisible-character', 'Invisible or zero-width character'],
  ['unicode.tag-character', 'Unicode tag characters (hidden text)'],
  ['unicode.control-character', 'Raw control character'],
  ['unicode.mixed-script-identifier', 'Identifier mixing scripts (homoglyph)'],
  ['unicode.confusable-identifier', 'Identifiers confusable with each other (homoglyph)'],
  ['unicode.lookalike-identifier', 'Non-ASCII identifier that looks like an ASCII one'],
].map(([id, title]) => ({ id: id!, category: 'unicode', title: title! }));

const ownSecretRules: RuleDescription[] = [
  ['secret.private-key', 'Private key'],
  ['secret.private-key-file', 'Private key or key store file'],
  ['secret.aws-access-key-id', 'AWS access key id'],
  ['secret.google-api-key', 'Google API key'],
  ['secret.high-entropy-assignment', 'Credential-like value assigned to a secret name'],
  ['secret.env-file', 'Committed environment (.env) file'],
].map(([id, title]) => ({ id: id!, category: 'secret', title: title! }));

/** The description of a rule id; secretlint's rules (`secret.<rule>`) are named after it. */
export function describeRule(id: string): RuleDescription {
  const known =
    unicodeRules.find((rule) => rule.id === id) ?? ownSecretRules.find((rule) => rule.id === id);
  if (known) return known;
  const injection = [...injectionRules.javascript, ...injectionRules.python].find(
    (rule) => rule.id === id,
  );
  if (injection) return { id, category: 'injection', title: injection.message };
  if (id.startsWith('secret.')) {
    return {
      id,
      category: 'secret',
      title: `Secret (secretlint rule ${id.slice('secret.'.length)})`,
    };
  }
  return { id, category: 'unicode', title: id };
}
