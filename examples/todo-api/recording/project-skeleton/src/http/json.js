import { HttpError, validationError } from './errors.js';

/** The largest request body accepted, in bytes; a larger one is answered with 413. */
export const maxBodyBytes = 64 * 1024;

/**
 * Sends `body` as JSON; a 204, or a reply without a body, sends no body at all.
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {unknown} [body]
 * @param {Record<string, string>} [headers]
 */
export function sendJson(response, status, body, headers = {}) {
  if (status === 204 || body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/**
 * Reads a request body as JSON. An empty or malformed body is a validation error on `body`; a
 * body over `maxBytes` is 413, read to its end without being kept so the answer reaches the client.
 * @param {import('node:http').IncomingMessage} request
 * @param {number} [maxBytes]
 * @returns {Promise<unknown>}
 */
export async function readJsonBody(request, maxBytes = maxBodyBytes) {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw payloadTooLarge(maxBytes);
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) throw payloadTooLarge(maxBytes);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw validationError({ body: 'required: send a JSON object' });
  try {
    return JSON.parse(text);
  } catch {
    throw validationError({ body: 'must be valid JSON' });
  }
}

/** @param {number} maxBytes */
function payloadTooLarge(maxBytes) {
  return new HttpError(413, 'payload_too_large', `the body must be at most ${maxBytes} bytes`, {
    headers: { connection: 'close' },
  });
}
