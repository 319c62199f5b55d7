import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { scriptedSessionSchema } from '../model/index.ts';
import { parsePrd } from './prd.ts';
import { resumeRun, startRun } from './start-run.ts';
import { taskGraphSchema } from './task-graph.ts';
import { scriptedRun, scriptedRunConfig, tempProductDir } from './testing-run.ts';

const example = scriptedSessionSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../examples/todo-api/scripted-session.json', import.meta.url), 'utf8'),
  ),
);
const exampleGraph = taskGraphSchema.parse(example.replies[0]!.object);
const prd = parsePrd(
  readFileSync(new URL('../../examples/todo-api/PRD.md', import.meta.url), 'utf8'),
  'PRD.md',
);

describe('startRun', () => {
  it('journals a plan with a valid task graph, and executes it: the product is on main', async () => {
    const tiny = {
      summary: 'One file.',
      tasks: [
        {
          id: 'readme',
          name: 'README',
          role: 'docs' as const,
          description: 'Write README.md',
          acceptanceCriteria: ['README.md exists'],
          dependsOn: [],
        },
      ],
    };
    const {
      services: s,
      journal,
      events,
    } = scriptedRun({
      replies: [
        { match: { stage: 'decomposition' }, object: tiny },
        {
          match: { agent: 'task:readme' },
          toolCalls: [
            { name: 'write_file', input: { path: 'README.md', content: '# Tiny\n' } },
            { name: 'finish', input: { summary: 'README.md' } },
          ],
        },
      ],
    });
    const product = tempProductDir();
    const { summary, state } = await startRun(
      { prd, outDir: product, config: scriptedRunConfig(), kind: 'run' },
      s,
    );
    expect(summary.status).toBe('succeeded');
    // The plan as read: no product criteria written means none.
    expect(state.taskGraph).toEqual({ ...tiny, acceptanceCriteria: [] });
    expect(summary.stages.slice(0, 3).map((stage) => `${stage.stage}:${stage.outcome}`)).toEqual([
      'memory-retrieval:done',
      'decomposition:done',
      'execution:done',
    ]);
    expect(summary.stages.map((stage) => stage.stage)).toEqual([
      'memory-retrieval',
      'decomposition',
      'execution',
      'review',
      'conflict-resolution',
      'acceptance',
      'security-audit',
      'deployment',
      'macro-recording',
    ]);
    expect(readFileSync(join(product, 'README.md'), 'utf8')).toBe('# Tiny\n');
    const run = journal.getRun(summary.runId)!;
    expect(run).toMatchObject({ status: 'succeeded', pid: null, summary });
    expect(journal.getCheckpoint(summary.runId, 'decomposition')?.output).toEqual({
      ...tiny,
      acceptanceCriteria: [],
    });
    expect(journal.listTasks(summary.runId).map((task) => [task.taskId, task.state])).toEqual([
      ['readme', 'done'],
    ]);
    expect(journal.listModelCalls(summary.runId)).toHaveLength(2);
    const journaled = journal.listEvents(summary.runId).map((event) => event.type);
    expect(journaled).toEqual(events.map((event) => event.type));
    expect(journaled[0]).toBe('run-started');
    expect(journaled.at(-1)).toBe('run-finished');
    expect(journaled).toContain('tool-called');
  });

  it('never writes a provider key from the environment into the journal: calls, events, checkpoints, tasks', async () => {
    const key = `sk-ant-api03-${'k'.repeat(8)}${Date.now()}`;
    const leaky = {
      summary: `Uses the key ${key} to call the API.`,
      tasks: [
        {
          id: 'readme',
          name: 'README',
          role: 'docs' as const,
          description: `Mention ${key}`,
          acceptanceCriteria: ['done'],
          dependsOn: [],
        },
      ],
    };
    const {
      services: s,
      journal,
      events,
    } = scriptedRun({
      replies: [
        { match: { stage: 'decomposition' }, object: leaky },
        {
          match: { agent: 'task:readme' },
          toolCalls: [
            { name: 'write_file', input: { path: 'README.md', content: 'hello' } },
            { name: 'finish', input: { summary: `wrote it with ${key}` } },
          ],
        },
      ],
    });
    const { summary } = await startRun(
      { prd, outDir: tempProductDir(), config: scriptedRunConfig(), kind: 'run' },
      { ...s, env: { ANTHROPIC_API_KEY: key } },
    );
    expect(events.length).toBeGreaterThan(5);
    const stored = JSON.stringify([
      journal.listModelCalls(summary.runId),
      journal.listEvents(summary.runId),
      journal.listCheckpoints(summary.runId),
      journal.listTasks(summary.runId),
      journal.getRun(summary.runId),
    ]);
    expect(stored).toContain('[REDACTED]');
    expect(stored).not.toContain(key);
  });

  it('sends a graph with a cycle back to the planner and keeps the corrected one', async () => {
    const cyclic = structuredClone(exampleGraph);
    cyclic.tasks[0]!.dependsOn = ['health-and-tests'];
    const {
      services: s,
      model,
      journal,
    } = scriptedRun({ replies: [{ object: cyclic }, { object: exampleGraph }] });
    const { summary, state } = await startRun(
      { prd, outDir: tempProductDir(), config: scriptedRunConfig(), kind: 'plan' },
      s,
    );
    expect(summary.status).toBe('succeeded');
    expect(state.taskGraph).toEqual(exampleGraph);
    expect(model.calls).toHaveLength(2);
    expect(JSON.stringify(model.calls[1]!.prompt.at(-1))).toContain(
      'the dependencies form a cycle',
    );
    expect(journal.listModelCalls(summary.runId)).toHaveLength(2);
  });

  it('fails the run, with the reason, when the planner never produces a valid graph — no generic fallback task', async () => {
    const unknownDependency = structuredClone(exampleGraph);
    unknownDependency.tasks[1]!.dependsOn = ['nowhere'];
    const { services: s, journal } = scriptedRun({
      replies: [{ object: unknownDependency, repeat: true }],
    });
    const { summary, state } = await startRun(
      { prd, outDir: tempProductDir(), config: scriptedRunConfig(), kind: 'run' },
      s,
    );
    expect(summary.status).toBe('failed');
    expect(summary.stopReason).toBe('model.invalid-structured-output');
    expect(summary.error?.message).toContain('depends on "nowhere"');
    expect(state.taskGraph).toBeUndefined();
    expect(journal.listTasks(summary.runId)).toEqual([]);
    expect(summary.stages.slice(2).every((stage) => stage.outcome === 'not-reached')).toBe(true);
  });

  it('stops at the budget, resumable, and a resume with a higher budget pays no call twice', async () => {
    const cyclic = structuredClone(exampleGraph);
    cyclic.tasks[0]!.dependsOn = ['health-and-tests'];
    const replies = [
      { object: cyclic, usage: { inputTokens: 1_000_000, outputTokens: 0 } },
      { object: exampleGraph, usage: { inputTokens: 1_000_000, outputTokens: 0 } },
    ];
    const prices = { 'scripted/session': { inputPerMillionUsd: 1, outputPerMillionUsd: 0 } };
    const first = scriptedRun({ replies });
    const stopped = await startRun(
      {
        prd,
        outDir: tempProductDir(),
        config: scriptedRunConfig({ prices, budgetUsd: 1 }),
        kind: 'plan',
      },
      first.services,
    );
    expect(stopped.summary).toMatchObject({ status: 'stopped', stopReason: 'budget' });
    expect(first.events.some((event) => event.type === 'limit-reached')).toBe(true);
    expect(first.model.calls).toHaveLength(1);

    const second = scriptedRun({ replies, journal: first.journal });
    const resumed = await resumeRun(stopped.summary.runId, second.services, { budgetUsd: 10 });
    expect(resumed.summary.status).toBe('succeeded');
    expect(second.model.calls).toHaveLength(1);
    expect(
      second.model.calls[0]!.prompt.filter((message) => message.role === 'assistant'),
    ).toHaveLength(1);
    expect(resumed.summary.usage.total).toMatchObject({ calls: 2, costUsd: 2 });
  });

  it('refuses to resume a finished run, or one that does not exist', async () => {
    const { services: s } = scriptedRun({ replies: example.replies });
    const { summary } = await startRun(
      { prd, outDir: tempProductDir(), config: scriptedRunConfig(), kind: 'plan' },
      s,
    );
    await expect(resumeRun(summary.runId, s)).rejects.toSatisfy(
      (error: unknown) => LokiError.isInstance(error) && error.code === 'run.already-finished',
    );
    await expect(resumeRun('run_nope', s)).rejects.toSatisfy(
      (error: unknown) =>
        LokiError.isInstance(error) &&
        error.code === 'run.not-found' &&
        error.message.includes('loki runs'),
    );
  });

  it('stops cleanly when interrupted from outside, and says how to continue', async () => {
    const { services: s } = scriptedRun({ replies: example.replies });
    const controller = new AbortController();
    controller.abort();
    const { summary } = await startRun(
      { prd, outDir: tempProductDir(), config: scriptedRunConfig(), kind: 'run' },
      { ...s, signal: controller.signal },
    );
    expect(summary).toMatchObject({ status: 'stopped', stopReason: 'interrupted' });
    expect(summary.error?.message).toContain(`loki resume ${summary.runId}`);
  });
});
