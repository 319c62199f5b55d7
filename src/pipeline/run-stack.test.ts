import { describe, expect, it } from 'vitest';
import { lokiConfigSchema, type LokiConfigInput } from '../config/index.ts';
import { SqliteMemoryStore, type MemoryStore } from '../memory/index.ts';
import { tempMemoryPath } from '../memory/testing.ts';
import type { ScriptedReply } from '../model/index.ts';
import { stackIds, stackNamed } from '../stacks/index.ts';
import { parsePrd } from './prd.ts';
import { startRun } from './start-run.ts';
import type { TaskGraph } from './task-graph.ts';
import {
  promptOf,
  reviewersFindNothing,
  scriptedRun,
  scriptedRunConfig,
  tempProductDir,
} from './testing-run.ts';

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
  const { model, journal, services } = scriptedRun({
    replies: [...replies, reviewersFindNothing],
    memory,
  });
  const { summary } = await startRun(
    {
      prd: parsePrd(prd, null),
      outDir: tempProductDir(),
      config: scriptedRunConfig({ gates: { requireLinter: false }, ...options.config }),
      kind: options.kind,
    },
    services,
  );
  const events = journal.listEvents(summary.runId, { types: ['stack-chosen'] });
  return { summary, model, events };
}

describe("the run's stack", () => {
  it('can be any stack Loki drives, and only those, in the config', () => {
    expect([...lokiConfigSchema.shape.stack.unwrap().options].sort()).toEqual(stackIds().sort());
  });

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
    const { summary, model, events } = await run(
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
    const planner = promptOf(model, 'planner');
    expect(planner).toContain('The stack of this build (named by the PRD)');
    expect(planner).toContain(stackNamed('fastapi').conventions.testCommand);
    // Found by its stack tag though the PRD shares no word with it; another stack's left out.
    const distiller = promptOf(model, 'distiller');
    expect(distiller).toContain(`[${fastapiLesson.item.id}]`);
    expect(distiller).not.toContain(`[${expressLesson.item.id}]`);
  }, 120_000);

  it('lists the stacks Loki drives to the planner when the PRD names none', async () => {
    await using memory = SqliteMemoryStore.open(tempMemoryPath());
    const { model, events } = await run(
      '# Hats\nA shop that sells hats.',
      memory,
      [{ match: { stage: 'decomposition' }, object: graph }],
      { kind: 'plan' },
    );
    expect(events).toEqual([]);
    const planner = promptOf(model, 'planner');
    expect(planner).toContain('The PRD names no stack.');
    expect(planner).toMatch(/- django: .*\\n- fastapi: /);
  }, 120_000);

  it('asked for with --stack, reaches every coding agent with its conventions', async () => {
    await using memory = SqliteMemoryStore.open(tempMemoryPath());
    const { summary, model, events } = await run(
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
    expect(promptOf(model, 'task:readme')).toContain(
      `## The project's stack\\n${stackNamed('node').conventions.title}.`,
    );
  }, 240_000);
});
