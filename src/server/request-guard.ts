import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { LokiError } from '../core/index.ts';

/** Whether a host name or address only reaches this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * Requires `Authorization: Bearer <token>`. The comparison takes the same time whatever the
 * offered token is: both sides are hashed to equal lengths, then compared in constant time.
 */
export function requireBearerToken(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const offered = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(offered.trim()), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="loki"');
      throw new LokiError({
        code: 'server.unauthorized',
        category: 'bad-input',
        message:
          'this Loki server needs its token: send the header "Authorization: Bearer <token>"',
      });
    }
    await next();
  };
}

/**
 * Refuses requests addressed to another host name than this machine's. A server on loopback
 * without a token is otherwise open to any web page through DNS rebinding: the page's own
 * name resolves to 127.0.0.1, but its requests still carry that name in `Host`.
 */
export function requireLoopbackHostHeader(): MiddlewareHandler {
  return async (c, next) => {
    // The adapter builds the request URL from the Host header, so its host name is that header's.
    const name = new URL(c.req.url).hostname;
    if (!isLoopbackHost(name)) {
      throw new LokiError({
        code: 'server.forbidden-host',
        category: 'bad-input',
        message: `requests must be addressed to localhost or 127.0.0.1, not "${name}"`,
      });
    }
    await next();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
