import { basename, extname } from 'node:path';
import type { Severity } from './finding.ts';
import { looksFake } from './fake-secret.ts';
import { maskSecret } from './mask-secret.ts';
import { findSecretAssignments } from './secret-assignments.ts';
import { runSecretlint } from './secretlint-scan.ts';

/** A secret found in a file, already masked in its message. */
export interface SecretHit {
  offset: number;
  ruleId: string;
  severity: Severity;
  message: string;
  fixHint: string;
}

const rotate =
  'Remove it from the repository and rotate it (treat it as leaked: history keeps it); read it from the environment or a secret manager at run time.';

// Credentials secretlint's recommended preset does not report: private keys without the body
// it expects, Google API keys, and AWS access key ids (secretlint finds those only with an
// option that also turns on its account-id scan, slow and about identifiers, not secrets).
const ownPatterns: { ruleId: string; label: string; pattern: RegExp }[] = [
  {
    ruleId: 'secret.private-key',
    label: 'private key block',
    // A header with a body of key material under it, as secretlint asks too: a header alone
    // (in a parser, a test building a key) is not a key.
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\r?\n(?:[\w-]+: [^\n]*\n)*(?:\r?\n)?[A-Za-z0-9+/=\r\n]{64,}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    ruleId: 'secret.aws-access-key-id',
    label: 'AWS access key id',
    pattern: /\b(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/g,
  },
  {
    ruleId: 'secret.google-api-key',
    label: 'Google API key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  },
];

const ownTrigger = /PRIVATE KEY|A3T|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA|AIza/;

/**
 * Secrets in one file's text: secretlint's recommended rules, private key blocks, AWS key ids,
 * Google API keys, and credential-like literals assigned to secret-like names. A place found
 * by several of these is reported once, by the first (most specific). A value that looks like
 * a test fixture or placeholder (see `looksFake`) is still reported, at low severity.
 */
export async function findSecrets(path: string, text: string, bare: boolean): Promise<SecretHit[]> {
  const hits: SecretHit[] = [];
  const taken: [number, number][] = [];
  const add = (offset: number, end: number, ruleId: string, what: string, value: string) => {
    if (taken.some(([start, stop]) => offset < stop && end > start)) return;
    taken.push([offset, end]);
    const fake = looksFake(value);
    hits.push({
      offset,
      ruleId,
      severity: fake ? 'low' : ruleId === 'secret.high-entropy-assignment' ? 'high' : 'critical',
      message: `${what}: ${maskSecret(value)}${fake ? ' (looks like a test or placeholder value)' : ''}`,
      fixHint: rotate,
    });
  };
  for (const hit of await runSecretlint(path, text)) {
    add(
      hit.offset,
      hit.end,
      `secret.${hit.rule}`,
      `${hit.messageId} (secretlint rule ${hit.rule})`,
      hit.value,
    );
  }
  for (const { ruleId, label, pattern } of ownTrigger.test(text) ? ownPatterns : []) {
    for (const match of text.matchAll(pattern)) {
      add(match.index, match.index + match[0].length, ruleId, label, match[0]);
    }
  }
  for (const found of findSecretAssignments(text, bare)) {
    add(
      found.offset,
      found.end,
      'secret.high-entropy-assignment',
      `${found.kind} assigned to ${JSON.stringify(found.name)}`,
      found.value,
    );
  }
  return hits;
}

const exampleEnv = /\.(?:example|sample|template|dist|defaults|schema|tpl)$/i;
const keyFileNames = new Set([
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  'id_ecdsa_sk',
  'id_ed25519_sk',
]);
const keyStoreExtensions = new Set(['.p12', '.pfx', '.jks', '.keystore', '.ppk']);

/**
 * Files whose presence in a repository is the finding: a `.env` file (not an example of one)
 * with values in it, or a private key or key store by its name (key stores are binary, so their
 * content cannot be read for a key). `text` is null for a binary file.
 */
export function findSecretFile(path: string, text: string | null): SecretHit | undefined {
  const name = basename(path);
  if ((/^\.env(?:\..+)?$/i.test(name) || /\.env$/i.test(name)) && !exampleEnv.test(name)) {
    const assignments = text?.match(/^[ \t]*(?:export[ \t]+)?[A-Za-z_][\w.]*[ \t]*=[ \t]*\S/gm);
    if (!assignments) return undefined;
    return {
      offset: 0,
      ruleId: 'secret.env-file',
      severity: 'high',
      message: `environment file ${name} is committed with ${assignments.length} value(s); such files hold a deployment's credentials`,
      fixHint: `Remove ${name} from the repository, add it to .gitignore, commit a ${name}.example with empty values instead, and rotate what it held.`,
    };
  }
  if (keyFileNames.has(name) || keyStoreExtensions.has(extname(name).toLowerCase())) {
    return {
      offset: 0,
      ruleId: 'secret.private-key-file',
      severity: 'critical',
      message: `private key or key store ${name} is committed`,
      fixHint: rotate,
    };
  }
  return undefined;
}
