import { LokiError, errorMessage } from '../core/index.ts';

/** A connection URL fit to show: its password replaced by `***`. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(a URL that cannot be parsed)';
  }
}

/** Network failures worth trying again: the server may be restarting or briefly unreachable. */
const transientNetworkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * A Postgres failure as a LokiError a person can act on. A refused login or a missing
 * database is configuration (bad input); a server that cannot be reached or fails is an
 * outside service failing. The password never appears in the message.
 */
export function explainPostgresError(error: unknown, location: string): LokiError {
  if (LokiError.isInstance(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const sqlState = typeof code === 'string' ? code : '';
  const reason = errorMessage(error);
  if (sqlState.startsWith('28') || sqlState === '3D000') {
    return new LokiError({
      code: 'memory.login-refused',
      category: 'bad-input',
      message: `the memory database ${location} refused the connection: ${reason}; check the user, password and database name in LOKI_MEMORY_URL`,
      details: { location, sqlState },
      cause: error,
    });
  }
  const unreachable =
    transientNetworkCodes.has(sqlState) ||
    sqlState.startsWith('08') ||
    /timeout|terminat|Connection/i.test(reason);
  return new LokiError({
    code: unreachable ? 'memory.unreachable' : 'memory.query-failed',
    category: 'service-failed',
    isRetryable: unreachable || sqlState === '40001' || sqlState === '40P01',
    message: unreachable
      ? `cannot reach the memory database ${location}: ${reason}; is the server running, and is LOKI_MEMORY_URL right?`
      : `the memory database ${location} failed: ${reason}`,
    details: { location, sqlState },
    cause: error,
  });
}
