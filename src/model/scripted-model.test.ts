import { describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { withCallContext } from './call-context.ts';
import { ScriptedModel } from './scripted-model.ts';

const call = (stage: string, agent: string, text: string, assistantTurns: string[] = []) => ({
  prompt: [
    { role: 'user' as const, content: [{ type: 'text' as const, text }] },
    ...assistantTurns.map((turn) => ({
      role: 'assistant' as const,
      content: [{ type: 'text' as const, text: turn }],
    })),
  ],
  providerOptions: withCallContext({ stage, agent, role: 'coder' }),
});

const textOf = async (model: ScriptedModel, options: ReturnType<typeof call>) =>
  (await model.doGenerate(options)).content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('');

describe('ScriptedModel', () => {
  it('picks replies by stage, agent and prompt text, and by the turn of the conversation', async () => {
    const model = new ScriptedModel('s', {
      replies: [
        { match: { agent: 'b' }, text: 'b first' },
        { match: { agent: 'a' }, text: 'a first' },
        { match: { agent: 'a' }, text: 'a second' },
        { match: { promptIncludes: 'special' }, text: 'special' },
      ],
    });
    expect(await textOf(model, call('s1', 'a', 'go'))).toBe('a first');
    expect(await textOf(model, call('s1', 'a', 'go', ['a first']))).toBe('a second');
    expect(await textOf(model, call('s1', 'b', 'go'))).toBe('b first');
    expect(await textOf(model, call('s1', 'c', 'a special request'))).toBe('special');
    // The same request always gets the same reply: resumed and parallel runs agree.
    expect(await textOf(model, call('s1', 'a', 'go'))).toBe('a first');
    expect(model.calls).toHaveLength(5);
  });

  it('streams tool calls and usage like a provider', async () => {
    const model = new ScriptedModel('s', {
      replies: [
        {
          toolCalls: [{ name: 'write_file', input: { path: 'a.ts' } }],
          usage: { inputTokens: 5, outputTokens: 7 },
        },
      ],
    });
    const { stream } = await model.doStream(call('x', 'y', 'z'));
    const parts = await Array.fromAsync(stream);
    expect(parts).toContainEqual({
      type: 'tool-call',
      toolCallId: 'call_0',
      toolName: 'write_file',
      input: '{"path":"a.ts"}',
    });
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'tool-calls' },
      usage: { inputTokens: { total: 5 } },
    });
  });

  it('says which call it has no reply for', async () => {
    const model = new ScriptedModel('session.json', {
      replies: [{ match: { stage: 'review' }, text: 'x' }],
    });
    await expect(model.doGenerate(call('decomposition', 'planner', 'go'))).rejects.toSatisfy(
      (error: unknown) =>
        LokiError.isInstance(error) &&
        error.code === 'model.script-exhausted' &&
        error.message.includes('stage "decomposition", agent "planner"'),
    );
  });
});
