import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { ModelCatalog } from './model-catalog.ts';
import { ModelGateway } from './model-gateway.ts';
import { modelSettingsSchema } from './model-settings.ts';
import type { ModelRequest } from './model-request.ts';
import { ScriptedModel } from './scripted-model.ts';
import { createTestGateway } from './testing.ts';
import { EventBus } from '../events/index.ts';

const ask = (text: string, overrides: Partial<ModelRequest> = {}): ModelRequest => ({
  role: 'planner',
  stage: 'decomposition',
  agent: 'planner',
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  ...overrides,
});

describe('ModelGateway', () => {
  it('answers from the model, journals the exchange with usage and cost, and reports events', async () => {
    const { gateway, journal, events } = createTestGateway({
      replies: [{ text: 'hello', usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } }],
      settings: {
        prices: { 'scripted/test-session': { inputPerMillionUsd: 3, outputPerMillionUsd: 15 } },
      },
    });
    const reply = await gateway.generate(ask('hi'));
    expect(reply).toMatchObject({
      text: 'hello',
      costUsd: 18,
      fromJournal: false,
      model: 'scripted/test-session',
    });
    const [call] = journal.listModelCalls('run_test');
    expect(call).toMatchObject({
      stage: 'decomposition',
      agent: 'planner',
      role: 'planner',
      inputTokens: 1_000_000,
      costUsd: 18,
    });
    expect(events.map((event) => event.type)).toEqual([
      'model-call-started',
      'model-call-finished',
    ]);
    expect(journal.usageTotals('run_test').byRole['planner']?.costUsd).toBe(18);
  });

  it('serves a request already answered in this run from the journal, without calling the model', async () => {
    const first = createTestGateway({ replies: [{ text: 'one' }] });
    await first.gateway.generate(ask('same'));
    const model = new ScriptedModel('test-session', { replies: [] });
    const resumed = createTestGateway({ model, journal: first.journal });
    const reply = await resumed.gateway.generate(ask('same'));
    expect(reply).toMatchObject({ text: 'one', fromJournal: true, costUsd: 0 });
    expect(model.calls).toHaveLength(0);
    expect(resumed.events.at(-1)).toMatchObject({ type: 'model-call-finished', fromJournal: true });
  });

  it('keeps repeated identical requests apart: each occurrence is served by its own recording', async () => {
    const first = createTestGateway({ replies: [{ text: 'again', repeat: true }] });
    await first.gateway.generate(ask('same'));
    const model = new ScriptedModel('test-session', { replies: [{ text: 'fresh', repeat: true }] });
    const resumed = createTestGateway({ model, journal: first.journal });
    expect((await resumed.gateway.generate(ask('same'))).fromJournal).toBe(true);
    const second = await resumed.gateway.generate(ask('same'));
    expect(second).toMatchObject({ text: 'fresh', fromJournal: false });
    expect(model.calls).toHaveLength(1);
  });

  it('never writes a secret from the environment into the journal', async () => {
    const secret = 'sk-live-0123456789abcdefghij';
    const { gateway, journal } = createTestGateway({
      replies: [{ text: `echo ${secret}` }],
      overrides: { secrets: [secret] },
    });
    await gateway.generate(ask(`my key is ${secret}`));
    const stored = JSON.stringify(journal.listModelCalls('run_test'));
    expect(stored).not.toContain(secret);
    expect(stored).toContain('[REDACTED]');
  });

  it('makes no call once the run is stopped, and throws the stop reason', async () => {
    const controller = new AbortController();
    const reason = new LokiError({
      code: 'limit.budget',
      category: 'limit-reached',
      message: 'budget',
    });
    controller.abort(reason);
    const { gateway, model } = createTestGateway({
      replies: [{ text: 'x' }],
      overrides: { signal: controller.signal },
    });
    await expect(gateway.generate(ask('hi'))).rejects.toBe(reason);
    expect(model.calls).toHaveLength(0);
  });

  it('warns once when a model has no known price, instead of pretending it is free', async () => {
    const model = new ScriptedModel('x', { replies: [{ text: 'a', repeat: true }] });
    const settings = modelSettingsSchema.parse({ model: 'openai/some-new-model' });
    const bus = new EventBus('run_test', { now: () => 0 });
    const warnings: string[] = [];
    bus.subscribe((event) => event.type === 'warning-raised' && warnings.push(event.message));
    const { journal } = createTestGateway({});
    const gateway = new ModelGateway({
      catalog: new ModelCatalog(settings, {}, () => model),
      runId: 'run_test',
      journal,
      events: bus,
    });
    await gateway.generate(ask('one'));
    await gateway.generate(ask('two'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no price is known for openai\/some-new-model/);
  });

  it('holds each provider to its concurrency limit', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: LanguageModelV4 = {
      specificationVersion: 'v4',
      provider: 'scripted',
      modelId: 'slow',
      supportedUrls: {},
      doGenerate: () => Promise.reject(new Error('unused')),
      async doStream(_options: LanguageModelV4CallOptions) {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        return new ScriptedModel('slow', { replies: [{ text: 'ok', repeat: true }] }).doStream(
          _options,
        );
      },
    };
    const { gateway } = createTestGateway({
      model: slow,
      settings: { providers: { scripted: { maxConcurrentCalls: 2 } } },
    });
    await Promise.all(
      Array.from({ length: 6 }, (_, index) => gateway.generate(ask(`call ${index}`))),
    );
    expect(most).toBe(2);
  });
});
