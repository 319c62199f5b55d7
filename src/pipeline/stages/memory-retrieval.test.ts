import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  memoryPromptSection,
  recordFailureFixed,
  type MemoryStore,
  type NewMemoryItem,
} from '../../memory/index.ts';
import { systemClock } from '../../core/index.ts';
import { EventBus } from '../../events/index.ts';
import { openTempMemoryStore } from '../../memory/testing.ts';
import { ScriptedModel, type ScriptedReply } from '../../model/index.ts';
import { createTestGateway } from '../../model/testing.ts';
import type { RunContext } from '../run-context.ts';
import { createMemoryRetrievalStage, retrieveMemory } from './memory-retrieval.ts';

const prd = {
  title: 'Todo API',
  text: '# Todo API\n\nA REST API for todos, stored in PostgreSQL.\n\n## Authentication\nUsers sign in with JWT tokens.',
};

const lesson = (content: string, extra: Partial<NewMemoryItem> = {}): NewMemoryItem => ({
  type: 'learned_lesson',
  content,
  ...extra,
});

const distilled = (...constraints: { text: string; lessonIds: string[] }[]): ScriptedReply => ({
  match: { stage: 'memory-retrieval', agent: 'distiller', role: 'planner' },
  object: { constraints },
});

function setUp(replies: ScriptedReply[] = []) {
  const { store, clock } = openTempMemoryStore();
  const model = new ScriptedModel('test-session', { replies });
  const test = createTestGateway({ model });
  const calls = () => model.calls;
  const promptOf = (index: number) => JSON.stringify(calls()[index]?.prompt);
  const retrieve = (memory: MemoryStore = store, windowSize?: number) =>
    retrieveMemory({ prd, gateway: test.gateway, memory }, { windowSize });
  return { store, clock, calls, promptOf, retrieve, journal: test.journal };
}

