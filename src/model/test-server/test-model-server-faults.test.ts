import { describe, expect, test } from 'vitest';
import type { ChunkBody, ErrorBody } from './openai-wire-format.ts';
import { eventDataOf, readResponseBody } from './read-response-body.ts';
import type { Reply } from './script.ts';
import { startTestModelServer, type TestModelServer } from './test-model-server.ts';
import { truncatedText } from './write-fault.ts';

// Bodies are read back as the wire types the server writes; the assertions check their values.
const jsonOf = <Body>(response: Response) => response.json() as Promise<Body>;
const chunkOf = (data: string) => JSON.parse(data) as ChunkBody;

function chat(server: TestModelServer, stream: boolean, signal?: AbortSignal): Promise<Response> {
  return fetch(`${server.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream }),
    signal: signal ?? null,
  });
}

const serverWith = (...replies: Reply[]) => startTestModelServer({ replies });

describe('test model server, faults over raw HTTP', () => {
  test('rate-limit answers 429 with Retry-After and an OpenAI error body', async () => {
    await using server = await serverWith(
      { fault: 'rate-limit', retryAfterSeconds: 7 },
      { fault: 'rate-limit' },
    );
    const response = await chat(server, false);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await jsonOf<ErrorBody>(response)).toEqual({
      error: {
        message: 'Rate limit reached for m (scripted by the test model server).',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    const withoutHeader = await chat(server, true);
    expect(withoutHeader.status).toBe(429);
    expect(withoutHeader.headers.has('retry-after')).toBe(false);
  });

  test('server-error answers 500, or the scripted status, with an OpenAI error body', async () => {
    await using server = await serverWith(
      { fault: 'server-error' },
      { fault: 'server-error', status: 503 },
    );
    const first = await chat(server, false);
    expect(first.status).toBe(500);
    expect((await jsonOf<ErrorBody>(first)).error).toMatchObject({
      type: 'server_error',
      code: null,
    });
    expect((await chat(server, true)).status).toBe(503);
  });

  test('stall never answers a non-streaming request: the client times out', async () => {
    await using server = await serverWith({ fault: 'stall' });
    const failure = await chat(server, false, AbortSignal.timeout(200)).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DOMException);
    expect((failure as DOMException).name).toBe('TimeoutError');
    expect(server.requests[0]!.replyIndex).toBe(0);
  });

  test('stall sends a streaming request the 200 headers and the role chunk, then nothing', async () => {
    await using server = await serverWith({ fault: 'stall' });
    const response = await chat(server, true, AbortSignal.timeout(300));
    expect(response.status).toBe(200);
    const { text, error } = await readResponseBody(response);
    expect(eventDataOf(text).map((data) => chunkOf(data).choices[0]!.delta)).toEqual([
      { role: 'assistant', content: '' },
    ]);
    expect((error as DOMException).name).toBe('TimeoutError');
  });

  test('truncated-stream cuts a non-streaming body half-way: fetch sees "terminated"', async () => {
    await using server = await serverWith({ fault: 'truncated-stream' });
    const response = await chat(server, false);
    expect(response.status).toBe(200);
    const promised = Number(response.headers.get('content-length'));
    const { text, error } = await readResponseBody(response);
    expect(text.length).toBe(Math.floor(promised / 2));
    expect(text.startsWith('{"id":"chatcmpl-test-1","object":"chat.completion","created":')).toBe(
      true,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('terminated');
  });

  test('truncated-stream sends the role chunk and part of the content, then cuts: no finish, no [DONE]', async () => {
    await using server = await serverWith({ fault: 'truncated-stream' });
    const { text, error } = await readResponseBody(await chat(server, true));
    const chunks = eventDataOf(text).map(chunkOf);
    expect(chunks.map((chunk) => chunk.choices[0]!.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: truncatedText },
    ]);
    expect(chunks.every((chunk) => chunk.choices[0]!.finish_reason === null)).toBe(true);
    expect((error as TypeError).message).toBe('terminated');
  });

  test('malformed-json answers a non-streaming request 200 with a body that is not JSON', async () => {
    await using server = await serverWith({ fault: 'malformed-json' });
    const response = await chat(server, false);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const text = await response.text();
    expect(text.startsWith('{"id":"chatcmpl-test-1"')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  test('malformed-json streams the role chunk, one data line that is not JSON, then [DONE]', async () => {
    await using server = await serverWith({ fault: 'malformed-json' });
    const { text, error } = await readResponseBody(await chat(server, true));
    expect(error).toBeUndefined();
    const [role, broken, done, ...rest] = eventDataOf(text);
    expect(chunkOf(role!).choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect(() => JSON.parse(broken!) as unknown).toThrow(SyntaxError);
    expect(done).toBe('[DONE]');
    expect(rest).toEqual([]);
  });
});
