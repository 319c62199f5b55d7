import { describe, expect, test, vi } from 'vitest';
import { LokiError } from '../../core/index.ts';
import type { CompletionBody, ErrorBody } from './openai-wire-format.ts';
import { readResponseBody } from './read-response-body.ts';
import type { Reply } from './script.ts';
import { startTestModelServer, type TestModelServer } from './test-model-server.ts';

// Bodies are read back as the wire types the server writes; the assertions check their values.
const jsonOf = <Body>(response: Response) => response.json() as Promise<Body>;

function chat(server: TestModelServer, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${server.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test': 'yes' },
    body: JSON.stringify(body),
    signal: signal ?? null,
  });
}

const ask = (text: string, extra: Record<string, unknown> = {}) => ({
  model: 'm',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: text },
  ],
  ...extra,
});

async function textOf(server: TestModelServer, prompt: string): Promise<string | null> {
  const body = await jsonOf<CompletionBody>(await chat(server, ask(prompt)));
  return body.choices[0]!.message.content;
}

describe('test model server, script and routes', () => {
  test('serves plain replies in order and picks matched replies out of the queue', async () => {
    const replies: Reply[] = [
      { text: 'first' },
      { text: 'for review', match: { promptIncludes: 'REVIEW' } },
      { text: 'second' },
    ];
    await using server = await startTestModelServer({ replies });
    expect(server.remaining()).toBe(3);
    expect(await textOf(server, 'please REVIEW this')).toBe('first');
    expect(await textOf(server, 'please REVIEW this too')).toBe('for review');
    expect(await textOf(server, 'anything')).toBe('second');
    expect(server.remaining()).toBe(0);
    const exhausted = await chat(server, ask('one more'));
    expect(exhausted.status).toBe(400);
    expect((await jsonOf<ErrorBody>(exhausted)).error.message).toContain(
      '(last user message: "one more"; every reply has been used)',
    );
    expect(server.requests.map((request) => request.replyIndex)).toEqual([0, 1, 2, null]);
  });

  test('matches promptIncludes against the text of every message, including array content', async () => {
    await using server = await startTestModelServer();
    server.enqueue({ text: 'system matched', match: { promptIncludes: 'terse' } });
    expect(await textOf(server, 'hi')).toBe('system matched');
    server.enqueue({ text: 'part matched', match: { promptIncludes: 'needle' } });
    const parts = {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'a needle' }] }],
    };
    expect(
      (await jsonOf<CompletionBody>(await chat(server, parts))).choices[0]!.message.content,
    ).toBe('part matched');
  });

  test('answers 400 naming the last user message when no reply is left for a request', async () => {
    await using server = await startTestModelServer({
      replies: [{ text: 'only for plans', match: { promptIncludes: 'PLAN' } }],
    });
    const response = await chat(server, ask(`write the code ${'x'.repeat(200)}`));
    expect(response.status).toBe(400);
    const body = await jsonOf<ErrorBody>(response);
    expect(body.error.code).toBe('script_exhausted');
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toContain('has no reply left for this request');
    expect(body.error.message).toContain('; 1 unused reply does not match it)');
    expect(body.error.message).toContain(`"write the code ${'x'.repeat(65)}…"`);
    expect(server.requests[0]!.replyIndex).toBeNull();
    expect(server.remaining()).toBe(1);
  });

  test('records every request: path, parsed body, headers, time, stream flag and reply', async () => {
    await using server = await startTestModelServer({ replies: [{ text: 'a' }, { text: 'b' }] });
    const before = Date.now();
    await (await chat(server, ask('one'))).text();
    await (await chat(server, ask('two', { stream: true }))).text();
    await (await fetch(`${server.baseUrl}/models`)).text();
    expect(server.requests).toHaveLength(3);
    const [first, second, third] = server.requests;
    expect(first).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      stream: false,
      replyIndex: 0,
    });
    expect(first!.body).toEqual(ask('one'));
    expect(first!.headers['x-test']).toBe('yes');
    expect(first!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(second).toMatchObject({ stream: true, replyIndex: 1 });
    expect(third).toMatchObject({
      method: 'GET',
      path: '/v1/models',
      body: undefined,
      replyIndex: null,
    });
  });

  test('lists one model, test-model, and answers 404 to anything else', async () => {
    await using server = await startTestModelServer();
    const models = await jsonOf<unknown>(await fetch(`${server.baseUrl}/models`));
    expect(models).toEqual({
      object: 'list',
      data: [
        {
          id: 'test-model',
          object: 'model',
          created: expect.any(Number),
          owned_by: 'loki-test-server',
        },
      ],
    });
    const missing = await fetch(`${server.baseUrl}/embeddings`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect((await jsonOf<ErrorBody>(missing)).error).toMatchObject({
      code: 'unknown_url',
      message: expect.stringContaining('POST /v1/embeddings'),
    });
  });

  test('answers 400 to a body that is not a chat-completions request, without using a reply', async () => {
    await using server = await startTestModelServer({ replies: [{ text: 'unused' }] });
    const response = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'POST',
      body: 'not json',
    });
    expect(response.status).toBe(400);
    expect((await jsonOf<ErrorBody>(response)).error.message).toBe(
      'the request body is not a chat-completions request: (root): Invalid input: expected object, received string',
    );
    expect(server.requests[0]!.body).toBe('not json');
    const noMessages = await chat(server, { model: 'm' });
    expect(noMessages.status).toBe(400);
    expect((await jsonOf<ErrorBody>(noMessages)).error.message).toContain(
      'messages: Invalid input: expected array',
    );
    expect(server.remaining()).toBe(1);
  });

  test('rejects an invalid reply with a bad-input LokiError naming the bad value', async () => {
    await using server = await startTestModelServer();
    const invalid = { fault: 'explode' } as unknown as Reply;
    const thrown = (() => {
      try {
        server.enqueue({ text: 'fine' }, invalid);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(LokiError.isInstance(thrown)).toBe(true);
    expect((thrown as LokiError).code).toBe('test-server.bad-reply');
    expect((thrown as LokiError).message).toContain('reply 1');
    expect((thrown as LokiError).message).toContain('unknown fault "explode"');
  });

  test('close() ends stalled requests, streaming or not, and resolves promptly', async () => {
    const server = await startTestModelServer({
      replies: [{ fault: 'stall' }, { fault: 'stall' }],
    });
    const plain = chat(server, ask('one')).then(
      () => 'answered',
      (error: unknown) => error,
    );
    const streamed = await chat(server, ask('two', { stream: true }));
    expect(streamed.status).toBe(200);
    const streamedBody = readResponseBody(streamed);
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(500);
    const plainOutcome = await plain;
    expect(plainOutcome).toBeInstanceOf(TypeError);
    expect((plainOutcome as TypeError).message).toBe('fetch failed');
    const { text, error } = await streamedBody;
    expect(text).toContain('"role":"assistant"');
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('terminated');
  });
});
