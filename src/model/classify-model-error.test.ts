import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { classifyModelError, retryAfterMs } from './classify-model-error.ts';

const apiError = (statusCode: number, headers: Record<string, string> = {}) =>
  new APICallError({
    message: 'failed',
    url: 'http://127.0.0.1:1/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    responseBody: '{"error":{"message":"nope"}}',
  });

describe('classifyModelError', () => {
  it('makes a 429 retryable and carries the Retry-After wait', () => {
    const error = classifyModelError(apiError(429, { 'Retry-After': '3' }), {
      model: 'openai/gpt-5',
    });
    expect(error.code).toBe('model.rate-limited');
    expect(error.isRetryable).toBe(true);
    expect(error.details['retryAfterMs']).toBe(3_000);
  });

  it('retries 5xx, not 400, and explains 401', () => {
    expect(classifyModelError(apiError(503), { model: 'm' }).isRetryable).toBe(true);
    expect(classifyModelError(apiError(400), { model: 'm' }).isRetryable).toBe(false);
    const unauthorized = classifyModelError(apiError(401), { model: 'anthropic/x' });
    expect(unauthorized.isRetryable).toBe(false);
    expect(unauthorized.message).toMatch(/refused the API key/);
  });

  it('treats a connection failure as a retryable network error naming the address', () => {
    const error = classifyModelError(
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      {
        model: 'ollama/q',
        baseUrl: 'http://127.0.0.1:9/v1',
      },
    );
    expect(error.code).toBe('model.network-error');
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('http://127.0.0.1:9/v1');
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(retryAfterMs({ 'retry-after': '2' })).toBe(2_000);
    expect(retryAfterMs({ 'retry-after-ms': '150' })).toBe(150);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5_000);
    expect(retryAfterMs({})).toBeUndefined();
  });
});
