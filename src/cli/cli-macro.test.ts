import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { macroSchema } from '../macro/index.ts';
import {
  cleanEnvironment,
  createWorkspace,
  examplePrd,
  runLoki,
  tinyGraph,
} from './testing/run-loki.ts';

const key = `sk-ant-api03-${'q'.repeat(30)}`;

/** A run of a one-task plan whose agent writes two files over two turns. */
async function finishedRun() {
  const { cwd, home } = createWorkspace();
  const env = cleanEnvironment(home, { ANTHROPIC_API_KEY: key });
  const session = join(cwd, 'session.json');
  writeFileSync(
    session,
    JSON.stringify({
      replies: [
        { match: { stage: 'decomposition' }, object: tinyGraph },
        {
          match: { agent: 'task:readme' },
          toolCalls: [{ name: 'write_file', input: { path: 'README.md', content: '# Tiny\n' } }],
        },
        {
          match: { agent: 'task:readme' },
          toolCalls: [
            { name: 'write_file', input: { path: 'docs/usage.md', content: `Run it.\n` } },
            { name: 'finish', input: { summary: 'README.md written.' } },
          ],
        },
      ],
    }),
  );
  const run = await runLoki(
    ['run', examplePrd, '--model', `scripted/${session}`, '--out', 'product'],
    { cwd, env },
  );
  expect(run.code).toBe(0);
  const runId = run.stdout.split(' ')[0]!;
  return { cwd, env, runId };
}

describe('loki macro (a real child process)', () => {
  it('exports a run, lists and shows it, and replays it with no model into identical files', async () => {
    const { cwd, env, runId } = await finishedRun();
    const exported = await runLoki(['macro', 'export', runId, '--output', 'run.macro.json'], {
      cwd,
      env,
    });
    expect(exported.code).toBe(0);
    const text = readFileSync(join(cwd, 'run.macro.json'), 'utf8');
    expect(text).not.toContain(key);
    const macro = macroSchema.parse(JSON.parse(text));
    expect(Object.keys(macro.files)).toEqual(['README.md', 'docs/usage.md']);

    // The run itself recorded its macro beside the journal: list and show find it.
    const list = await runLoki(['macro', 'list'], { cwd, env });
    expect(list.stdout).toMatch(new RegExp(`^${runId}\\s+succeeded\\s+1\\s+2\\s+3\\s`, 'm'));
    const show = await runLoki(['macro', 'show', runId], { cwd, env });
    expect(show.stdout).toContain(`tree ${macro.treeHash}`);
    expect(show.stdout).toContain('- readme [docs] Write the README');

    // No key in the environment, no model: the replay is served from the macro alone.
    const replay = await runLoki(['macro', 'replay', 'run.macro.json', '--out', 'again'], {
      cwd,
      env: cleanEnvironment(join(cwd, 'home2')),
    });
    expect(replay.stderr).toContain('no model is called');
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/^run_\S+ identical [0-9a-f]{64} /);
    expect(replay.stdout).toContain(macro.treeHash);
    expect(readFileSync(join(cwd, 'again', 'docs', 'usage.md'), 'utf8')).toBe('Run it.\n');
  }, 120_000);

  it('replays a tampered macro to its first divergence and exits 1; imports a macro by file', async () => {
    const { cwd, env, runId } = await finishedRun();
    await runLoki(['macro', 'export', runId, '--output', 'run.macro.json'], { cwd, env });
    const macro = macroSchema.parse(JSON.parse(readFileSync(join(cwd, 'run.macro.json'), 'utf8')));
    const exchange = macro.exchanges.find((each) => each.agent === 'task:readme')!;
    const reply = exchange.response as { toolCalls: { input: string }[] };
    reply.toolCalls[0]!.input = reply.toolCalls[0]!.input.replace('# Tiny', '# Tampered');
    writeFileSync(join(cwd, 'tampered.json'), JSON.stringify(macro));

    const replay = await runLoki(['macro', 'replay', 'tampered.json', '--out', 'again'], {
      cwd,
      env,
    });
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(/^run_\S+ diverged /);
    expect(replay.stderr).toContain(
      `first divergence: exchange #${exchange.seq} (stage execution, agent task:readme, turn 0)`,
    );

    const { cwd: elsewhere, home } = createWorkspace();
    const imported = await runLoki(
      ['macro', 'import', join(cwd, 'run.macro.json'), '--memory', 'memory.db'],
      { cwd: elsewhere, env: cleanEnvironment(home) },
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported macro ${runId}`);
    const list = await runLoki(['macro', 'list', '--json'], {
      cwd: elsewhere,
      env: cleanEnvironment(home),
    });
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ id: runId, treeHash: macro.treeHash }),
    ]);
  }, 120_000);
});
