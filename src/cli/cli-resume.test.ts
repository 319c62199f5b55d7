import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../journal/index.ts';
import { startTestModelServer, type TestModelServer } from '../model/test-server/index.ts';
import { taskGraphSchema } from '../pipeline/index.ts';
import {
  cleanEnvironment,
  createWorkspace,
  cyclicTinyGraph,
  examplePrd,
  readmeAgentReply,
  runLoki,
  startLoki,
  tinyGraph,
} from './testing/run-loki.ts';

// A first answer the planner must be asked to correct: the run makes a second call.
const cyclicGraph = cyclicTinyGraph;
const plannedGraph = tinyGraph;

let server: TestModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const completions = () =>
  (server?.requests ?? []).filter((request) => request.path === '/v1/chat/completions');

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startStalledRun(extraArgs: string[] = []) {
  server = await startTestModelServer({
    replies: [
      { text: JSON.stringify(cyclicGraph) },
      // The run's second call waits here; the test stops the run meanwhile.
      { text: JSON.stringify(plannedGraph), latencyMs: 120_000 },
      { text: JSON.stringify(plannedGraph) },
      readmeAgentReply,
    ],
  });
  const { cwd, home } = createWorkspace();
  const env = cleanEnvironment(home);
  const args = [
    'run',
    examplePrd,
    '--model',
    'openai-compatible/test-model',
    '--base-url',
    server.baseUrl,
    ...extraArgs,
  ];
  const child = startLoki(args, { cwd, env });
  await waitFor(() => completions().length === 2);
  return { child, cwd, env };
}

function journalRun(cwd: string) {
  using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
  const [run] = journal.listRuns();
  return {
    run: run!,
    calls: journal.listModelCalls(run!.runId),
    checkpoint: journal.getCheckpoint(run!.runId, 'decomposition'),
  };
}

describe('resume (real child processes)', () => {
  it('after kill -9 mid-run, resumes from the journal with zero repeated model calls', async () => {
    const { child, cwd, env } = await startStalledRun();
    child.kill('SIGKILL');
    expect((await child.result).signal).toBe('SIGKILL');
    const killed = journalRun(cwd);
    expect(killed.run.status).toBe('running');
    expect(killed.calls).toHaveLength(1);

    const runs = await runLoki(['runs'], { cwd, env });
    expect(runs.stdout).toMatch(new RegExp(`^${killed.run.runId}\\s+interrupted\\s`, 'm'));

    const resumed = await runLoki(['resume', killed.run.runId], { cwd, env });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/ succeeded /);

    const bodies = completions().map((request) => JSON.stringify(request.body));
    expect(bodies).toHaveLength(4);
    // The answered call was never sent again; only the one the kill left unanswered was.
    expect(bodies[2]).toBe(bodies[1]);
    expect(bodies.filter((body) => body === bodies[0])).toHaveLength(1);
    const after = journalRun(cwd);
    expect(after.run.status).toBe('succeeded');
    expect(after.calls.filter((call) => call.error === null)).toHaveLength(3);
    expect(readFileSync(join(after.run.outDir, 'README.md'), 'utf8')).toBe('# Tiny\n');
    expect(taskGraphSchema.parse(after.checkpoint?.output)).toEqual(
      taskGraphSchema.parse(plannedGraph),
    );
  });

  it('stops at the time limit with exit 4, and a resume with a longer limit finishes the run', async () => {
    const { child, cwd, env } = await startStalledRun(['--max-time', '3s']);
    const stopped = await child.result;
    expect(stopped.code).toBe(4);
    expect(stopped.stderr).toMatch(/time limit of 3s/);
    expect(journalRun(cwd).run).toMatchObject({ status: 'stopped', stopReason: 'time-limit' });

    const resumed = await runLoki(['resume', journalRun(cwd).run.runId, '--max-time', '1h'], {
      cwd,
      env,
    });
    expect(resumed.code).toBe(0);
    expect(completions()).toHaveLength(4);
    expect(journalRun(cwd).run.status).toBe('succeeded');
  });

  it('Ctrl-C stops the run cleanly (exit 130), resumable', async () => {
    const { child, cwd, env } = await startStalledRun();
    child.kill('SIGINT');
    const stopped = await child.result;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('stopping');
    const { run } = journalRun(cwd);
    expect(run).toMatchObject({ status: 'stopped', stopReason: 'interrupted', pid: null });
    const status = await runLoki(['status', run.runId], { cwd, env });
    expect(status.stdout).toContain(`Continue it with: loki resume ${run.runId}`);
    const resumed = await runLoki(['resume', run.runId], { cwd, env });
    expect(resumed.code).toBe(0);
    // Four child processes of Loki; a loaded machine takes its time starting each.
  }, 120_000);
});
