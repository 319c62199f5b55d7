import { LokiError } from '../core/index.ts';

export interface RetryOptions {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Waits; injected so tests of long backoffs take no time. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1); injected for deterministic jitter in tests. */
  random?: () => number;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: LokiError }) => void;
}

/** The number of attempts an operation took, kept on the error it finally failed with. */
export interface RetryOutcome<T> {
  value: T;
  attempts: number;
}

/**
 * Runs an operation, retrying while the error it throws says it is retryable. Waits grow
 * exponentially with full jitter; a server's Retry-After (carried as `details.retryAfterMs`)
 * is honoured when longer. Errors must already be LokiErrors (classified where they are made).
 */
export async function retryWithBackoff<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<RetryOutcome<T>> {
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await operation(attempt), attempts: attempt };
    } catch (error) {
      const failure = LokiError.isInstance(error) ? error : undefined;
      if (
        !failure ||
        !failure.isRetryable ||
        attempt > options.maxRetries ||
        options.signal?.aborted
      ) {
        if (failure) failure.details['attempts'] = attempt;
        throw error;
      }
      const backoff = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (attempt - 1));
      const jittered = Math.round(backoff / 2 + (random() * backoff) / 2);
      const requested = failure.details['retryAfterMs'];
      const delayMs = typeof requested === 'number' ? Math.max(requested, jittered) : jittered;
      options.onRetry?.({ attempt, delayMs, error: failure });
      await options.sleep(delayMs, options.signal);
    }
  }
}

/** A sleep that ends early (rejecting with the signal's reason) when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
