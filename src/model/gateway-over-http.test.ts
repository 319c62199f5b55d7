import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LokiError } from '../core/index.ts';
import { EventBus, type RunEvent } from '../events/index.ts';
import { generateObject } from './generate-object.ts';
import { ModelCatalog } from './model-catalog.ts';
import { ModelGateway } from './model-gateway.ts';
import type { ModelRequest } from './model-request.ts';
import { modelSettingsSchema } from './model-settings.ts';
import { startTestModelServer, type Reply, type TestModelServer } from './test-server/index.ts';
import { openTestJournal } from './testing.ts';

// The real provider path: @ai-sdk/openai-compatible over loopback HTTP, against scripted faults.

let server: TestModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(replies: Reply[], call: Record<string, unknown> = {}) {
  server = await startTestModelServer({ replies });
  const settings = modelSettingsSchema.parse({
    model: 'openai-compatible/test-model',
    baseUrl: server.baseUrl,
    call: {
      stallTimeoutMs: 300,
      timeoutMs: 2_000,
      initialRetryDelayMs: 1,
      maxRetryDelayMs: 5,
      ...call,
    },
  });
  const journal = openTestJournal();
  const events: RunEvent[] = [];
  const bus = new EventBus('run_test', { now: () => Date.now() });
  bus.subscribe((event) => events.push(event));
  const waits: number[] = [];
  const gateway = new ModelGateway({
    catalog: new ModelCatalog(settings, {}),
    runId: 'run_test',
    journal,
    events: bus,
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
  });
  return { gateway, journal, events, waits, server };
}

const ask = (text = 'hello'): ModelRequest => ({
  role: 'coder',
  stage: 'execution',
  agent: 'backend-1',
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
});

const retriedReasons = (events: RunEvent[]) =>
  events.flatMap((event) => (event.type === 'model-call-retried' ? [event.reason] : []));

