import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { runEventSchema } from '../events/index.ts';
import { Journal } from '../journal/index.ts';
import { startTestModelServer, type TestModelServer } from '../model/test-server/index.ts';
import { taskGraphSchema } from '../pipeline/index.ts';
import {
  cleanEnvironment,
  createWorkspace,
  examplePrd,
  exampleSession,
  readmeAgentReply,
  runLoki,
  tinyGraph,
} from './testing/run-loki.ts';

const scripted = `scripted/${exampleSession}`;
const exampleGraph = taskGraphSchema.parse(
  (JSON.parse(readFileSync(exampleSession, 'utf8')) as { replies: { object: unknown }[] })
    .replies[0]!.object,
);

let server: TestModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('loki run (a real child process)', () => {
  it('runs the bundled example end to end on its scripted session: the product is built and its tests pass [slow]', async () => {
    const { cwd, home } = createWorkspace();
    const env = cleanEnvironment(home, { LOKI_DEPLOYMENTS_DIR: join(cwd, 'deployments') });
    // The run deploys the product: its servers outlive the run and must be stopped.
    onTestFinished(async () => void (await runLoki(['stop', 'product'], { cwd, env })));
    const exampleConfig = join(dirname(examplePrd), 'loki.config.json');
    const result = await runLoki(
      ['run', examplePrd, '--config', exampleConfig, '--model', scripted, '--out', 'product'],
      { cwd, env },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('this run replays a scripted model session');
    expect(result.stderr).toContain('Decomposition');
    const [runId, status, outDir] = result.stdout.trim().split(' ');
    expect(status).toBe('succeeded');
    expect(outDir).toBe(join(cwd, 'product'));
    using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
    expect(journal.getRun(runId!)?.status).toBe('succeeded');
    expect(taskGraphSchema.parse(journal.getCheckpoint(runId!, 'decomposition')?.output)).toEqual(
      exampleGraph,
    );
    expect(journal.listModelCalls(runId!).length).toBeGreaterThan(5);
    expect(journal.listTasks(runId!).every((task) => task.state === 'done')).toBe(true);
    const byHand = execFileSync(process.execPath, ['--test', '--test-reporter=tap'], {
      cwd: outDir!,
      encoding: 'utf8',
    });
    expect(byHand).toMatch(/# fail 0/);
    const deployed = journal.getCheckpoint(runId!, 'deployment')?.output as { url: string };
    expect((await fetch(`${deployed.url}/health`)).status).toBe(200);
    // Every stage left its evidence: tests, gates, audit and the deployment's health.
    const summary = journal.getRun(runId!)?.summary as {
      proof?: { headline: string; gaps: string[] };
      acceptance?: { criteria: { heldOut: boolean; passed: boolean }[] };
    };
    expect(summary.proof).toMatchObject({ headline: 'VERIFIED', gaps: [] });
    // The verifier's checks of the plan's eight product criteria, two held out, all met.
    const criteria = summary.acceptance?.criteria ?? [];
    expect(criteria.map((criterion) => criterion.passed)).toEqual(Array(8).fill(true));
    expect(criteria.filter((criterion) => criterion.heldOut)).toHaveLength(2);
  }, 600_000);

  it('runs a PRD through the OpenAI-compatible provider against the test server over HTTP', async () => {
    server = await startTestModelServer({
      replies: [{ text: JSON.stringify(tinyGraph) }, readmeAgentReply],
    });
    const { cwd, home } = createWorkspace();
    const result = await runLoki(
      [
        'run',
        examplePrd,
        '--model',
        'openai-compatible/test-model',
        '--base-url',
        server.baseUrl,
        '--out',
        'product',
      ],
      { cwd, env: cleanEnvironment(home) },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^run_\S+ succeeded /);
    const completions = server.requests.filter(
      (request) => request.path === '/v1/chat/completions',
    );
    expect(completions).toHaveLength(2);
    expect(completions[0]!.body).toMatchObject({
      model: 'test-model',
      stream: true,
      response_format: { type: 'json_schema' },
    });
    expect(JSON.stringify(completions[0]!.body)).toContain('Todo API');
    // The agent's request carried the tools; its tool calls really wrote the file on main.
    expect(completions[1]!.body).toMatchObject({
      tools: expect.arrayContaining([
        expect.objectContaining({ function: expect.objectContaining({ name: 'write_file' }) }),
      ]),
    });
    expect(readFileSync(join(cwd, 'product', 'README.md'), 'utf8')).toBe('# Tiny\n');
  });

  it('--json writes only NDJSON events to stdout, ending with exactly one run-finished', async () => {
    const { cwd, home } = createWorkspace();
    const session = join(cwd, 'session.json');
    writeFileSync(
      session,
      JSON.stringify({
        replies: [
          { match: { stage: 'decomposition' }, object: tinyGraph },
          {
            match: { agent: 'task:readme' },
            toolCalls: readmeAgentReply.toolCalls.map(({ name, arguments: input }) => ({
              name,
              input,
            })),
          },
        ],
      }),
    );
    const result = await runLoki(['run', '-', '--model', `scripted/${session}`, '--json'], {
      cwd,
      env: cleanEnvironment(home),
      input: readFileSync(examplePrd, 'utf8'),
    });
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => runEventSchema.parse(JSON.parse(line)));
    expect(events[0]!.type).toBe('run-started');
    expect(events.filter((event) => event.type === 'run-finished')).toHaveLength(1);
    const last = events.at(-1)!;
    expect(last.type === 'run-finished' && last.summary).toMatchObject({
      status: 'succeeded',
      usage: { total: { calls: 2 } },
    });
    expect(result.stderr).toBe('');
  });

  it('--json still ends with one run-finished when the run hits its budget, and exits 4', async () => {
    const { cwd, home } = createWorkspace();
    const cyclic = structuredClone(exampleGraph);
    cyclic.tasks[0]!.dependsOn = ['health-and-tests'];
    const session = join(cwd, 'session.json');
    writeFileSync(
      session,
      JSON.stringify({
        replies: [
          { object: cyclic, usage: { inputTokens: 2_000_000, outputTokens: 0 } },
          { object: exampleGraph },
        ],
      }),
    );
    writeFileSync(
      join(cwd, 'loki.config.json'),
      JSON.stringify({
        prices: { [`scripted/${session}`]: { inputPerMillionUsd: 1, outputPerMillionUsd: 0 } },
      }),
    );
    const result = await runLoki(
      ['run', examplePrd, '--model', `scripted/${session}`, '--budget-usd', '1', '--json'],
      {
        cwd,
        env: cleanEnvironment(home),
      },
    );
    expect(result.code).toBe(4);
    const last = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
      type: string;
      summary: { status: string; stopReason: string };
    };
    expect(last).toMatchObject({
      type: 'run-finished',
      summary: { status: 'stopped', stopReason: 'budget' },
    });
  });
});

