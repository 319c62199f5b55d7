import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus, type RunEvent } from '../events/index.ts';
import { Journal } from '../journal/index.ts';
import { ModelCatalog } from './model-catalog.ts';
import { ModelGateway, type ModelGatewayOptions } from './model-gateway.ts';
import { modelSettingsSchema, type ModelSettings } from './model-settings.ts';
import type { ScriptedReply } from './scripted-session.ts';
import { ScriptedModel } from './scripted-model.ts';
import type { LanguageModelV4 } from '@ai-sdk/provider';

/** A journal in a fresh temp directory, with one run created, for gateway tests. */
export function openTestJournal(runId = 'run_test'): Journal {
  const journal = Journal.open(join(mkdtempSync(join(tmpdir(), 'loki-journal-')), 'journal.db'));
  journal.createRun({
    runId,
    prd: '# PRD',
    prdPath: null,
    outDir: '/tmp/out',
    settings: {},
    createdAt: 0,
  });
  return journal;
}

export interface TestGateway<Model extends LanguageModelV4> {
  gateway: ModelGateway;
  model: Model;
  events: RunEvent[];
  journal: Journal;
}

/**
 * A gateway over a scripted model (or any model given), a real journal and a recording event
 * bus, with instant sleeps: what most gateway and stage tests need.
 */
export function createTestGateway<Model extends LanguageModelV4 = ScriptedModel>(options: {
  replies?: ScriptedReply[];
  model?: Model;
  settings?: Partial<ModelSettings> & Record<string, unknown>;
  journal?: Journal;
  runId?: string;
  overrides?: Partial<ModelGatewayOptions>;
}): TestGateway<Model> {
  const runId = options.runId ?? 'run_test';
  const journal = options.journal ?? openTestJournal(runId);
  // Without a model of its own, the caller gets the scripted one (the default type argument).
  const model =
    options.model ??
    (new ScriptedModel('test-session', {
      replies: options.replies ?? [],
    }) as LanguageModelV4 as Model);
  const settings = modelSettingsSchema.parse({
    model: 'scripted/test-session',
    ...options.settings,
  });
  const catalog = new ModelCatalog(settings, {}, () => model);
  const events: RunEvent[] = [];
  const bus = new EventBus(runId, { now: () => 1_000 });
  bus.subscribe((event) => events.push(event));
  const gateway = new ModelGateway({
    catalog,
    runId,
    journal,
    events: bus,
    sleep: () => Promise.resolve(),
    ...options.overrides,
  });
  return { gateway, model, events, journal };
}
