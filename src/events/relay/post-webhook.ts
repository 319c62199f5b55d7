/** How hard one post is tried before it is given up. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** The wait before the second try; doubled before each one after. */
  baseDelayMs: number;
  /** No wait is longer, whatever a `Retry-After` asks for. */
  maxDelayMs: number;
  /** One try that takes longer is abandoned and counts as failed. */
  timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
};

export type PostResult =
  { ok: true; attempts: number } | { ok: false; attempts: number; reason: string };

/**
 * Posts one JSON body to a webhook, trying again on what may pass (a network error, a timeout,
 * 408, 425, 429, 5xx) with exponential backoff, or after the wait a `Retry-After` header asks
 * for. Another 4xx is final: the same post would be refused again. Never throws; `signal`
 * abandons the post between or during tries.
 */
export async function postWebhook(
  url: string,
  body: unknown,
  policy: RetryPolicy,
  signal: AbortSignal,
  fetchImpl: typeof fetch = fetch,
): Promise<PostResult> {
  let reason = 'not tried';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (signal.aborted) return { ok: false, attempts: attempt - 1, reason: 'abandoned' };
    let retryAfterMs: number | undefined;
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.any([signal, AbortSignal.timeout(policy.timeoutMs)]),
      });
      // The body is not needed, but reading it frees the connection for the next post.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt };
      reason = `HTTP ${response.status}`;
      if (!isRetryableStatus(response.status)) return { ok: false, attempts: attempt, reason };
      retryAfterMs = retryAfterOf(response.headers.get('retry-after'), Date.now());
    } catch (error) {
      if (signal.aborted) return { ok: false, attempts: attempt, reason: 'abandoned' };
      reason = error instanceof Error ? (causeOf(error) ?? error.message) : String(error);
    }
    if (attempt === policy.maxAttempts) break;
    const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
    await sleep(Math.min(retryAfterMs ?? backoff, policy.maxDelayMs), signal);
  }
  return { ok: false, attempts: policy.maxAttempts, reason };
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now; `undefined` if unreadable. */
export function retryAfterOf(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** fetch reports "fetch failed" and keeps the useful part (ECONNREFUSED, …) in its cause. */
function causeOf(error: Error): string | undefined {
  const cause = error.cause;
  if (cause instanceof Error) return `${error.message}: ${cause.message}`;
  return undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
