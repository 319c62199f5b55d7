import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lokiConfigSchema } from '../../config/index.ts';
import { EventBus, createJournalSink, type RunEvent, type RunEventOf } from '../../events/index.ts';
import type { Journal } from '../../journal/index.ts';
import { SqliteMemoryStore } from '../../memory/index.ts';
import {
  ModelCatalog,
  ModelGateway,
  ScriptedModel,
  modelSettingsSchema,
  type ScriptedReply,
} from '../../model/index.ts';
import { createTestGateway, openTestJournal } from '../../model/testing.ts';
import { reviewProduct } from '../../review/index.ts';
import { gitProject, portLesson, seededFiles } from '../../review/testing/seeded-project.ts';
import { parsePrd } from '../prd.ts';
import type { RunContext } from '../run-context.ts';
import { runStages } from '../run-stages.ts';
import type { RunState } from '../run-state.ts';
import { defineStage } from '../stage.ts';
import type { TaskGraph } from '../task-graph.ts';
import { executionStage } from './execution.ts';
import { reviewStage } from './review.ts';

const clock = { now: () => 1_000 };

describe('the review stage', () => {
  it('raises every finding as a journaled event, with the lessons memory retrieved, and checkpoints the review', async () => {
    const root = gitProject(seededFiles);
    const { gateway, journal } = createTestGateway({
      runId: 'run_1',
      replies: [
        { match: { stage: 'review', agent: 'security-reviewer' }, object: { findings: [] } },
        { match: { stage: 'review', agent: 'performance-reviewer' }, object: { findings: [] } },
        {
          match: { stage: 'review', agent: 'architecture-reviewer' },
          object: {
            findings: [
              {
                severity: 'medium',
                file: 'src/config.ts',
                line: 2,
                title: 'Hard-coded port',
                detail: 'The lesson says settings come from the environment.',
                lessonId: portLesson.id,
              },
            ],
          },
        },
      ],
    });
    const bus = new EventBus('run_1', clock);
    const sink = createJournalSink(journal);
    const events: RunEvent[] = [];
    bus.subscribe((event) => {
      events.push(event);
      sink.sink(event);
    });
    const context = {
      runId: 'run_1',
      prd: parsePrd('# Shop\nA shop.', null),
      outDir: root,
      journal,
      events: bus,
      gateway,
      signal: new AbortController().signal,
      clock,
      config: {},
    } as unknown as RunContext;
    // What memory retrieval hands on: one lesson, which the project's config.ts breaks.
    const memory = { lessons: [{ ...portLesson, critical: false }], constraints: [] };
    const retrieval = defineStage<typeof memory>({
      name: 'memory-retrieval',
      title: 'Memory retrieval',
      outputSchema: z.any(),
      run: () => Promise.resolve(memory),
      summarize: () => '1 lesson',
      store: (state, output) => ({ ...state, memory: output as unknown as RunState['memory'] }),
    });
    const { state, error } = await runStages(context, [retrieval, reviewStage]);
    sink.flush();
    expect(error).toBeNull();
    const raised = events.filter((event) => event.type === 'finding-raised');
    expect(raised.length).toBe(state.review!.findings.length);
    expect(raised).toContainEqual(
      expect.objectContaining({
        stage: 'review',
        source: 'security',
        file: 'src/users.ts',
        line: 4,
        blocking: true,
      }),
    );
    expect(raised).toContainEqual(
      expect.objectContaining({
        source: 'architecture',
        file: 'src/config.ts',
        line: 2,
        lessonId: portLesson.id,
        blocking: false,
      }),
    );
    const journaled = journal
      .listEvents('run_1')
      .filter((event) => event.type === 'finding-raised');
    expect(journaled).toHaveLength(raised.length);
    expect(journal.getCheckpoint('run_1', 'review')?.output).toMatchObject({ base: null });
  });
});

// ——— Review as tasks are merged: a whole scripted multi-task run through execution and review ———

