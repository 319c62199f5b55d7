import type { EventSink } from '../event-bus.ts';
import { defaultRetryPolicy, type RetryPolicy } from './post-webhook.ts';
import { envReference, type RelayTarget } from './relay-target.ts';
import { statusEventTypes } from './status-line.ts';
import { webhookBody } from './webhook-body.ts';
import { WebhookQueue } from './webhook-queue.ts';

export interface RelayOptions {
  /** Where `{env:VAR}` URLs are read from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Told about dropped and failed posts; called on a later microtask, never inside `sink`. */
  warn: (message: string) => void;
  fetch?: typeof fetch;
  /** Posts waiting per webhook at most (default 200). */
  capacity?: number;
  retry?: Partial<RetryPolicy>;
  /** How long `close` waits for waiting posts (default 10 s). */
  drainTimeoutMs?: number;
}

export interface Relay {
  /** Queues the event for every webhook that wants it; returns at once. */
  sink: EventSink;
  /** Delivers what waits, up to the drain timeout, then lets go. */
  close(): Promise<void>;
}

/**
 * Posts a run's status events to chat webhooks (Slack, Discord, any JSON endpoint), each in its
 * own queue so one slow chat delays no other and never the run.
 */
export function createRelay(targets: readonly RelayTarget[], options: RelayOptions): Relay {
  const ownWarnings = new Set<string>();
  const warn = (message: string) => {
    ownWarnings.add(message);
    queueMicrotask(() => options.warn(message));
  };
  const policy = { ...defaultRetryPolicy, ...options.retry };
  const routes = targets.flatMap((target) => {
    const url = resolveUrl(target.url, options.env);
    if (url === undefined) {
      warn(
        envReference.test(target.url)
          ? `relay: ${target.url} is not set in the environment; its ${target.kind} webhook gets no posts`
          : `relay: the ${target.kind} webhook URL is not a valid URL; it gets no posts`,
      );
      return [];
    }
    const queue = new WebhookQueue({
      url,
      name: `${target.kind} webhook at ${new URL(url).host}`,
      capacity: options.capacity ?? 200,
      policy,
      warn,
      fetch: options.fetch,
    });
    const wanted = new Set<string>(target.events ?? statusEventTypes);
    return [{ kind: target.kind, queue, wanted }];
  });
  return {
    sink(event) {
      // The relay's own warnings come back through the bus; posting them could feed a loop.
      if (event.type === 'warning-raised' && ownWarnings.delete(event.message)) return;
      for (const route of routes) {
        if (!route.wanted.has(event.type)) continue;
        const body = webhookBody(route.kind, event);
        if (body !== undefined) route.queue.push(body);
      }
    },
    async close() {
      await Promise.all(routes.map((route) => route.queue.close(options.drainTimeoutMs ?? 10_000)));
    },
  };
}

/** The URL to post to, read from the environment for `{env:VAR}`; `undefined` if none is usable. */
function resolveUrl(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const reference = envReference.exec(url);
  const value = reference ? env[reference[1]!]?.trim() : url;
  return value && URL.canParse(value) ? value : undefined;
}
