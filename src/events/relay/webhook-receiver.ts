import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One post the receiver answered, failed ones included. */
export interface ReceivedPost {
  path: string;
  body: unknown;
  /** The status it was answered with. */
  status: number;
  at: number;
}

export interface WebhookReceiverOptions {
  /** Statuses to answer the first posts with, in order (e.g. [500, 429]); later posts get 200. */
  failFirst?: number[];
  /** `Retry-After` sent with a failing 429 or 503. */
  retryAfter?: string;
  /** Holds every answer this long: a slow chat. */
  delayMs?: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Every post, in the order it arrived. */
  posts: ReceivedPost[];
  /** The bodies of the posts answered 200, in order. */
  accepted(): unknown[];
  /** Resolves once `count` posts were accepted (rejects after `timeoutMs`). */
  waitForAccepted(count: number, timeoutMs?: number): Promise<unknown[]>;
  close(): Promise<void>;
}

/**
 * A real chat webhook on loopback for tests: it records each JSON post and can fail the first
 * ones, so retries, `Retry-After` and ordering are exercised over real HTTP.
 */
export async function startWebhookReceiver(
  options: WebhookReceiverOptions = {},
): Promise<WebhookReceiver> {
  const failures = [...(options.failFirst ?? [])];
  const posts: ReceivedPost[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = failures.shift() ?? 200;
      posts.push({ path: request.url ?? '/', body: JSON.parse(text), status, at: Date.now() });
      const answer = () => {
        const headers: Record<string, string> = { 'content-type': 'text/plain' };
        if (options.retryAfter && (status === 429 || status === 503))
          headers['retry-after'] = options.retryAfter;
        response.writeHead(status, headers).end(status === 200 ? 'ok' : 'try again');
        for (const waiter of waiters) waiter();
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const accepted = () => posts.filter((post) => post.status === 200).map((post) => post.body);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    posts,
    accepted,
    waitForAccepted(count, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (accepted().length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(accepted());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`only ${accepted().length} of ${count} posts arrived in ${timeoutMs} ms`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
