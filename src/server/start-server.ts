import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { LokiError, describeZodIssues } from '../core/index.ts';
import { createApp, type AppOptions } from './create-app.ts';
import { isLoopbackHost } from './request-guard.ts';

/** The port `loki serve` listens on unless told otherwise. */
export const defaultPort = 4700;

const serveSettingsSchema = z.object({
  host: z.string().trim().min(1, 'the host is empty').default('127.0.0.1'),
  port: z.int().min(0).max(65_535).default(defaultPort),
  token: z
    .string()
    .min(16, 'a token needs at least 16 characters, so it cannot be guessed')
    .regex(/^[\x21-\x7e]+$/, 'a token is printable ASCII without spaces')
    .optional(),
});

export interface ServeOptions extends Omit<AppOptions, 'token'> {
  host?: string;
  port?: number;
  token?: string;
}

export interface RunningServer {
  /** The address it answers on, e.g. `http://127.0.0.1:4700`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the API and dashboard. Loopback (127.0.0.1) by default; any other address exposes
 * runs to the network, so it is refused without a bearer token (`server.token-required`).
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const parsed = serveSettingsSchema.safeParse({
    host: options.host,
    port: options.port,
    token: options.token,
  });
  if (!parsed.success) {
    throw new LokiError({
      code: 'server.bad-settings',
      category: 'bad-input',
      message: describeZodIssues(parsed.error),
    });
  }
  const { host, port, token } = parsed.data;
  if (!isLoopbackHost(host) && token === undefined) {
    throw new LokiError({
      code: 'server.token-required',
      category: 'bad-input',
      message: `binding to ${host} opens the runs to the network: give a token (--token or LOKI_SERVE_TOKEN) that requests must send as "Authorization: Bearer <token>", or bind to 127.0.0.1`,
      details: { host },
    });
  }
  const loki = createApp({ ...options, token });
  const server = createAdaptorServer({ fetch: loki.app.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new LokiError({
          code: error.code === 'EADDRINUSE' ? 'server.port-in-use' : 'server.cannot-listen',
          category: 'bad-input',
          message:
            error.code === 'EADDRINUSE'
              ? `port ${port} on ${host} is taken; choose another with --port`
              : `cannot listen on ${host}:${port}: ${error.message}`,
          cause: error,
        }),
      );
    });
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        loki.close();
        server.close((error) => (error ? reject(error) : resolve()));
        // Live streams end at their next poll; idle keep-alive sockets are closed now.
        server.closeIdleConnections();
      }),
  };
}
