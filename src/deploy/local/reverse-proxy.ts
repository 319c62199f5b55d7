import {
  Agent,
  createServer,
  request,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where requests go: one release's port on loopback. */
export interface Upstream {
  version: number;
  port: number;
}

interface UpstreamEntry extends Upstream {
  agent: Agent;
  inFlight: number;
}

/**
 * Loki's small reverse proxy on the stable port. Each request is sent to the upstream that is
 * live when it arrives and finishes there, so switching upstreams (blue/green) never breaks a
 * request in flight; `drained` says when an old upstream has none left.
 */
export class ReverseProxy {
  readonly #server: Server;
  #live: UpstreamEntry | null = null;
  readonly #entries = new Map<number, UpstreamEntry>();

  constructor() {
    this.#server = createServer((incoming, outgoing) => this.#forward(incoming, outgoing));
    this.#server.keepAliveTimeout = 5_000;
  }

  /** Listens on loopback; `port` 0 picks a free one. Resolves with the port. */
  async listen(port: number): Promise<number> {
    this.#server.listen(port, '127.0.0.1');
    await once(this.#server, 'listening');
    const address = this.#server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  }

  get live(): Upstream | null {
    return this.#live && { version: this.#live.version, port: this.#live.port };
  }

  /** From now on, new requests go to `upstream`; requests in flight finish where they are. */
  switchTo(upstream: Upstream): void {
    let entry = this.#entries.get(upstream.version);
    if (entry?.port !== upstream.port) {
      // A release restarted on a new port: its old connections lead nowhere.
      entry?.agent.destroy();
      entry = { ...upstream, agent: new Agent({ keepAlive: true }), inFlight: 0 };
      this.#entries.set(upstream.version, entry);
    }
    this.#live = entry;
  }

  /** From now on nothing is live: new requests are answered 503 until the next `switchTo`. */
  stopServing(): void {
    this.#live = null;
  }

  /** Waits until no request is in flight to `version` (at most `timeoutMs`); true when drained. */
  async drained(version: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const entry = this.#entries.get(version);
      if (entry === undefined || entry.inFlight === 0) return true;
      if (Date.now() > deadline) return false;
      await sleep(25);
    }
  }

  /** Forgets an upstream that is not live: its kept-alive connections are closed. */
  forget(version: number): void {
    const entry = this.#entries.get(version);
    if (entry === undefined || entry === this.#live) return;
    entry.agent.destroy();
    this.#entries.delete(version);
  }

  async close(): Promise<void> {
    const closed = once(this.#server, 'close');
    this.#server.close();
    this.#server.closeAllConnections();
    for (const entry of this.#entries.values()) entry.agent.destroy();
    await closed;
  }

  #forward(incoming: IncomingMessage, outgoing: ServerResponse): void {
    const entry = this.#live;
    if (entry === null) {
      outgoing.writeHead(503, { 'content-type': 'text/plain' }).end('no release is live\n');
      return;
    }
    entry.inFlight += 1;
    let settled = false;
    outgoing.on('close', () => {
      if (!settled) entry.inFlight -= 1;
      settled = true;
    });
    const headers = withoutHopHeaders(incoming.headers);
    headers['x-forwarded-for'] = incoming.socket.remoteAddress ?? '';
    headers['x-forwarded-host'] = incoming.headers.host ?? '';
    headers['x-forwarded-proto'] = 'http';
    const send = (retry: boolean): void => {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: entry.port,
          method: incoming.method,
          path: incoming.url,
          headers,
          agent: entry.agent,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, withoutHopHeaders(answer.headers));
          answer.pipe(outgoing);
          answer.on('error', () => outgoing.destroy());
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the release closed just as it was reused: a request without
        // a body is sent again on a fresh one, rather than failing a request nobody broke.
        if (retry && upstream.reusedSocket && error.code === 'ECONNRESET') return send(false);
        if (outgoing.headersSent) outgoing.destroy();
        else
          outgoing
            .writeHead(502, { 'content-type': 'text/plain' })
            .end(`release v${entry.version} did not answer: ${error.message}\n`);
      });
      if (bodiless.has(incoming.method ?? '')) upstream.end();
      else incoming.pipe(upstream);
    };
    send(bodiless.has(incoming.method ?? ''));
  }
}

const bodiless = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Headers that describe one connection, not the message: never forwarded. */
const hopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
]);

function withoutHopHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!hopHeaders.has(name) && value !== undefined) kept[name] = value;
  }
  return kept;
}
