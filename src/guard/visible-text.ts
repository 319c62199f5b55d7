/**
 * Text quoted in a finding, with every invisible or control character written as an escape
 * (`\u{200D}`), so a report never carries the characters it warns about.
 */
export function quoteVisibly(text: string): string {
  return JSON.stringify(text).replace(
    /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]/gu,
    (char) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`,
  );
}
