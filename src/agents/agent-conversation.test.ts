import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScriptedReply } from '../model/index.ts';
import { createTestGateway } from '../model/testing.ts';
import { EventBus, type RunEvent } from '../events/index.ts';
import { createCommandRunner, git } from '../workspace/index.ts';
import { AgentConversation, type AgentBudget } from './agent-conversation.ts';
import { taskAgentTools } from './task-agent-tools.ts';

const call = (name: string, input: unknown) => ({ name, input });
const turn = (...toolCalls: ReturnType<typeof call>[]): ScriptedReply => ({ toolCalls });

async function setUp(
  replies: ScriptedReply[],
  budget: AgentBudget = { maxSteps: 20, maxTokens: 1_000_000 },
  env: NodeJS.ProcessEnv = process.env,
) {
  const root = mkdtempSync(join(tmpdir(), 'loki-agent-'));
  await git(root, ['init', '--quiet']); // agents always work in a worktree
  const { gateway, model } = createTestGateway({ replies });
  const events: RunEvent[] = [];
  const bus = new EventBus('run_test', { now: () => 0 });
  bus.subscribe((event) => events.push(event));
  const runner = await createCommandRunner({ root, sandbox: 'none', env });
  const agent = new AgentConversation(
    {
      agentId: 'task:t',
      modelRole: 'coder',
      stage: 'execution',
      system: 'build',
      tools: taskAgentTools,
      budget,
    },
    { gateway, events: bus, context: { root, runner, signal: new AbortController().signal } },
  );
  const toolResults = () =>
    JSON.stringify(model.calls.at(-1)?.prompt).split('"tool-result"').slice(1);
  return { root, agent, model, events, toolResults };
}

describe('AgentConversation (scripted model, real files and processes)', () => {
  it('works through the tools until finish, and the files are really written', async () => {
    const { root, agent, events } = await setUp([
      turn(
        call('write_file', {
          path: 'src/add.js',
          content: 'export const add = (a, b) => a - b;\n',
        }),
      ),
      turn(call('edit_file', { path: 'src/add.js', old_string: 'a - b', new_string: 'a + b' })),
      turn(
        call('read_file', { path: 'src/add.js' }),
        call('list_files', {}),
        call('search', { pattern: 'add\\b' }),
      ),
      turn(call('run_command', { command: 'node -e "console.log(1 + 1)"' })),
      turn(call('finish', { summary: 'src/add.js exports add(a, b).' })),
    ]);
    const outcome = await agent.send('Write add.');
    expect(outcome).toEqual({ status: 'finished', summary: 'src/add.js exports add(a, b).' });
    expect(readFileSync(join(root, 'src/add.js'), 'utf8')).toBe(
      'export const add = (a, b) => a + b;\n',
    );
    const outputs = events.flatMap((event) =>
      event.type === 'tool-called' ? [`${event.tool}: ${event.output.split('\n')[0]}`] : [],
    );
    expect(outputs).toEqual([
      'write_file: wrote src/add.js (2 lines)',
      'edit_file: edited src/add.js: replaced 1 occurrence',
      'read_file: src/add.js (lines 1-2 of 2):',
      'list_files: src/add.js',
      'search: src/add.js:1: export const add = (a, b) => a + b;',
      'run_command: $ node -e "console.log(1 + 1)"',
      'finish: finished',
    ]);
    expect(agent.usage.steps).toBe(5);
  });

  it('returns mistakes to the model as tool errors it can act on, and carries on', async () => {
    const root = mkdtempSync(join(tmpdir(), 'loki-outside-'));
    const {
      agent,
      toolResults,
      root: agentRoot,
    } = await setUp([
      turn(call('write_file', { path: 'a.txt', content: 'x x\n' })),
      turn(
        call('edit_file', { path: 'a.txt', old_string: 'y', new_string: 'z' }),
        call('edit_file', { path: 'a.txt', old_string: 'x', new_string: 'z' }),
        call('write_file', { path: '../escape.txt', content: 'no' }),
        call('read_file', { path: '/etc/passwd' }),
        call('read_file', { path: 'link/secret' }),
        call('write_file', { content: 'no path' }),
        call('no_such_tool', {}),
        call('search', { pattern: '(' }),
      ),
      turn(call('finish', { summary: 'done' })),
    ]);
    symlinkSync(root, join(agentRoot, 'link'));
    expect((await agent.send('go')).status).toBe('finished');
    const results = toolResults().slice(1, 9).join('\n');
    expect(results).toContain('old_string was not found in a.txt');
    expect(results).toContain('old_string occurs 2 times in a.txt');
    expect(results.match(/outside|escape/gi)?.length).toBeGreaterThanOrEqual(3);
    expect(results).toContain('invalid input for write_file: path');
    expect(results).toContain('there is no tool \\"no_such_tool\\"');
    expect(results).toContain('not a valid regular expression');
  });

  it('gives up when the same command fails three times in a row, saying which and why', async () => {
    const failing = turn(call('run_command', { command: 'node -e "process.exit(3)"' }));
    const { agent } = await setUp([
      failing,
      failing,
      failing,
      turn(call('finish', { summary: 'never' })),
    ]);
    const outcome = await agent.send('go');
    expect(outcome.status).toBe('gave-up');
    expect(outcome.status === 'gave-up' && outcome.reason).toMatch(
      /the command `node -e "process.exit\(3\)"` failed 3 times in a row/,
    );
  });

  it('runs commands without the provider keys and Loki secrets of its parent', async () => {
    const { agent, toolResults } = await setUp(
      [turn(call('run_command', { command: 'env' })), turn(call('finish', { summary: 'looked' }))],
      undefined,
      {
        ...process.env,
        ANTHROPIC_API_KEY: 'sk-ant-visible-if-leaked',
        LOKI_BUDGET_USD: '5',
        GITHUB_TOKEN: 'ghp_leak',
      },
    );
    await agent.send('go');
    const envOutput = toolResults()[0]!;
    expect(envOutput).toContain('PATH=');
    expect(envOutput).not.toContain('sk-ant-visible-if-leaked');
    expect(envOutput).not.toContain('ANTHROPIC_API_KEY');
    expect(envOutput).not.toContain('LOKI_BUDGET_USD');
    expect(envOutput).not.toContain('ghp_leak');
  });

  it('stops at its step budget', async () => {
    const { agent } = await setUp(
      [{ toolCalls: [{ name: 'list_files', input: {} }], repeat: true }],
      { maxSteps: 4, maxTokens: 1_000_000 },
    );
    expect(await agent.send('go')).toEqual({
      status: 'gave-up',
      reason: 'the agent used its 4 steps without finishing',
    });
  });

  it('continues the same conversation when sent back to work', async () => {
    const { agent, model } = await setUp([
      turn(call('finish', { summary: 'first' })),
      turn(call('finish', { summary: 'second' })),
    ]);
    expect(await agent.send('go')).toMatchObject({ summary: 'first' });
    expect(await agent.send('tests fail; fix them')).toMatchObject({ summary: 'second' });
    expect(JSON.stringify(model.calls[1]!.prompt)).toContain('tests fail; fix them');
  });
});
