import { shannonEntropy } from './mask-secret.ts';

/** A literal value, assigned to a secret-like name, that looks like a real credential. */
export interface SecretAssignment {
  /** Offset and end of the value (not the name) in the text. */
  offset: number;
  end: number;
  name: string;
  value: string;
  kind: 'JSON Web Token' | 'high-entropy value' | 'password';
}

// Names that hold credentials: ending in a secret word (`apiKey`, `client_secret`, `DB_PASSWORD`,
// `GITHUB_TOKEN`), except tokens that only page or cancel.
const secretName =
  /(?:api[_-]?key|secret|token|passw(?:or)?d|passphrase|pwd|credentials?|auth|private[_-]?key|access[_-]?key|client[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|session[_-]?key|bearer)$/i;
const harmlessName =
  /(?:next|page|continuation|sync|cancel|cancellation|paging|resume|csrf|xsrf|lexer|parser|eof|start|end)[_-]?token$/i;
// A quoted token-like literal (letters, digits and the few signs of base64, hex and JWTs):
// candidates first, names second, because a secret word is common and such literals are not.
const tokenLiteral = /(["'`])([A-Za-z0-9+/=_\-.~]{16,500})\1/g;
// What precedes a value assigned to a name: `name = `, `"name": `, `name: string = `, `name := `.
const assignedTo = /([\w$.-]+)["']?[ \t]*(?::[ \t]*string[ \t]*)?(?::=|=>|=|:)[ \t]*[rbuRBU]{0,2}$/;
// Passwords need not look like tokens, so they are looked for by name (when a file names one).
const passwordWord = /passw|pwd|passphrase/i;
const passwordAssignment =
  /(?:passw(?:or)?d|pwd|passphrase)["']?[ \t]*(?::[ \t]*string[ \t]*)?(?::=|=>|=(?!=)|:)[ \t]*[rbuRBU]{0,2}(["'`])([^"'`\s]{8,200})\1/gi;
// For unquoted values (.env, YAML, shell), a secret word then the assignment.
const bareAssignment =
  /(?:key|secret|token|passw(?:or)?d|passphrase|pwd|credentials?|auth|bearer)["']?[ \t]*(?:=|:)[ \t]*([^\s"'`#,;{}()[\]]{8,500})/gi;
const placeholder =
  /^(?:\$\{.*\}|\$\(.*\)|\$[A-Za-z_]|\{\{.*\}\}|<[^>]*>|%\(|%s|\*{3,}|x{4,}|\.{3})|example|sample|dummy|placeholder|changeme|change_me|your[_-]|redacted|replace|todo|fixme|xxxx|process\.env|os\.environ|getenv/i;
const jwt = /^eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{5,}$/;
const tokenCharacters = /^[A-Za-z0-9+/=_\-.~]+$/;
const wordsOnly = /^(?:[a-z]+(?:[A-Z][a-z]*)+|[A-Za-z]+(?:[_\-.][A-Za-z]+)+)\d{0,3}$/;

/**
 * Finds literal values assigned to key/token/secret/password-like names that look like real
 * credentials: a JSON Web Token, a long random-looking token (high Shannon entropy, letters and
 * digits), or a password of three character classes. Placeholders, environment lookups, URLs
 * and plain words are left alone. `bare` also reads unquoted values (.env, YAML, shell).
 */
export function findSecretAssignments(text: string, bare: boolean): SecretAssignment[] {
  const found = new Map<number, SecretAssignment>();
  const consider = (name: string, value: string, offset: number) => {
    if (found.has(offset) || !secretName.test(name) || harmlessName.test(name)) return;
    const kind = judgeValue(name, value);
    if (kind) found.set(offset, { offset, end: offset + value.length, name, value, kind });
  };
  for (const match of text.matchAll(tokenLiteral)) {
    if (!followsAssignment(text, match.index)) continue;
    const before = assignedTo.exec(text.slice(Math.max(0, match.index - 120), match.index));
    if (before) consider(before[1]!, match[2]!, match.index + 1);
  }
  if (passwordWord.test(text)) {
    for (const match of text.matchAll(passwordAssignment)) {
      const value = match[2]!;
      const offset = match.index + match[0].length - value.length - 1;
      consider(nameEndingAt(text, match.index + match[0].search(/["'\s:=]/)), value, offset);
    }
  }
  if (bare) {
    for (const match of text.matchAll(bareAssignment)) {
      const value = match[1]!;
      const offset = match.index + match[0].length - value.length;
      consider(nameEndingAt(text, match.index + match[0].search(/["'\s:=]/)), value, offset);
    }
  }
  return [...found.values()].sort((a, b) => a.offset - b.offset);
}

/** What the value looks like, or null when it does not look like a credential. */
export function judgeValue(name: string, value: string): SecretAssignment['kind'] | null {
  if (/\s/.test(value) || placeholder.test(value) || value.includes('://')) return null;
  if (/^\.{0,2}\//.test(value)) return null;
  if (jwt.test(value)) return 'JSON Web Token';
  const entropy = shannonEntropy(value);
  if (/(?:passw|pwd|passphrase)/i.test(name)) {
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((c) => c.test(value)).length;
    return classes >= 3 && entropy >= 2.5 && !wordsOnly.test(value) ? 'password' : null;
  }
  if (!tokenCharacters.test(value) || wordsOnly.test(value)) return null;
  if (/^[0-9a-f]+$/i.test(value))
    return value.length >= 32 && entropy >= 3 ? 'high-entropy value' : null;
  const letters = /[A-Za-z]/.test(value);
  const digits = /\d/.test(value);
  return value.length >= 16 && entropy >= 3.5 && letters && digits ? 'high-entropy value' : null;
}

/** Whether the last sign before `offset` (past blanks and a string prefix) assigns: `=`, `:`, `>`. */
function followsAssignment(text: string, offset: number): boolean {
  let cursor = offset - 1;
  while (cursor >= 0 && /[ \trbuRBU]/.test(text[cursor]!)) cursor--;
  const sign = text[cursor];
  return sign === '=' || sign === ':' || sign === '>';
}

/** The identifier (dotted, dashed) that ends at `end`, read backwards. */
function nameEndingAt(text: string, end: number): string {
  let start = end;
  while (start > 0 && /[\w$.-]/.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}
