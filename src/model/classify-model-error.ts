import { APICallError } from '@ai-sdk/provider';
import { LokiError, errorMessage } from '../core/index.ts';

/** Facts about the call an error came from, for the message. */
export interface FailedCall {
  model: string;
  baseUrl?: string | undefined;
}

/**
 * Turns whatever a provider threw into a LokiError that says whether to retry, how long to
 * wait (Retry-After), and what a person can do about it. The one place these are decided.
 */
export function classifyModelError(error: unknown, call: FailedCall): LokiError {
  if (LokiError.isInstance(error)) return error;
  if (APICallError.isInstance(error)) return fromApiCallError(error, call);
  const name = error instanceof Error ? error.name : '';
  if (
    name === 'AI_JSONParseError' ||
    name === 'AI_TypeValidationError' ||
    name === 'AI_InvalidResponseDataError'
  ) {
    return new LokiError({
      code: 'model.malformed-response',
      category: 'service-failed',
      isRetryable: true,
      message: `${call.model} sent a reply that is not valid JSON for its API: ${errorMessage(error)}`,
      details: { model: call.model },
      cause: error,
    });
  }
  return new LokiError({
    code: 'model.network-error',
    category: 'service-failed',
    isRetryable: true,
    message:
      `could not reach ${call.model}${call.baseUrl ? ` at ${call.baseUrl}` : ''}: ` +
      `${errorMessage(error)}${causeText(error)}`,
    details: { model: call.model, baseUrl: call.baseUrl },
    cause: error,
  });
}

function fromApiCallError(error: APICallError, call: FailedCall): LokiError {
  const status = error.statusCode;
  const details = {
    model: call.model,
    status,
    url: error.url,
    body: error.responseBody?.slice(0, 500),
  };
  if (status !== undefined && status >= 200 && status < 300) {
    // The server said yes, then the reply broke: unparseable, or the connection was cut.
    // The provider marks the first not retryable; a second attempt usually succeeds.
    const malformed = (error.cause as Error | undefined)?.name === 'AI_JSONParseError';
    return new LokiError({
      code: malformed ? 'model.malformed-response' : 'model.stream-truncated',
      category: 'service-failed',
      isRetryable: true,
      message: malformed
        ? `${call.model} sent a reply that is not valid JSON for its API: ${error.message}`
        : `the reply from ${call.model} was cut off before it was complete: ${error.message}${causeText(error)}`,
      details,
      cause: error,
    });
  }
  if (status === 429) {
    return new LokiError({
      code: 'model.rate-limited',
      category: 'service-failed',
      isRetryable: true,
      message: `${call.model} is rate-limiting requests (HTTP 429): ${error.message}`,
      details: { ...details, retryAfterMs: retryAfterMs(error.responseHeaders) },
      cause: error,
    });
  }
  if (status === 401 || status === 403) {
    return new LokiError({
      code: 'model.unauthorized',
      category: 'service-failed',
      message: `${call.model} refused the API key (HTTP ${status}): check that the key is valid and allowed to use this model. ${error.message}`,
      details,
      cause: error,
    });
  }
  if (status === 404) {
    return new LokiError({
      code: 'model.not-found',
      category: 'service-failed',
      message: `${call.model} does not exist at ${error.url} (HTTP 404): check the model name and base URL. ${error.message}`,
      details,
      cause: error,
    });
  }
  const retryable = status === undefined ? true : status === 408 || status === 409 || status >= 500;
  return new LokiError({
    code: status !== undefined && status >= 500 ? 'model.server-error' : 'model.request-failed',
    category: 'service-failed',
    isRetryable: retryable,
    message: `${call.model} failed${status ? ` with HTTP ${status}` : ''}: ${error.message}`,
    details: { ...details, retryAfterMs: retryAfterMs(error.responseHeaders) },
    cause: error,
  });
}

/** Milliseconds a server asked us to wait: `retry-after-ms`, `retry-after` seconds or HTTP date. */
export function retryAfterMs(
  headers: Record<string, string> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(
    Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]),
  );
  const milliseconds = Number(lower['retry-after-ms']);
  if (lower['retry-after-ms'] !== undefined && Number.isFinite(milliseconds))
    return Math.max(0, milliseconds);
  const value = lower['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function causeText(error: unknown): string {
  const cause =
    error instanceof Error
      ? (error.cause as { code?: string; message?: string } | undefined)
      : undefined;
  if (!cause) return '';
  return ` (${cause.code ?? cause.message ?? 'unknown cause'})`;
}
