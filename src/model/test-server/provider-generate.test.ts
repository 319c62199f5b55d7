import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, type LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, test } from 'vitest';
import type { Reply } from './script.ts';
import { startTestModelServer, type TestModelServer } from './test-model-server.ts';

// These tests document what the real provider code path does with each reply, so the model
// gateway can be written against observed behaviour rather than guesses.

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

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'The weather in a city',
  inputSchema: { type: 'object' as const, properties: { city: { type: 'string' as const } } },
};

async function generateFailure(reply: Reply, options: Partial<LanguageModelV4CallOptions> = {}) {
  await using server = await startTestModelServer({ replies: [reply] });
  // Awaited here, so the server is still up while the call runs.
  return await modelOf(server)
    .doGenerate({ ...hi, ...options })
    .then(
      () => expect.fail('doGenerate should have failed'),
      (error: unknown) => error,
    );
}

describe('openai-compatible doGenerate against the test model server', () => {
  test('returns the text, the finish reason and the scripted usage', async () => {
    await using server = await startTestModelServer({
      replies: [{ text: 'Hello there', usage: { promptTokens: 11, completionTokens: 7 } }],
    });
    const result = await modelOf(server).doGenerate(hi);
    expect(result.content).toEqual([{ type: 'text', text: 'Hello there' }]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.usage.inputTokens).toEqual({
      total: 11,
      noCache: 11,
      cacheRead: 0,
      cacheWrite: undefined,
    });
    expect(result.usage.outputTokens).toEqual({ total: 7, text: 7, reasoning: 0 });
    expect(result.response?.id).toBe('chatcmpl-test-1');
    expect(result.response?.modelId).toBe('test-model');
  });

  test('returns tool calls with their JSON input, and sent the tools in OpenAI form', async () => {
    await using server = await startTestModelServer({
      replies: [
        { toolCalls: [{ id: 'call_w', name: 'get_weather', arguments: { city: 'Paris' } }] },
      ],
    });
    const result = await modelOf(server).doGenerate({ ...hi, tools: [weatherTool] });
    expect(result.content).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_w',
        toolName: 'get_weather',
        input: '{"city":"Paris"}',
      },
    ]);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    const sent = server.requests[0]!.body as { tools: unknown; stream?: unknown };
    expect(sent.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'The weather in a city',
          parameters: weatherTool.inputSchema,
        },
      },
    ]);
    expect(sent.stream).toBeUndefined();
    expect(server.requests[0]!.stream).toBe(false);
  });

  test('maps finish_reason length to length', async () => {
    await using server = await startTestModelServer({
      replies: [{ text: 'cut', finishReason: 'length' }],
    });
    const result = await modelOf(server).doGenerate(hi);
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'length' });
  });

  test('rate-limit: throws a retryable APICallError 429 carrying Retry-After and the error body', async () => {
    const error = await generateFailure({ fault: 'rate-limit', retryAfterSeconds: 3 });
    expect(APICallError.isInstance(error)).toBe(true);
    const failure = error as APICallError;
    expect(failure.statusCode).toBe(429);
    expect(failure.isRetryable).toBe(true);
    expect(failure.responseHeaders?.['retry-after']).toBe('3');
    expect(failure.message).toBe(
      'Rate limit reached for test-model (scripted by the test model server).',
    );
    expect(failure.data).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
  });

  test('server-error: throws a retryable APICallError with the status', async () => {
    for (const status of [500, 503]) {
      const error = (await generateFailure({ fault: 'server-error', status })) as APICallError;
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.statusCode).toBe(status);
      expect(error.isRetryable).toBe(true);
      expect(error.responseHeaders?.['retry-after']).toBeUndefined();
    }
  });

  test('truncated body: throws a retryable APICallError, status 200, caused by fetch "terminated"', async () => {
    const error = (await generateFailure({ fault: 'truncated-stream' })) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe('Failed to process successful response');
    expect(error.statusCode).toBe(200);
    // Retryable only because the provider finds undici's socket error (UND_ERR_SOCKET) in the causes.
    expect(error.isRetryable).toBe(true);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as TypeError).message).toBe('terminated');
  });

  test('malformed JSON: throws an APICallError "Invalid JSON response" that is NOT retryable', async () => {
    const error = (await generateFailure({ fault: 'malformed-json' })) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe('Invalid JSON response');
    expect(error.statusCode).toBe(200);
    expect(error.isRetryable).toBe(false);
    expect((error.cause as Error).name).toBe('AI_JSONParseError');
    expect(error.responseBody).toContain('"content":"oops');
  });

  test('stall: an aborted signal rejects with the DOMException itself, not an APICallError', async () => {
    const aborted = new AbortController();
    setTimeout(() => aborted.abort(), 100);
    const abortError = (await generateFailure(
      { fault: 'stall' },
      { abortSignal: aborted.signal },
    )) as DOMException;
    expect(abortError).toBeInstanceOf(DOMException);
    expect(abortError.name).toBe('AbortError');
    const timeoutError = await generateFailure(
      { fault: 'stall' },
      { abortSignal: AbortSignal.timeout(100) },
    );
    expect(timeoutError).toBeInstanceOf(DOMException);
    expect((timeoutError as DOMException).name).toBe('TimeoutError');
    expect(APICallError.isInstance(timeoutError)).toBe(false);
  });

  test('exhausted script: throws a non-retryable APICallError 400 with the server message', async () => {
    const error = (await generateFailure({
      text: 'unused',
      match: { promptIncludes: 'zzz' },
    })) as APICallError;
    expect(error.statusCode).toBe(400);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe(
      `the test model server's script has no reply left for this request (last user message: "hi"; 1 unused reply does not match it)`,
    );
  });
});
