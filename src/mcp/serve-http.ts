import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { LokiError } from '../core/index.ts';
import type { DoorContext } from './door-context.ts';
import { createLokiMcpServer } from './loki-mcp-server.ts';

export interface HttpOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Required of every request when set (`Authorization: Bearer <token>`). */
  token?: string;
}

export interface HttpMcpServer {
  /** `http://host:port/mcp` */
  url: string;
  close(): Promise<void>;
}

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Serves MCP over streamable HTTP at `/mcp`, stateless: each POST gets its own server and
 * transport, and a long call streams its progress back as server-sent events on its response.
 * Off loopback a bearer token is required, since a tool call spends model budget.
 */
export async function serveHttp(
  context: DoorContext,
  options: HttpOptions,
): Promise<HttpMcpServer> {
  const loopback = loopbackHosts.has(options.host);
  if (!loopback && !options.token) {
    throw new LokiError({
      code: 'mcp.token-required',
      category: 'bad-input',
      message: `serving MCP on ${options.host} lets anyone who reaches it start runs; set LOKI_MCP_TOKEN to a secret that clients send as a bearer token, or bind to 127.0.0.1`,
      details: { host: options.host },
    });
  }
  const http = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) reply(response, 500, -32603, String(error));
    });
  });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/mcp') return reply(response, 404, -32601, 'not found; the MCP endpoint is /mcp');
    if (options.token && !hasToken(request, options.token))
      return reply(response, 401, -32001, 'missing or wrong bearer token');
    if (request.method !== 'POST')
      return reply(response, 405, -32000, 'this server is stateless: send each request as a POST');
    const { port } = http.address() as AddressInfo;
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      // A web page must not reach a loopback server through a rebound DNS name.
      enableDnsRebindingProtection: loopback,
      allowedHosts: loopback
        ? [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
        : undefined,
    });
    const server = createLokiMcpServer(context);
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response);
  };
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, resolve);
  });
  const { port } = http.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/mcp`,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const given = Buffer.from(request.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function reply(response: ServerResponse, status: number, code: number, message: string): void {
  response
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
