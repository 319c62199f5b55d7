import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import {
  APICallError,
  type LanguageModelV4CallOptions,
  type LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { describe, expect, test } from 'vitest';
import type { Reply } from './script.ts';
import { startTestModelServer, type TestModelServer } from './test-model-server.ts';
import { truncatedText } from './write-fault.ts';

// These tests document what the real provider code path does with each streamed reply, so
// the model gateway can be written against observed behaviour rather than guesses.

const modelOf = (server: TestModelServer) =>
  createOpenAICompatible({
    name: 'test',
    baseURL: server.baseUrl,
    supportsStructuredOutputs: true,
    includeUsage: true,
  }).chatModel('test-model');

const hi: LanguageModelV4CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
};

/** The parts a stream gave before it ended, and the error it ended with, if any. */
async function readParts(stream: ReadableStream<LanguageModelV4StreamPart>) {
  const parts: LanguageModelV4StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

async function streamReply(reply: Reply, options: Partial<LanguageModelV4CallOptions> = {}) {
  await using server = await startTestModelServer({ replies: [reply] });
  const { stream } = await modelOf(server).doStream({ ...hi, ...options });
  return await readParts(stream);
}

async function streamFailure(reply: Reply) {
  await using server = await startTestModelServer({ replies: [reply] });
  return await modelOf(server)
    .doStream(hi)
    .then(
      () => expect.fail('doStream should have failed'),
      (error: unknown) => error,
    );
}

const opening = [
  { type: 'stream-start', warnings: [] },
  {
    type: 'response-metadata',
    id: 'chatcmpl-test-1',
    modelId: 'test-model',
    timestamp: expect.any(Date),
  },
];

describe('openai-compatible doStream against the test model server', () => {
  test('streams text deltas and finishes with the reason and the usage chunk', async () => {
    await using server = await startTestModelServer({
      replies: [{ text: 'Hello there', usage: { promptTokens: 11, completionTokens: 7 } }],
    });
    const { parts, error } = await readParts((await modelOf(server).doStream(hi)).stream);
    expect(error).toBeUndefined();
    expect(parts).toEqual([
      ...opening,
      { type: 'text-start', id: 'txt-0' },
      { type: 'text-delta', id: 'txt-0', delta: 'Hello th' },
      { type: 'text-delta', id: 'txt-0', delta: 'ere' },
      { type: 'text-end', id: 'txt-0' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 11, noCache: 11, cacheRead: 0, cacheWrite: undefined },
          outputTokens: { total: 7, text: 7, reasoning: 0 },
          raw: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
        },
        providerMetadata: { test: {} },
      },
    ]);
    expect(server.requests[0]).toMatchObject({
      stream: true,
      body: { stream_options: { include_usage: true } },
    });
  });

  test('streams a tool call as input start, argument deltas, end, then the whole call', async () => {
    const tools = [
      { type: 'function' as const, name: 'get_weather', inputSchema: { type: 'object' as const } },
    ];
    const { parts } = await streamReply(
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { tools },
    );
    expect(parts.filter((part) => part.type.startsWith('tool-'))).toEqual([
      { type: 'tool-input-start', id: 'call_0_0', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'call_0_0', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'call_0_0', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'call_0_0' },
      {
        type: 'tool-call',
        toolCallId: 'call_0_0',
        toolName: 'get_weather',
        input: '{"city":"Paris"}',
      },
    ]);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    });
  });

  test('rate-limit and server-error: doStream itself rejects with a retryable APICallError', async () => {
    const limited = (await streamFailure({
      fault: 'rate-limit',
      retryAfterSeconds: 3,
    })) as APICallError;
    expect(APICallError.isInstance(limited)).toBe(true);
    expect(limited).toMatchObject({ statusCode: 429, isRetryable: true });
    expect(limited.responseHeaders?.['retry-after']).toBe('3');
    const failed = (await streamFailure({ fault: 'server-error' })) as APICallError;
    expect(failed).toMatchObject({ statusCode: 500, isRetryable: true });
  });

  test('truncated stream: parts up to the cut, then the stream throws; no finish part, no error part', async () => {
    const { parts, error } = await streamReply({ fault: 'truncated-stream' });
    expect(parts).toEqual([
      ...opening,
      { type: 'text-start', id: 'txt-0' },
      { type: 'text-delta', id: 'txt-0', delta: truncatedText },
    ]);
    expect(APICallError.isInstance(error)).toBe(true);
    const failure = error as APICallError;
    expect(failure.message).toBe('Failed to process successful response');
    expect(failure.statusCode).toBe(200);
    expect(failure.isRetryable).toBe(true);
    expect((failure.cause as TypeError).message).toBe('terminated');
  });

  test('malformed JSON line: an error part (AI_JSONParseError), then finish "error" with no usage', async () => {
    const { parts, error } = await streamReply({ fault: 'malformed-json' });
    expect(error).toBeUndefined();
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'error',
      'finish',
    ]);
    const errorPart = parts[2] as Extract<LanguageModelV4StreamPart, { type: 'error' }>;
    expect((errorPart.error as Error).name).toBe('AI_JSONParseError');
    expect(APICallError.isInstance(errorPart.error)).toBe(false);
    expect(parts[3]).toEqual({
      type: 'finish',
      finishReason: { unified: 'error', raw: undefined },
      usage: {
        inputTokens: {
          total: undefined,
          noCache: undefined,
          cacheRead: undefined,
          cacheWrite: undefined,
        },
        outputTokens: { total: undefined, text: undefined, reasoning: undefined },
      },
      providerMetadata: { test: {} },
    });
  });

  test('stall: doStream resolves on the headers; reading then rejects with the abort DOMException', async () => {
    const aborted = new AbortController();
    setTimeout(() => aborted.abort(), 150);
    const byAbort = await streamReply({ fault: 'stall' }, { abortSignal: aborted.signal });
    expect(byAbort.parts).toEqual(opening);
    expect(byAbort.error).toBeInstanceOf(DOMException);
    expect((byAbort.error as DOMException).name).toBe('AbortError');
    const byTimeout = await streamReply(
      { fault: 'stall' },
      { abortSignal: AbortSignal.timeout(150) },
    );
    expect(byTimeout.parts).toEqual(opening);
    expect((byTimeout.error as DOMException).name).toBe('TimeoutError');
  });

  test('exhausted script: doStream rejects with a non-retryable APICallError 400', async () => {
    const error = (await streamFailure({
      text: 'unused',
      match: { promptIncludes: 'zzz' },
    })) as APICallError;
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false });
  });
});
