import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { errorMessage, parseJson } from '../../core/index.ts';
import { answerChatCompletion } from './answer-chat-completion.ts';
import { sendJson } from './http-response.ts';
import { errorBody, modelListBody } from './openai-wire-format.ts';
import type { RecordedRequest } from './recorded-request.ts';
import { ReplyQueue } from './reply-queue.ts';
import type { Reply } from './script.ts';

export interface TestModelServerOptions {
  /** The script to start with; more can be enqueued later. */
  replies?: readonly Reply[];
  /** Defaults to `127.0.0.1`. */
  host?: string;
  /** Defaults to 0: a free port. */
  port?: number;
}

/** An OpenAI-compatible chat-completions server on loopback that answers from a script. */
export interface TestModelServer extends AsyncDisposable {
  /** The base URL a provider is pointed at: `http://127.0.0.1:PORT/v1`. */
  readonly baseUrl: string;
  /** Every request received so far, in order of arrival. */
  readonly requests: readonly RecordedRequest[];
  /** Adds replies at the end of the script. */
  enqueue(...replies: Reply[]): void;
  /** How many replies of the script have not been used yet. */
  remaining(): number;
  /** Stops listening and destroys every open connection, stalled ones too. */
  close(): Promise<void>;
}

/**
 * Starts a test model server: `POST /v1/chat/completions` (JSON or SSE, with tool calls and
 * usage in OpenAI's wire format, and scripted latency and faults), `GET /v1/models`, else 404.
 * It lets the real provider code (fetch, SSE parsing, retries, timeouts) run in tests.
 */
export async function startTestModelServer(
  options: TestModelServerOptions = {},
): Promise<TestModelServer> {
  const queue = new ReplyQueue();
  queue.enqueue(options.replies ?? []);
  const requests: RecordedRequest[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const bodyText = await readBody(request);
    if (bodyText === undefined) return;
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://loopback').pathname;
    const record: RecordedRequest = {
      method,
      path,
      body: parseBodyLeniently(bodyText),
      headers: request.headers,
      receivedAt: Date.now(),
      stream: false,
      replyIndex: null,
    };
    requests.push(record);
    if (method === 'POST' && path === '/v1/chat/completions') {
      await answerChatCompletion({ record, queue, response, requestNumber: requests.length });
    } else if (method === 'GET' && path === '/v1/models') {
      sendJson(response, 200, modelListBody(Math.floor(record.receivedAt / 1000)));
    } else {
      const message = `Unknown request URL: ${method} ${path}. The test model server serves POST /v1/chat/completions and GET /v1/models.`;
      sendJson(response, 404, errorBody(message, 'invalid_request_error', 'unknown_url'));
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => reportDefect(response, error));
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Idle keep-alive sockets and stalled requests would otherwise hold close() open.
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    baseUrl: `http://${host}:${address.port}/v1`,
    requests,
    enqueue: (...replies) => queue.enqueue(replies),
    remaining: () => queue.remaining(),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A defect of the server itself: say so to the client rather than leave it hanging. */
function reportDefect(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const message = `the test model server failed: ${errorMessage(error)}`;
  sendJson(response, 500, errorBody(message, 'server_error'));
}

/** The whole request body as text; undefined when the client went away before sending it. */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of request) chunks.push(chunk as Buffer);
  } catch {
    return undefined;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as JSON when it is JSON, else as the text it is: recorded either way. */
function parseBodyLeniently(text: string): unknown {
  if (text === '') return undefined;
  const parsed = parseJson(text, z.unknown());
  return parsed.success ? parsed.value : text;
}