describe('retrieveMemory', () => {
  it('makes no model call when no lesson applies to the PRD', async () => {
    const { store, calls, retrieve } = setUp();
    expect(await retrieve()).toEqual({ lessons: [], constraints: [] });
    await store.write(lesson('Print labels in Zebra printer language'));
    expect(await retrieve()).toEqual({ lessons: [], constraints: [] });
    expect(calls()).toHaveLength(0);
  });

  it('distills the window through the planner, citing lessons, and journals the call', async () => {
    const { store, retrieve, promptOf, journal } = setUp([
      distilled({
        text: 'Rotate JWT signing keys; never hard-code them',
        lessonIds: ['mem_1', 'mem_1'],
      }),
    ]);
    await store.write(lesson('CRITICAL: JWT secrets leaked from source code once'));
    await store.write(
      lesson('PostgreSQL pools must be closed on shutdown', { tags: ['postgres'] }),
    );
    const result = await retrieve();
    expect(result.lessons.map((item) => [item.id, item.critical])).toEqual([
      ['mem_1', true],
      ['mem_2', false],
    ]);
    expect(result.constraints).toEqual([
      { text: 'Rotate JWT signing keys; never hard-code them', lessonIds: ['mem_1'] },
    ]);
    const prompt = promptOf(0);
    expect(prompt).toContain('[mem_1] (CRITICAL) CRITICAL: JWT secrets leaked');
    expect(prompt).toContain('[mem_2] (tags: postgres) PostgreSQL pools');
    expect(prompt).toContain('A REST API for todos');
    expect(journal.listModelCalls('run_test')).toEqual([
      expect.objectContaining({ stage: 'memory-retrieval', agent: 'distiller', role: 'planner' }),
    ]);
  });

  it('sends back a distillation that cites a lesson outside the window', async () => {
    const { store, retrieve, calls, promptOf } = setUp([
      distilled({ text: 'Use migrations', lessonIds: ['mem_1', 'mem_999'] }),
      distilled({
        text: 'Use migrations for every PostgreSQL schema change',
        lessonIds: ['mem_1'],
      }),
    ]);
    await store.write(lesson('Change the PostgreSQL schema only through migrations'));
    const result = await retrieve();
    expect(calls()).toHaveLength(2);
    expect(promptOf(1)).toContain(
      'constraints.0.lessonIds cites \\"mem_999\\", which is not one of the lessons shown; cite only these ids: mem_1',
    );
    expect(result.constraints).toEqual([
      { text: 'Use migrations for every PostgreSQL schema change', lessonIds: ['mem_1'] },
    ]);
  });

  it('fills a window of 20 with critical lessons alone when more than 20 apply', async () => {
    const { store, clock, retrieve, promptOf } = setUp([distilled()]);
    for (let index = 1; index <= 25; index++) {
      await store.write(lesson(`CRITICAL: todo API rule number ${index}`, { severity: 'info' }));
    }
    clock.time = 10_000;
    for (let index = 1; index <= 5; index++) {
      await store.write(lesson(`Recent todo API advice ${index}`));
    }
    const { lessons } = await retrieve();
    expect(lessons).toHaveLength(20);
    expect(lessons.every((item) => item.critical)).toBe(true);
    expect(promptOf(0)).not.toContain('Recent todo API advice');
  });

  it('puts a relevant critical lesson before recent ones, and leaves out unrelated and superseded lessons', async () => {
    const { store, clock, retrieve } = setUp([distilled()]);
    await store.write(
      lesson('Hash passwords for authentication with argon2', { tags: ['critical'] }),
    );
    clock.time = 5_000;
    await store.write(lesson('Todo lists need stable ordering'));
    await store.write(lesson('Store todos with their creation time'));
    await store.write(lesson('Use Jest for API tests'));
    await store.write(lesson('Use Vitest for API tests'));
    await store.supersede('mem_4', 'mem_5');
    clock.time = 9_000;
    await store.write(lesson('Compress images before upload'));
    await store.write(lesson('Prefer tabs in Makefiles'));
    const { lessons } = await retrieve();
    expect(lessons[0]).toMatchObject({ id: 'mem_1', critical: true });
    const ids = lessons.map((item) => item.id);
    expect(ids).not.toContain('mem_4');
    expect(ids).toContain('mem_5');
    expect(ids).not.toContain('mem_6');
    expect(ids).not.toContain('mem_7');
  });

  it('brings a lesson learned in one run into the prompt of the next run', async () => {
    const { store, retrieve, promptOf } = setUp([
      distilled({
        text: 'Run the PostgreSQL migrations before the API starts',
        lessonIds: ['mem_1'],
      }),
    ]);
    await recordFailureFixed(store, {
      sourceRun: 'run_1',
      failure: 'The todo API crashed on start: relation "todos" does not exist',
      fix: 'run the PostgreSQL migrations before the server listens',
      severity: 'critical',
    });
    const result = await retrieve();
    expect(result.lessons[0]).toMatchObject({ id: 'mem_1', sourceRun: 'run_1', critical: true });
    expect(promptOf(0)).toContain('relation \\"todos\\" does not exist');
    expect(memoryPromptSection(result)).toBe(
      'Constraints learned from earlier builds; each must hold in this one:\n' +
        '1. Run the PostgreSQL migrations before the API starts (from mem_1)',
    );
  });
});

describe('the memory-retrieval stage', () => {
  it('runs on the run context memory and stores its output in the run state', async () => {
    const { store } = openTempMemoryStore();
    const { gateway } = createTestGateway({});
    const stage = createMemoryRetrievalStage({ memoryOf: () => store });
    const context = {
      prd: { ...prd, path: null },
      gateway,
      config: {},
      outDir: join(tmpdir(), 'loki-no-product-yet'),
      events: new EventBus('run_1', systemClock),
    } as unknown as RunContext;
    const output = await stage.run!(context, {});
    expect(output).toEqual({ lessons: [], constraints: [] });
    expect(stage.summarize(output)).toBe('no earlier lessons apply');
    expect(stage.store({}, output)).toEqual({ memory: output });
    expect(stage.outputSchema.parse(JSON.parse(JSON.stringify(output)))).toEqual(output);
  });
});