describe.each([
  { mode: 'streaming', stream: true },
  { mode: 'plain', stream: false },
])('the gateway over HTTP ($mode)', ({ stream }) => {
  it('returns text and usage, and journals the exchange', async () => {
    const { gateway, journal } = await setUp(
      [{ text: 'Hi there', usage: { promptTokens: 11, completionTokens: 3 } }],
      { stream },
    );
    const reply = await gateway.generate(ask());
    expect(reply).toMatchObject({
      text: 'Hi there',
      usage: { inputTokens: 11, outputTokens: 3 },
      finishReason: 'stop',
    });
    expect(server!.requests[0]!.stream).toBe(stream);
    expect(journal.listModelCalls('run_test')[0]).toMatchObject({
      provider: 'openai-compatible',
      modelId: 'test-model',
      attempts: 1,
    });
  });

  it('returns tool calls with their input', async () => {
    const { gateway } = await setUp(
      [{ toolCalls: [{ name: 'write_file', arguments: { path: 'src/app.ts', content: 'x' } }] }],
      { stream },
    );
    const reply = await gateway.generate({
      ...ask(),
      tools: [
        {
          name: 'write_file',
          description: 'write a file',
          inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
        },
      ],
    });
    expect(reply.finishReason).toBe('tool-calls');
    expect(reply.toolCalls).toHaveLength(1);
    expect(reply.toolCalls[0]).toMatchObject({ toolName: 'write_file' });
    expect(JSON.parse(reply.toolCalls[0]!.input)).toEqual({ path: 'src/app.ts', content: 'x' });
    expect(server!.requests[0]!.body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'write_file' } }],
    });
  });

  it('survives a 429, waiting as long as Retry-After asks', async () => {
    const { gateway, waits, events } = await setUp(
      [{ fault: 'rate-limit', retryAfterSeconds: 2 }, { text: 'ok' }],
      { stream },
    );
    expect((await gateway.generate(ask())).text).toBe('ok');
    expect(waits).toEqual([2_000]);
    expect(retriedReasons(events)[0]).toMatch(/rate-limiting requests \(HTTP 429\)/);
    expect(server!.requests).toHaveLength(2);
  });

  it('survives a 500', async () => {
    const { gateway, events } = await setUp(
      [{ fault: 'server-error' }, { fault: 'server-error', status: 503 }, { text: 'ok' }],
      { stream },
    );
    expect((await gateway.generate(ask())).text).toBe('ok');
    expect(retriedReasons(events)).toHaveLength(2);
    expect(server!.requests).toHaveLength(3);
  });

  it('survives a stalled response', async () => {
    const { gateway, events } = await setUp([{ fault: 'stall' }, { text: 'ok' }], {
      stream,
      timeoutMs: 600,
    });
    expect((await gateway.generate(ask())).text).toBe('ok');
    expect(retriedReasons(events)[0]).toMatch(
      stream ? /stopped sending its reply for 300 ms/ : /did not finish its reply within 600 ms/,
    );
  });

  it('survives a response cut off half-way', async () => {
    const { gateway, events } = await setUp(
      [{ fault: 'truncated-stream' }, { text: 'whole answer' }],
      { stream },
    );
    expect((await gateway.generate(ask())).text).toBe('whole answer');
    expect(retriedReasons(events)[0]).toMatch(/cut off/);
  });

  it('survives malformed JSON from the server', async () => {
    const { gateway, events } = await setUp([{ fault: 'malformed-json' }, { text: 'ok' }], {
      stream,
    });
    expect((await gateway.generate(ask())).text).toBe('ok');
    expect(retriedReasons(events)[0]).toMatch(/not valid JSON/);
  });

  it('reports a server that keeps failing, after its retries, and journals the failure', async () => {
    const { gateway, journal, events } = await setUp(
      Array.from({ length: 4 }, () => ({ fault: 'server-error' as const })),
      { stream, maxRetries: 3 },
    );
    const failure = await gateway.generate(ask()).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(LokiError.isInstance(failure) && failure.code).toBe('model.server-error');
    expect((failure as LokiError).message).toMatch(
      /openai-compatible\/test-model failed with HTTP 500/,
    );
    expect((failure as LokiError).details['attempts']).toBe(4);
    expect(journal.listModelCalls('run_test')[0]).toMatchObject({ attempts: 4, response: null });
    expect(events.at(-1)).toMatchObject({ type: 'model-call-failed' });
  });
});

describe('structured output over HTTP', () => {
  it('sends the JSON schema as response_format json_schema and in the prompt', async () => {
    const { gateway } = await setUp([{ text: '{"items":["a"]}' }]);
    const { object } = await generateObject(gateway, ask('list'), {
      schema: z.object({ items: z.array(z.string()) }),
      name: 'list',
    });
    expect(object).toEqual({ items: ['a'] });
    const body = server!.requests[0]!.body as {
      response_format: { type: string; json_schema: { name: string; schema: unknown } };
      messages: { content: string }[];
    };
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'list', schema: { type: 'object' } },
    });
    expect(body.messages[0]!.content).toContain('"items"');
  });

  it('repairs, then re-asks with the problem, when the server only knows JSON mode', async () => {
    server = await startTestModelServer({
      replies: [{ text: 'Sure! {"items": "a"}' }, { text: '{"items": ["a"]}' }],
    });
    const settings = modelSettingsSchema.parse({
      model: 'vllm/test-model',
      providers: { vllm: { baseUrl: server.baseUrl, structuredOutputs: false } },
    });
    const gateway = new ModelGateway({
      catalog: new ModelCatalog(settings, {}),
      runId: 'run_test',
      journal: openTestJournal(),
      events: new EventBus('run_test', { now: () => 0 }),
    });
    const { object } = await generateObject(gateway, ask('list'), {
      schema: z.object({ items: z.array(z.string()) }),
      name: 'list',
    });
    expect(object).toEqual({ items: ['a'] });
    expect(server.requests[0]!.body).toMatchObject({ response_format: { type: 'json_object' } });
    expect(JSON.stringify(server.requests[1]!.body)).toContain('That reply cannot be used');
  });
});