describe('loki plan, runs, status', () => {
  it('plan prints the task graph as a tree; runs and status show the journaled run', async () => {
    const { cwd, home } = createWorkspace();
    const env = cleanEnvironment(home);
    const plan = await runLoki(['plan', examplePrd, '--model', scripted], { cwd, env });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('Todo API — product requirements — 5 tasks');
    expect(plan.stdout).toMatch(/^project-skeleton \[architect\] Project skeleton$/m);
    expect(plan.stdout).toMatch(
      /^\s+└─ health-and-tests \[tests\] Health check and end-to-end tests$/m,
    );
    // The product's criteria, a quarter of them (by a hash of their text) held out.
    expect(plan.stdout.match(/^ {2}ac-\d+ /gm)).toHaveLength(8);
    expect(plan.stdout.match(/^ {2}ac-\d+ \[held out\] /gm)).toHaveLength(2);

    const planJson = await runLoki(['plan', examplePrd, '--model', scripted, '--json'], {
      cwd,
      env,
    });
    expect(taskGraphSchema.parse(JSON.parse(planJson.stdout))).toEqual(exampleGraph);

    const runs = await runLoki(['runs'], { cwd, env });
    expect(runs.stdout.split('\n')[0]).toMatch(/^RUN\s+STATUS\s+KIND/);
    expect(runs.stdout.match(/succeeded\s+plan/g)).toHaveLength(2);
    const runId = /^(run_\S+)/m.exec(runs.stdout.split('\n')[1]!)![1]!;

    const status = await runLoki(['status', runId], { cwd, env });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`Run ${runId}: succeeded`);
    expect(status.stdout).toMatch(/^health-and-tests\s+tests\s+pending\s+todo-routes$/m);

    const missing = await runLoki(['status', 'run_nope'], { cwd, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no run "run_nope"');
  });

  it('--help explains the commands and --version prints the version', async () => {
    const { cwd, home } = createWorkspace();
    const help = await runLoki(['--help'], { cwd, env: cleanEnvironment(home) });
    expect(help.code).toBe(0);
    for (const command of ['run', 'plan', 'runs', 'status', 'resume', 'config'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const runHelp = await runLoki(['run', '--help'], { cwd, env: cleanEnvironment(home) });
    expect(runHelp.stdout).toContain('--budget-usd <usd>');
    expect(runHelp.stdout).toContain('Exit status: 0 done');
    const version = await runLoki(['--version'], { cwd, env: cleanEnvironment(home) });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('loki config', () => {
  it('prints the resolved config, the model of each role and whether keys are set, never their values', async () => {
    const { cwd, home } = createWorkspace();
    writeFileSync(
      join(cwd, 'loki.config.json'),
      JSON.stringify({ roles: { reviewer: 'openai/gpt-5' }, maxTime: '2h' }),
    );
    const env = cleanEnvironment(home, {
      LOKI_MODEL: 'anthropic/claude-sonnet-4-5',
      ANTHROPIC_API_KEY: 'sk-ant-secret-value-123456',
    });
    const result = await runLoki(['config'], { cwd, env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      models: { planner: 'anthropic/claude-sonnet-4-5', reviewer: 'openai/gpt-5' },
      keys: { ANTHROPIC_API_KEY: 'set (value hidden)', OPENAI_API_KEY: 'not set' },
      config: { maxTime: 7_200_000 },
    });
    expect(result.stdout).not.toContain('sk-ant-secret-value-123456');
  });
});
