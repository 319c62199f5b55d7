import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LokiConfigInput } from '../config/index.ts';
import { Journal } from '../journal/index.ts';
import { SqliteMemoryStore, type MemoryStore } from '../memory/index.ts';
import { tempMemoryPath } from '../memory/testing.ts';
import { ScriptedModel, type ScriptedReply } from '../model/index.ts';
import { stackNamed } from '../stacks/index.ts';
import { parsePrd } from './prd.ts';
import { startRun } from './start-run.ts';
import type { TaskGraph } from './task-graph.ts';

// The run's stack reaches memory retrieval, the planner and the coding agents.

const graph: TaskGraph = {
  summary: 'plan',
  tasks: [
    {
      id: 'readme',
      name: 'readme',
      role: 'docs',
      description: 'write the README',
      acceptanceCriteria: ['README.md exists'],
      dependsOn: [],
    },
  ],
};

async function run(
  prd: string,
  memory: MemoryStore,
  replies: ScriptedReply[],
  options: { kind: 'run' | 'plan'; config?: LokiConfigInput },
) {
  const root = mkdtempSync(join(tmpdir(), 'loki-run-stack-'));
  const journal = Journal.open(join(root, '.loki', 'journal.db'));
  const reviewers = ['security', 'performance', 'architecture'].map((reviewer): ScriptedReply => ({
    match: { agent: `${reviewer}-reviewer` },
    object: { findings: [] },
    repeat: true,
  }));
  const model = new ScriptedModel('session', { replies: [...replies, ...reviewers] });
  const { summary } = await startRun(
    {
      prd: parsePrd(prd, null),
      outDir: join(root, 'product'),
      config: {
        model: 'scripted/session',
        sandbox: 'none',
        gates: { requireLinter: false },
        ...options.config,
      },
      kind: options.kind,
    },
    { journal, env: {}, memory, createModel: () => model },
  );
  const promptOf = (agent: string) =>
    JSON.stringify(
      model.calls.find((call) =>
        JSON.stringify(call.providerOptions).includes(`"agent":"${agent}"`),
      )?.prompt ?? null,
    );
  const events = journal.listEvents(summary.runId, { types: ['stack-chosen'] });
  journal.close();
  return { summary, promptOf, events };
}

describe("the run's stack", () => {
  it('is chosen from the PRD, announced, given to the planner, and picks its lessons', async () => {
    await using memory = SqliteMemoryStore.open(tempMemoryPath());
    const fastapiLesson = await memory.write({
      type: 'learned_lesson',
      content: 'Declare response models on every route so the OpenAPI schema stays exact.',
      tags: ['backend', 'stack:fastapi'],
    });
    const expressLesson = await memory.write({
      type: 'learned_lesson',
      content: 'Notes services must mount the error handler after every router.',
      tags: ['backend', 'stack:express'],
    });
    const { summary, promptOf, events } = await run(
      '# Notes service\nA FastAPI service that stores notes.',
      memory,
      [
        { match: { stage: 'memory-retrieval' }, object: { constraints: [] } },
        { match: { stage: 'decomposition' }, object: graph },
      ],
      { kind: 'plan' },
    );
    expect(summary.status).toBe('succeeded');
    expect(events.map((event) => event.data)).toEqual([
      expect.objectContaining({ stack: 'fastapi', source: 'prd' }),
    ]);
    const planner = promptOf('planner');
    expect(planner).toContain('The stack of this build (named by the PRD)');
    expect(planner).toContain(stackNamed('fastapi').conventions.testCommand);
    // Found by its stack tag though the PRD shares no word with it; another stack's left out.
    const distiller = promptOf('distiller');
    expect(distiller).toContain(`[${fastapiLesson.item.id}]`);
    expect(distiller).not.toContain(`[${expressLesson.item.id}]`);
  }, 120_000);

  it('lists the stacks Loki drives to the planner when the PRD names none', async () => {
    await using memory = SqliteMemoryStore.open(tempMemoryPath());
    const { promptOf, events } = await run(
      '# Hats\nA shop that sells hats.',
      memory,
      [{ match: { stage: 'decomposition' }, object: graph }],
      { kind: 'plan' },
    );
    expect(events).toEqual([]);
    const planner = promptOf('planner');
    expect(planner).toContain('The PRD names no stack.');
    expect(planner).toMatch(/- django: .*\\n- fastapi: /);
  }, 120_000);

  it('asked for with --stack, reaches every coding agent with its conventions', async () => {
    await using memory = SqliteMemoryStore.open(tempMemoryPath());
    const { summary, promptOf, events } = await run(
      '# Readme\nA README for a shop.',
      memory,
      [
        { match: { stage: 'decomposition' }, object: graph },
        {
          match: { agent: 'task:readme' },
          toolCalls: [
            { name: 'write_file', input: { path: 'README.md', content: '# Shop\n' } },
            { name: 'finish', input: { summary: 'README.md written' } },
          ],
        },
      ],
      { kind: 'run', config: { stack: 'node' } },
    );
    expect(summary.status).toBe('succeeded');
    expect(events.map((event) => event.data)).toEqual([
      expect.objectContaining({ stack: 'node', source: 'requested' }),
    ]);
    expect(promptOf('task:readme')).toContain(
      `## The project's stack\\n${stackNamed('node').conventions.title}.`,
    );
  }, 240_000);
});
