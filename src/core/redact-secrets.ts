/** Names of environment variables whose values are secrets. */
const secretName = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)/i;

/** Shapes of well-known credentials, redacted even when their value is not known to us. */
const secretShapes: RegExp[] = [
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g,
  /\bxox[baprs]-[A-Za-z0-9-]{10,}/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

export const redactedMark = '[REDACTED]';

/** The values of the environment's secret-named variables (long enough to be real secrets). */
export function secretValuesOf(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => secretName.test(name) && value !== undefined && value.length >= 8)
    .map(([, value]) => value as string);
}

/**
 * Returns a function that deep-copies a JSON value with every known secret value and every
 * credential-shaped string replaced by `[REDACTED]`. Used before anything is journaled.
 */
export function createRedactor(secretValues: readonly string[]): <T>(value: T) => T {
  const known = [...new Set(secretValues)].sort((a, b) => b.length - a.length);
  const redactText = (text: string): string => {
    let result = text;
    for (const secret of known) result = result.split(secret).join(redactedMark);
    for (const shape of secretShapes) {
      result = result.replace(shape, (match, prefix: unknown) =>
        typeof prefix === 'string' && match.startsWith(prefix)
          ? `${prefix}${redactedMark}`
          : redactedMark,
      );
    }
    return result;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, walk(member)]));
    }
    return value;
  };
  return <T>(value: T) => walk(value) as T;
}