type Reply = ScriptedReply;
const turn = (agent: string, files: Record<string, string>, summary: string): Reply => ({
  match: { agent },
  toolCalls: [
    ...Object.entries(files).map(([path, content]) => ({
      name: 'write_file',
      input: { path, content },
    })),
    { name: 'finish', input: { summary } },
  ],
});
const nodeTest = (module: string, body: string) =>
  `import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport * as m from '../src/${module}.js';\ntest('${module}', async () => { ${body} });\n`;

/** setup, then a (a query in a loop, half an import cycle), then b (the other half, SQL by concatenation, a hard-coded port). */
const buildReplies: Reply[] = [
  turn(
    'task:setup',
    {
      'package.json': `${JSON.stringify({ name: 'shop', type: 'module', scripts: { test: 'node --test' } })}\n`,
      'src/db.js':
        'export const db = { query: async (sql, params = []) => ({ rows: [], sql, params }) };\n',
      'test/db.test.js': nodeTest(
        'db',
        "assert.deepEqual((await m.db.query('SELECT 1')).rows, []);",
      ),
    },
    'package.json and the database module.',
  ),
  turn(
    'task:a',
    {
      'src/orders.js': [
        "import { db } from './db.js';",
        '',
        'export async function ordersOf(userIds) {',
        '  const orders = [];',
        '  for (const id of userIds) {',
        "    orders.push(await db.query('SELECT * FROM orders WHERE user_id = $1 LIMIT 50', [id]));",
        '  }',
        '  return orders;',
        '}',
        '',
      ].join('\n'),
      'src/left.js':
        "import { right } from './right.js';\nexport const left = () => right() + 1;\n",
      'test/orders.test.js': nodeTest(
        'orders',
        'assert.equal((await m.ordersOf([1, 2])).length, 2);',
      ),
    },
    'Orders of users.',
  ),
  turn(
    'task:b',
    {
      'src/right.js':
        "import { left } from './left.js';\nexport const right = () => (Math.random() > 2 ? left() : 0);\n",
      'src/config.js': '// Settings of the shop.\nexport const port = 3000;\n',
      'src/users.js': [
        "import { db } from './db.js';",
        '',
        'export async function findUser(name) {',
        `  return db.query("SELECT * FROM users WHERE name = '" + name + "'");`,
        '}',
        '',
      ].join('\n'),
      'test/users.test.js': nodeTest('users', "assert.ok(await m.findUser('ann'));"),
    },
    'Users, settings.',
  ),
];
/** The reviewers: the architecture reviewer names the hard-coded port whenever it sees it. */
const reviewerReplies: Reply[] = [
  {
    match: { agent: 'architecture-reviewer', promptIncludes: 'export const port = 3000' },
    object: {
      findings: [
        {
          severity: 'medium',
          file: 'src/config.js',
          line: 2,
          title: 'Hard-coded port',
          detail: 'The lesson says settings come from the environment.',
          lessonId: portLesson.id,
        },
      ],
    },
    repeat: true,
  },
  ...['security', 'performance', 'architecture'].map((reviewer): Reply => ({
    match: { agent: `${reviewer}-reviewer` },
    object: { findings: [] },
    repeat: true,
  })),
];
const shopGraph: TaskGraph = {
  summary: 'A shop.',
  tasks: [
    {
      id: 'setup',
      name: 'setup',
      role: 'backend',
      description: 'set up',
      acceptanceCriteria: ['ok'],
      dependsOn: [],
    },
    {
      id: 'a',
      name: 'orders',
      role: 'backend',
      description: 'orders',
      acceptanceCriteria: ['ok'],
      dependsOn: ['setup'],
    },
    {
      id: 'b',
      name: 'users',
      role: 'backend',
      description: 'users',
      acceptanceCriteria: ['ok'],
      dependsOn: ['a'],
    },
  ],
};

/**
 * The scripted model, except that task b's agent waits (up to 20 s) until the three reviewers
 * of task a have been called: with reviews that wait for all tasks it would wait in vain.
 */
class GatedModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'scripted';
  readonly supportedUrls = {};
  readonly modelId = 'session';
  readonly scripted: ScriptedModel;
  readonly #reviewersOfA = new Set<string>();
  readonly #opened: Promise<void>;
  #open: () => void = () => undefined;

  constructor(replies: Reply[]) {
    this.scripted = new ScriptedModel('session', { replies });
    this.#opened = new Promise((resolve) => (this.#open = resolve));
  }

  async doGenerate(options: LanguageModelV4CallOptions) {
    await this.#gate(options);
    return this.scripted.doGenerate(options);
  }

  async doStream(options: LanguageModelV4CallOptions) {
    await this.#gate(options);
    return this.scripted.doStream(options);
  }

  async #gate(options: LanguageModelV4CallOptions): Promise<void> {
    const call = (options.providerOptions?.['loki'] ?? {}) as { stage?: string; agent?: string };
    if (call.stage === 'review:a' && call.agent) this.#reviewersOfA.add(call.agent);
    if (this.#reviewersOfA.size === 3) this.#open();
    if (call.agent === 'task:b')
      await Promise.race([this.#opened, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  }
}

/** One session of the run: a context over the journal, the stages memory → plan → execution → review. */
async function shopSession(journal: Journal, outDir: string, model: LanguageModelV4) {
  const runId = 'run_1';
  const bus = new EventBus(runId, { now: () => Date.now() });
  const sink = createJournalSink(journal);
  bus.subscribe((event) => sink.sink(event));
  const catalog = new ModelCatalog(
    modelSettingsSchema.parse({ model: 'scripted/session' }),
    {},
    () => model,
  );
  const clockNow = { now: () => Date.now() };
  const gateway = new ModelGateway({ catalog, runId, journal, events: bus, clock: clockNow });
  const context: RunContext = {
    runId,
    prd: parsePrd('# Shop\nA shop.', null),
    outDir,
    config: lokiConfigSchema.parse({ model: 'scripted/session', sandbox: 'none', concurrency: 2 }),
    journal,
    events: bus,
    gateway,
    memory: SqliteMemoryStore.open(join(dirname(journal.path), 'memory.db')),
    signal: new AbortController().signal,
    clock: clockNow,
  };
  const memory = { lessons: [{ ...portLesson, critical: false }], constraints: [] };
  const retrieval = defineStage<typeof memory>({
    name: 'memory-retrieval',
    title: 'Memory retrieval',
    outputSchema: z.any(),
    run: () => Promise.resolve(memory),
    summarize: () => '1 lesson',
    store: (state, output) => ({ ...state, memory: output as unknown as RunState['memory'] }),
  });
  const plan = defineStage<TaskGraph>({
    name: 'decomposition',
    title: 'Plan',
    outputSchema: z.any(),
    run: () => Promise.resolve(shopGraph),
    summarize: () => '3 tasks',
    store: (state, taskGraph) => ({ ...state, taskGraph }),
  });
  const result = await runStages(context, [retrieval, plan, executionStage, reviewStage]);
  sink.flush();
  return result;
}

const findingKey = (finding: {
  source?: string;
  reviewer?: string;
  file: string;
  line: number;
  title: string;
}) => `${finding.reviewer ?? finding.source} ${finding.file}:${finding.line} ${finding.title}`;
const raisedInReview = (journal: Journal) =>
  journal
    .listEvents('run_1', { types: ['finding-raised'] })
    .map((event) => event.data as RunEventOf<'finding-raised'>)
    .filter((event) => event.stage === 'review');

describe('review as tasks are merged (a scripted three-task run, real git, analyzers and tests)', () => {
  const journal = openTestJournal('run_1');
  const outDir = join(mkdtempSync(join(tmpdir(), 'loki-review-merged-')), 'product');
  let first: Awaited<ReturnType<typeof shopSession>>;

  beforeAll(async () => {
    first = await shopSession(
      journal,
      outDir,
      new GatedModel([...buildReplies, ...reviewerReplies]),
    );
  }, 180_000);

  it("calls task a's reviewers before task b finishes, and ends with the findings the review of the finished tree alone gives", async () => {
    expect(first.error).toBeNull();
    const events = journal.listEvents('run_1');
    const index = (predicate: (type: string, data: Record<string, unknown>) => boolean) =>
      events.findIndex((event) => predicate(event.type, event.data as Record<string, unknown>));
    const bFinished = index((type, data) => type === 'task-finished' && data['taskId'] === 'b');
    const reviewersOfA = events
      .map((event, at) => ({ at, type: event.type, data: event.data as Record<string, unknown> }))
      .filter(({ type, data }) => type === 'model-call-finished' && data['stage'] === 'review:a');
    expect(reviewersOfA.map(({ data }) => data['agent']).sort()).toEqual([
      'architecture-reviewer',
      'performance-reviewer',
      'security-reviewer',
    ]);
    expect(bFinished).toBeGreaterThan(0);
    for (const { at } of reviewersOfA) expect(at).toBeLessThan(bFinished);
    // b's findings were raised as its review came back, before the review stage started.
    const reviewStarted = index(
      (type, data) => type === 'stage-started' && data['stage'] === 'review',
    );
    const cycleRaised = index(
      (type, data) => type === 'finding-raised' && String(data['title']).startsWith('Import cycle'),
    );
    expect(cycleRaised).toBeGreaterThan(0);
    expect(cycleRaised).toBeLessThan(reviewStarted);

    // The old flow: the three reviewers on the finished tree, after every task.
    const old = await reviewProduct({
      root: outDir,
      lessons: [portLesson],
      gateway: createTestGateway({ replies: reviewerReplies }).gateway,
    });
    const review = first.state.review!;
    expect(review.findings).toEqual(old.findings);
    expect(review.findings.map(findingKey)).toContain(
      'architecture src/config.js:2 Hard-coded port',
    );
    for (const rule of [
      'guard/injection.sql-concatenation',
      'perf/query-in-loop',
      'arch/no-circular',
      'model',
    ])
      expect(review.findings.map((finding) => finding.rule)).toContain(rule);
    // Raised once each, task reviews and review stage together: what the old flow raised.
    const raised = raisedInReview(journal).map(findingKey);
    expect(new Set(raised).size).toBe(raised.length);
    expect(raised.sort()).toEqual(old.findings.map(findingKey).sort());
    // Every file was judged as it is now by a task's review: the stage asked the model nothing.
    expect(journal.listModelCalls('run_1').filter((call) => call.stage === 'review')).toEqual([]);
    expect(review.reviewers.every((reviewer) => reviewer.promptTokens > 0)).toBe(true);
  });

  it('resumed after a crash, reviews only the task whose review was not kept, from the journal, and raises nothing twice', async () => {
    const raisedBefore = raisedInReview(journal).length;
    // The crash: after b's review raised its findings, before it was checkpointed.
    for (const stage of ['execution', 'review', 'review:b'])
      journal.deleteCheckpoint('run_1', stage);
    const eventsBefore = journal.listEvents('run_1').length;
    const model = new GatedModel([...buildReplies, ...reviewerReplies]);
    const resumed = await shopSession(journal, outDir, model);
    expect(resumed.error).toBeNull();
    // Nothing paid twice: tasks restored, b's reviewers answered from the journal.
    expect(model.scripted.calls).toEqual([]);
    const calls = journal
      .listEvents('run_1')
      .slice(eventsBefore)
      .filter((event) => event.type === 'model-call-finished')
      .map((event) => event.data as { stage: string; fromJournal: boolean });
    expect(calls.map((call) => call.stage)).toEqual(['review:b', 'review:b', 'review:b']);
    expect(calls.every((call) => call.fromJournal)).toBe(true);
    expect(journal.getCheckpoint('run_1', 'review:b')).toBeDefined();
    expect(resumed.state.review!.findings).toEqual(first.state.review!.findings);
    expect(raisedInReview(journal)).toHaveLength(raisedBefore);
  }, 180_000);
});
