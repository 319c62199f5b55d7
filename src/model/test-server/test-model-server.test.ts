import { describe, expect, test } from 'vitest';
import type { ChunkBody, CompletionBody } from './openai-wire-format.ts';
import { eventDataOf, readResponseBody } from './read-response-body.ts';
import type { Reply } from './script.ts';
import { startTestModelServer, type TestModelServer } from './test-model-server.ts';

// Bodies are read back as the wire types the server writes; the assertions check their values.
const jsonOf = <Body>(response: Response) => response.json() as Promise<Body>;
const chunkOf = (data: string) => JSON.parse(data) as ChunkBody;

function chat(server: TestModelServer, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${server.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
    body: JSON.stringify({ model: 'gpt-test', ...body }),
  });
}

const ask = (text: string) => ({ messages: [{ role: 'user', content: text }] });

async function serverWith(...replies: Reply[]) {
  return startTestModelServer({ replies });
}

describe('test model server, normal replies', () => {
  test('answers a non-streaming request with a chat.completion in the OpenAI wire format', async () => {
    await using server = await serverWith({
      text: 'Hello there',
      usage: { promptTokens: 7, completionTokens: 3 },
    });
    const response = await chat(server, ask('hi'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await jsonOf<CompletionBody>(response);
    expect(body).toEqual({
      id: 'chatcmpl-test-1',
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-test',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello there', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 },
      system_fingerprint: null,
    });
    expect(Math.abs(body.created - Date.now() / 1000)).toBeLessThan(5);
  });

  test('sends tool calls with made-up ids, JSON-text arguments and finish_reason tool_calls', async () => {
    await using server = await serverWith({
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'call_given', name: 'raw', arguments: '{"not": json' },
      ],
    });
    const body = await jsonOf<CompletionBody>(await chat(server, ask('weather?')));
    expect(body.choices[0]!.message).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: [
        {
          id: 'call_0_0',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
        {
          id: 'call_given',
          type: 'function',
          function: { name: 'raw', arguments: '{"not": json' },
        },
      ],
    });
    expect(body.choices[0]!.finish_reason).toBe('tool_calls');
  });

  test('counts a token for every four characters when usage is not scripted', async () => {
    await using server = await serverWith({ text: '12345678', finishReason: 'length' });
    const body = await jsonOf<CompletionBody>(await chat(server, ask('abcdefghijklmnop')));
    expect(body.usage).toEqual({ prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 });
    expect(body.choices[0]!.finish_reason).toBe('length');
  });

  test('streams SSE chunks ending in [DONE], with a usage chunk when include_usage is set', async () => {
    await using server = await serverWith({
      text: 'Hello there, world',
      usage: { promptTokens: 5, completionTokens: 4 },
    });
    const response = await chat(server, {
      ...ask('hi'),
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const data = eventDataOf((await readResponseBody(response)).text);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map(chunkOf);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        id: 'chatcmpl-test-1',
        object: 'chat.completion.chunk',
        model: 'gpt-test',
      });
    }
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'Hello th' },
      { content: 'ere, wor' },
      { content: 'ld' },
      {},
      undefined,
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([
      null,
      null,
      null,
      null,
      'stop',
      undefined,
    ]);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
    });
  });

  test('streams without any usage field when include_usage is not set', async () => {
    await using server = await serverWith({ text: 'Hi' });
    const data = eventDataOf(
      (await readResponseBody(await chat(server, { ...ask('hi'), stream: true }))).text,
    );
    const chunks = data.slice(0, -1).map(chunkOf);
    expect(chunks).toHaveLength(3);
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  test('streams each tool call as a head with id and name, then its arguments over several chunks', async () => {
    await using server = await serverWith({
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
    });
    const data = eventDataOf(
      (await readResponseBody(await chat(server, { ...ask('hi'), stream: true }))).text,
    );
    const deltas = data.slice(0, -1).map((line) => chunkOf(line).choices[0]!.delta);
    expect(deltas).toEqual([
      { role: 'assistant', content: null, refusal: null },
      {
        tool_calls: [
          {
            index: 0,
            id: 'call_0_0',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
      {},
    ]);
    expect(chunkOf(data.at(-2)!).choices[0]!.finish_reason).toBe('tool_calls');
  });

  test('waits latencyMs before answering and chunkDelayMs between chunks', async () => {
    await using server = await serverWith({
      text: 'abcdefghijklmnop',
      latencyMs: 150,
      chunkDelayMs: 60,
    });
    const started = Date.now();
    const response = await chat(server, { ...ask('hi'), stream: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await readResponseBody(response);
    // 1 role chunk + 2 text chunks + 1 finish chunk: three gaps after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140 + 3 * 55);
  });
});
