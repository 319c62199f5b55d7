import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../core/index.ts';
import { EventBus, type RunSummary } from '../../events/index.ts';
import { runChatSession, type RunPrd } from './chat-session.ts';

const stoppedSummary: RunSummary = {
  runId: 'run_chat',
  status: 'stopped',
  stopReason: 'interrupted',
  durationMs: 10,
  stages: [],
  usage: {
    total: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    byModel: {},
    byRole: {},
  },
  error: null,
  outDir: '/tmp/out',
};

describe('the chat session', () => {
  it('keeps answering while a run works, refuses a second PRD, and !quit stops the run', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const prds: string[] = [];
    let signalOfRun: AbortSignal | undefined;
    const runPrd: RunPrd = async (prd, sink, signal) => {
      prds.push(prd);
      signalOfRun = signal;
      const bus = new EventBus('run_chat', systemClock);
      bus.subscribe(sink);
      bus.emit({ type: 'stage-started', stage: 'decomposition', title: 'Decomposition' });
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      bus.emit({ type: 'run-finished', summary: stoppedSummary });
      return stoppedSummary;
    };
    const session = runChatSession(input, output, runPrd);
    const transcript = text(output);
    input.write('!mode loki\nBuild a tiny README.\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    input.write('!mode loki\nAnother product\n!status\n!quit\n');
    await session;
    output.end();
    const lines = (await transcript).split('\n');
    expect(prds).toEqual(['Build a tiny README.']);
    expect(lines).toContain('loki> [run_chat] Decomposition started');
    expect(lines).toContain(
      'loki> run run_chat is still working; wait for it, or !quit to stop it',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^loki> run run_chat working for \d+s; latest: \[run_chat\] Decomposition started$/,
      ),
    );
    expect(signalOfRun?.aborted).toBe(true);
    expect(lines).toContainEqual(
      expect.stringMatching(/^loki> \[run_chat\] run stopped \(interrupted\)/),
    );
    expect(lines.at(-2)).toBe('loki> bye');
  });
});
