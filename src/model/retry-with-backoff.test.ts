import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { retryWithBackoff } from './retry-with-backoff.ts';

const retryable = (details: Record<string, unknown> = {}) =>
  new LokiError({
    code: 'model.server-error',
    category: 'service-failed',
    message: 'boom',
    isRetryable: true,
    details,
  });

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
}

describe('retryWithBackoff', () => {
  it('retries retryable errors with exponentially growing jittered waits, then succeeds', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const outcome = await retryWithBackoff(
      () => (++calls < 4 ? Promise.reject(retryable()) : Promise.resolve('ok')),
      { maxRetries: 5, initialDelayMs: 100, maxDelayMs: 10_000, sleep, random: () => 0.5 },
    );
    expect(outcome).toEqual({ value: 'ok', attempts: 4 });
    expect(waits).toEqual([75, 150, 300]);
  });

  it('waits at least as long as the server asked with Retry-After', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    await retryWithBackoff(
      () =>
        ++calls === 1 ? Promise.reject(retryable({ retryAfterMs: 7_000 })) : Promise.resolve(1),
      { maxRetries: 2, initialDelayMs: 100, maxDelayMs: 1_000, sleep, random: () => 0 },
    );
    expect(waits).toEqual([7_000]);
  });

  it('caps the backoff at maxDelayMs', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    await retryWithBackoff(() => (++calls < 6 ? Promise.reject(retryable()) : Promise.resolve(1)), {
      maxRetries: 10,
      initialDelayMs: 1_000,
      maxDelayMs: 3_000,
      sleep,
      random: () => 0.999999,
    });
    expect(Math.max(...waits)).toBeLessThanOrEqual(3_000);
    expect(waits.at(-1)).toBe(3_000);
  });

  it('gives up after maxRetries and reports the attempts on the error', async () => {
    const { sleep } = recorder();
    const failure = retryable();
    await expect(
      retryWithBackoff(() => Promise.reject(failure), {
        maxRetries: 2,
        initialDelayMs: 1,
        maxDelayMs: 1,
        sleep,
      }),
    ).rejects.toBe(failure);
    expect(failure.details['attempts']).toBe(3);
  });

  it('does not retry an error that is not retryable', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const fatal = new LokiError({
      code: 'model.unauthorized',
      category: 'service-failed',
      message: 'no',
    });
    await expect(
      retryWithBackoff(() => (calls++, Promise.reject(fatal)), {
        maxRetries: 5,
        initialDelayMs: 1,
        maxDelayMs: 1,
        sleep,
      }),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });
});
