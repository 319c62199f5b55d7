// Words that mark a value as made up (four letters or more, so that a random token contains
// one by chance about once in ten thousand; a value is the secret alone, never its name),
// keyboard rows, and the stems of the example keys in AWS's documentation, which tests copy.
const placeholderWords =
  /example|sample|dummy|fake|test|placeholder|changeme|redacted|mock|your|secret|passw|value|xxxx|qwerty|asdfgh|zxcvbn|AKIAIOSFODNN7|wJalrXUtnFEMI/i;
// A credential URL whose host is this machine or a reserved test domain.
const localHost =
  /@(?:localhost|127\.\d|0\.0\.0\.0|\[::1\]|[\w.-]*example\.(?:com|org|net)|[\w.-]+\.(?:test|invalid|local|example))(?![\w-])/i;

/**
 * Whether a secret-shaped value is a test fixture or placeholder rather than a credential:
 * it names itself (`example`, `test`, `dummy`…), counts (`abcde`, `12345`), repeats (`xxxxxx`),
 * follows a keyboard row, copies AWS's documented example keys, or points at localhost or a
 * reserved test domain. Such findings are kept, at low severity.
 */
export function looksFake(value: string): boolean {
  // In a credential URL only the password and the host say whether it is real: a user or a
  // database named `test` does not make a production password a placeholder.
  const url = credentialUrl.exec(value);
  if (url) return looksMadeUp(url[1]!) || localHost.test(`@${url[2]!}`);
  return looksMadeUp(value);
}

const credentialUrl = /^[a-z][\w+.-]*:\/\/[^:@/\s]*:([^@/\s]*)@([^/\s?#]*)/i;

function looksMadeUp(value: string): boolean {
  return placeholderWords.test(value) || hasCountingRun(value, 5) || /(.)\1{5}/.test(value);
}

/** Whether `length` consecutive characters count upwards (`abcde`, `34567`). */
function hasCountingRun(value: string, length: number): boolean {
  let run = 1;
  for (let index = 1; index < value.length; index++) {
    const code = value.charCodeAt(index);
    const alphanumeric =
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a);
    run = alphanumeric && code === value.charCodeAt(index - 1) + 1 ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}
