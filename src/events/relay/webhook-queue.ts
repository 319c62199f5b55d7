import { postWebhook, type RetryPolicy } from './post-webhook.ts';

export interface WebhookQueueOptions {
  url: string;
  /** What warnings call the webhook: its host only, since the path of a chat webhook is its secret. */
  name: string;
  /** Bodies waiting at most; past it the oldest is dropped. */
  capacity: number;
  policy: RetryPolicy;
  warn: (message: string) => void;
  fetch?: typeof fetch;
}

/**
 * The posts waiting for one webhook, delivered one at a time so the chat sees them in order.
 * `push` never waits: a slow or dead webhook costs the run nothing but, once `capacity` bodies
 * wait, the oldest ones (a warning says so, once per overflow).
 */
export class WebhookQueue {
  readonly #options: WebhookQueueOptions;
  readonly #waiting: unknown[] = [];
  readonly #abandon = new AbortController();
  #pumping: Promise<void> | undefined;
  #overflowing = false;
  #failing = false;
  #closed = false;
  delivered = 0;
  dropped = 0;

  constructor(options: WebhookQueueOptions) {
    this.#options = options;
  }

  push(body: unknown): void {
    if (this.#closed) return;
    if (this.#waiting.length >= this.#options.capacity) {
      this.#waiting.shift();
      this.dropped++;
      if (!this.#overflowing) {
        this.#overflowing = true;
        this.#options.warn(
          `relay to ${this.#options.name}: ${this.#options.capacity} posts waiting, dropping the oldest (the webhook is slower than the run)`,
        );
      }
    }
    this.#waiting.push(body);
    this.#pumping ??= this.#pump().finally(() => (this.#pumping = undefined));
  }

  /**
   * Stops taking posts and waits up to `timeoutMs` for those waiting to be delivered; the
   * rest are abandoned, with a warning. Resolves once nothing is in flight.
   */
  async close(timeoutMs: number): Promise<void> {
    this.#closed = true;
    if (this.#pumping === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([this.#pumping, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const left = this.#waiting.length + 1;
      this.#waiting.length = 0;
      this.#abandon.abort();
      await this.#pumping;
      this.#options.warn(
        `relay to ${this.#options.name}: gave up on ${left} undelivered posts at the end of the run`,
      );
    }
  }

  async #pump(): Promise<void> {
    for (let body = this.#waiting.shift(); body !== undefined; body = this.#waiting.shift()) {
      if (this.#waiting.length === 0) this.#overflowing = false;
      const result = await postWebhook(
        this.#options.url,
        body,
        this.#options.policy,
        this.#abandon.signal,
        this.#options.fetch,
      );
      if (result.ok) {
        this.delivered++;
        this.#failing = false;
      } else if (result.reason !== 'abandoned') {
        this.dropped++;
        // Once per outage: a dead webhook must not flood the run with a warning per event.
        if (!this.#failing) {
          this.#failing = true;
          this.#options.warn(
            `relay to ${this.#options.name} failed after ${result.attempts} tries (${result.reason}); a post was dropped, and later failures are not reported until it recovers`,
          );
        }
      }
    }
  }
}
