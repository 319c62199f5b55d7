import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMacroFile, type Macro } from '../../macro/index.ts';
import { openTempMemoryStore } from '../../memory/testing.ts';
import { ScriptedModel, type ScriptedReply } from '../../model/index.ts';
import { openTestJournal } from '../../model/testing.ts';
import { parsePrd } from '../prd.ts';
import { startRun } from '../start-run.ts';
import { replayMacro } from './replay-macro.ts';

const prd = parsePrd('# Notes app\n\nA README and a notes file describing the app.\n', 'PRD.md');

const graph = {
  summary: 'Two documents, one after the other.',
  tasks: [
    {
      id: 'readme',
      name: 'Write the README',
      role: 'docs' as const,
      description: 'Write README.md',
      acceptanceCriteria: ['README.md exists'],
      dependsOn: [],
    },
    {
      id: 'notes',
      name: 'Write the notes',
      role: 'docs' as const,
      description: 'Write NOTES.md',
      acceptanceCriteria: ['NOTES.md exists'],
      dependsOn: ['readme'],
    },
  ],
};

const call = (name: string, input: unknown) => ({ name, input });
const replies: ScriptedReply[] = [
  { match: { stage: 'decomposition' }, object: graph },
  {
    match: { agent: 'task:readme' },
    text: 'Writing the README first.',
    toolCalls: [call('write_file', { path: 'README.md', content: '# Notes app\n\nDraft.\n' })],
  },
  {
    match: { agent: 'task:readme' },
    toolCalls: [call('read_file', { path: 'README.md' })],
  },
  {
    match: { agent: 'task:readme' },
    toolCalls: [
      call('edit_file', { path: 'README.md', old_string: 'Draft.', new_string: 'Keeps notes.' }),
      call('finish', { summary: 'README.md written.' }),
    ],
  },
  {
    match: { agent: 'task:notes' },
    toolCalls: [
      call('write_file', { path: 'docs/NOTES.md', content: '- first note\n' }),
      call('finish', { summary: 'NOTES.md written.' }),
    ],
  },
];

const newDir = () => join(mkdtempSync(join(tmpdir(), 'loki-replay-')), 'product');

async function recordRun(memory = openTempMemoryStore().store) {
  const model = new ScriptedModel('session', { replies });
  const journal = openTestJournal('unused');
  const { summary, state } = await startRun(
    { prd, outDir: newDir(), config: { model: 'scripted/session', sandbox: 'none' }, kind: 'run' },
    { journal, env: {}, memory, createModel: () => model },
  );
  return { summary, state, journal, model, memory };
}

/** A copy of the macro with one reply of `agent` (its `turn`-th) changed by `edit`. */
function tampered(macro: Macro, agent: string, turn: number, edit: (input: string) => string) {
  const copy = structuredClone(macro);
  const exchange = copy.exchanges.filter((each) => each.agent === agent)[turn]!;
  const reply = exchange.response as { toolCalls: { input: string }[] };
  reply.toolCalls[0]!.input = edit(reply.toolCalls[0]!.input);
  return copy;
}

describe('macros of runs', () => {
  it('records the run as a macro and replays it into a fresh directory with zero model calls: the same tree hash', async () => {
    const { summary, state, model, journal } = await recordRun();
    expect(summary.status).toBe('succeeded');
    expect(summary.stages.at(-1)).toMatchObject({ stage: 'macro-recording', outcome: 'done' });
    const macro = readMacroFile(state.macro!.path);
    expect(macro.treeHash).toBe(state.macro!.treeHash);
    expect(Object.keys(macro.files)).toEqual(['README.md', 'docs/NOTES.md']);
    expect(macro.taskGraph?.tasks.map((task) => task.id)).toEqual(['readme', 'notes']);
    expect(macro.exchanges).toHaveLength(5);
    expect(macro.toolResults.map((result) => result.tool)).toContain('edit_file');
    expect(macro.decisions.map((decision) => decision.type)).toContain('task-finished');
    const callsBefore = model.calls.length;

    const out = newDir();
    const replay = await replayMacro({ macro, outDir: out }, { journal });
    expect(replay.divergence).toBeNull();
    expect(replay.identical).toBe(true);
    expect(replay.treeHash).toBe(macro.treeHash);
    expect(replay.summary.status).toBe('succeeded');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('# Notes app\n\nKeeps notes.\n');
    // No model was asked: the recording's model saw no new call, and every reply of the replay
    // came from the macro.
    expect(model.calls).toHaveLength(callsBefore);
    expect(replay.exchangesServed).toBe(5);
    expect(replay.exchangesRecorded).toBe(5);
    expect(
      journal.listModelCalls(replay.runId).map((each) => `${each.provider}/${each.modelId}`),
    ).toEqual(Array(5).fill(`scripted/macro-${macro.id}`));
  }, 60_000);

  it('stops at the edited reply of a tampered macro and names its exchange', async () => {
    const { state, journal } = await recordRun();
    const macro = readMacroFile(state.macro!.path);
    const edited = tampered(macro, 'task:readme', 0, (input) => input.replace('Draft.', 'Evil.'));
    const replay = await replayMacro({ macro: edited, outDir: newDir() }, { journal });
    expect(replay.identical).toBe(false);
    const first = macro.exchanges.filter((each) => each.agent === 'task:readme')[0]!;
    expect(replay.divergence).toMatchObject({
      kind: 'exchange',
      exchange: { seq: first.seq, agent: 'task:readme', turn: 0 },
    });
    // It stopped there: the later task was never started.
    expect(replay.summary).toMatchObject({ status: 'failed', stopReason: 'macro.diverged' });
    expect(journal.getRun(replay.runId)?.status).toBe('failed');
    expect(journal.listModelCalls(replay.runId).some((each) => each.agent === 'task:notes')).toBe(
      false,
    );
  }, 60_000);

  it('reports the first differing file, and the exchange that wrote it, when the last reply was edited', async () => {
    const { state, journal } = await recordRun();
    const macro = readMacroFile(state.macro!.path);
    const edited = tampered(macro, 'task:notes', 0, (input) =>
      input.replace('first note', 'other note'),
    );
    const replay = await replayMacro({ macro: edited, outDir: newDir() }, { journal });
    expect(replay.identical).toBe(false);
    expect(replay.treeHash).not.toBe(macro.treeHash);
    const notes = macro.exchanges.find((each) => each.agent === 'task:notes')!;
    expect(replay.divergence).toMatchObject({
      kind: 'file',
      path: 'docs/NOTES.md',
      expected: macro.files['docs/NOTES.md'],
      exchange: { seq: notes.seq, agent: 'task:notes', turn: 0 },
    });
  }, 60_000);

  it("offers the first run's task graph, from memory, to the planner of a second run of a similar PRD", async () => {
    const first = await recordRun();
    const planner = (model: ScriptedModel) =>
      JSON.stringify(
        model.calls.find(
          (each) => (each.providerOptions?.['loki'] as { agent?: string }).agent === 'planner',
        )?.prompt,
      );
    expect(planner(first.model)).not.toContain('readme [docs] Write the README');
    const [item] = await first.memory.list({ type: 'loki_macro' });
    expect(item?.content).toContain(first.summary.runId);
    const second = await recordRun(first.memory);
    const prompt = planner(second.model);
    expect(prompt).toContain('Task graphs of earlier builds');
    expect(prompt).toContain('- readme [docs] Write the README');
    expect(prompt).toContain('- notes [docs] Write the notes (after readme)');
  }, 60_000);
});
