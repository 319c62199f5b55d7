import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** Sends a complete response with an exact Content-Length. */
export function sendText(
  response: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Sends a JSON body. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  sendText(response, status, 'application/json', JSON.stringify(body), headers);
}

/** Sends the 200 status line and SSE headers at once, before any event. */
export function startEventStream(response: ServerResponse): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  response.flushHeaders();
}

/** Writes one SSE event whose `data:` is `data` as it is (JSON text, `[DONE]`, or garbage). */
export function writeEvent(response: ServerResponse, data: string): void {
  response.write(`data: ${data}\n\n`);
}

/**
 * Writes `text` and then destroys the socket, once the text has reached it, so the client
 * sees the bytes and then a connection closed before the response was complete.
 */
export function writeThenCut(response: ServerResponse, text: string): void {
  response.write(text, () => response.destroy());
}

/**
 * Waits `ms`, resolving true, or false as soon as `signal` aborts (the client went away or
 * the server closed): the caller then stops writing.
 */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms > 0) {
    try {
      await sleep(ms, undefined, { signal });
    } catch {
      return false;
    }
  }
  return !signal.aborted;
}
