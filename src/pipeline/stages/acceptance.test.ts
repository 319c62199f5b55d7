import { readFileSync } from 'node:fs';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { afterAll, describe, expect, it } from 'vitest';
import { deploymentsDirectory, stopLocalProject } from '../../deploy/index.ts';
import type { RunEvent, RunEventOf } from '../../events/index.ts';
import { callContextOf } from '../../model/call-context.ts';
import type { ScriptedReply } from '../../model/index.ts';
import { productCriteriaOf } from '../acceptance/product-criteria.ts';
import { parsePrd } from '../prd.ts';
import { proofSchema } from '../proof/proof-schema.ts';
import { resumeRun, startRun } from '../start-run.ts';
import {
  reviewersFindNothing,
  scriptedRun,
  scriptedRunConfig,
  tempProductDir,
} from '../testing-run.ts';
import { checksCheckpoint, roundCheckpoint } from './acceptance.ts';

const visible = 'GET / answers 200 with the text hello';
const heldOut = 'GET /health answers 200 with the JSON body {"status":"ok"}';

const prd = parsePrd(
  '# Greeter\nA tiny HTTP service that greets whoever calls it, with a health route for the monitors.\n',
  'PRD.md',
);

const plan = {
  summary: 'One Node server on node:http.',
  tasks: [
    {
      id: 'server',
      name: 'The greeter server',
      role: 'backend' as const,
      description: 'package.json, app.js (the handler), server.js (listens on PORT), tests.',
      acceptanceCriteria: ['npm test passes', heldOut],
      dependsOn: [],
    },
  ],
  acceptanceCriteria: [visible, heldOut],
};

const app = (health: string) =>
  [
    'export function handle(request, response) {',
    "  if (request.url === '/health') {",
    "    response.writeHead(200, { 'content-type': 'application/json' });",
    `    response.end(JSON.stringify(${health}));`,
    '    return;',
    '  }',
    "  if (request.url === '/') {",
    "    response.writeHead(200, { 'content-type': 'text/plain' });",
    "    response.end('hello\\n');",
    '    return;',
    '  }',
    '  response.writeHead(404);',
    '  response.end();',
    '}',
    '',
  ].join('\n');

const product = {
  'package.json': JSON.stringify({
    name: 'greeter',
    type: 'module',
    scripts: { start: 'node server.js', test: 'node --test' },
  }),
  'server.js': [
    "import { createServer } from 'node:http';",
    "import { handle } from './app.js';",
    'const server = createServer(handle).listen(Number(process.env.PORT ?? 3000));',
    "process.on('SIGTERM', () => server.close());",
    '',
  ].join('\n'),
  'app.js': app('{ healthy: true }'),
  'test/app.test.js': [
    "import test from 'node:test';",
    "import assert from 'node:assert/strict';",
    "import { createServer } from 'node:http';",
    "import { handle } from '../app.js';",
    "test('GET / greets', async () => {",
    '  const server = createServer(handle).listen(0);',
    "  await new Promise((resolve) => server.once('listening', resolve));",
    '  const response = await fetch(`http://127.0.0.1:${server.address().port}/`);',
    "  assert.equal(await response.text(), 'hello\\n');",
    '  server.close();',
    '});',
    '',
  ].join('\n'),
};

const write = (path: string, content: string) => ({ name: 'write_file', input: { path, content } });

const replies: ScriptedReply[] = [
  { match: { stage: 'decomposition' }, object: plan },
  {
    match: { agent: 'task:server' },
    toolCalls: [
      ...Object.entries(product).map(([path, content]) => write(path, content)),
      { name: 'finish', input: { summary: 'built the greeter: app.js, server.js, a test' } },
    ],
  },
  reviewersFindNothing,
  {
    match: { agent: 'verifier' },
    object: {
      checks: [
        {
          criterionId: 'ac-1',
          kind: 'http',
          steps: [{ method: 'GET', path: '/', expect: { status: 200, bodyIncludes: ['hello'] } }],
        },
        {
          criterionId: 'ac-2',
          kind: 'http',
          steps: [
            {
              method: 'GET',
              path: '/health',
              expect: { status: 200, json: [{ path: '', equals: { status: 'ok' } }] },
            },
          ],
        },
      ],
    },
  },
  {
    match: { agent: 'task:acceptance-r1' },
    toolCalls: [
      write('app.js', app("{ status: 'ok' }")),
      { name: 'finish', input: { summary: 'GET /health answers {"status":"ok"}' } },
    ],
  },
];

afterAll(async () => {
  for (const project of ['greeter', 'greeter-resumed', 'greeter-plain'])
    await stopLocalProject(deploymentsDirectory({ env: process.env }), project).catch(() => false);
});

const config = scriptedRunConfig({ gates: { requireLinter: false, minCoveragePercent: 0 } });

/** Every text a call's prompt carries, system prompt and tool results included. */
function promptText(call: LanguageModelV4CallOptions): string {
  return call.prompt
    .flatMap((message) =>
      typeof message.content === 'string'
        ? [message.content]
        : message.content.map((part) => (part.type === 'text' ? part.text : JSON.stringify(part))),
    )
    .join('\n');
}

const checked = (events: RunEvent[]) =>
  events.filter(
    (event): event is RunEventOf<'acceptance-checked'> => event.type === 'acceptance-checked',
  );

describe('held-out acceptance', { timeout: 180_000 }, () => {
  it('holds the health criterion out of every coder prompt, finds it unmet, remediates it and passes on the re-run', async () => {
    expect(productCriteriaOf(plan, 25).map((criterion) => criterion.heldOut)).toEqual([
      false,
      true,
    ]);
    const { model, events, journal, services } = scriptedRun({ replies });
    const outDir = tempProductDir('greeter');
    const { summary } = await startRun({ prd, outDir, config, kind: 'run' }, services);

    expect(summary.status).toBe('succeeded');
    expect(summary.acceptance).toEqual({
      note: null,
      criteria: [
        { id: 'ac-1', text: visible, heldOut: false, passed: true },
        { id: 'ac-2', text: heldOut, heldOut: true, passed: true },
      ],
    });
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
    expect(summary.stages.find((stage) => stage.stage === 'acceptance')?.summary).toBe(
      '2/2 acceptance criteria met (1/1 held out), after 1 round of remediation',
    );

    // The verifier found it on the first run of the checks, from the real response.
    const rounds = checked(events);
    expect(
      rounds.map((event) => [event.round, event.criterionId, event.heldOut, event.passed]),
    ).toEqual([
      [0, 'ac-1', false, true],
      [0, 'ac-2', true, false],
      [1, 'ac-1', false, true],
      [1, 'ac-2', true, true],
    ]);
    expect(rounds[1]?.checks[0]).toMatchObject({
      subject: 'GET /health',
      observed: expect.stringContaining('{"healthy":true}'),
    });
    expect(journal.listTasks(summary.runId).map((task) => [task.taskId, task.state])).toEqual([
      ['server', 'done'],
      ['acceptance-r1', 'done'],
    ]);

    // No coder ever read the held-out criterion; the visible one reached the coder.
    const coderCalls = model.calls.filter(
      (call) => callContextOf(call.providerOptions).role === 'coder',
    );
    const agents = new Set(coderCalls.map((call) => callContextOf(call.providerOptions).agent));
    expect([...agents].sort()).toEqual(['task:acceptance-r1', 'task:server']);
    for (const call of coderCalls) expect(promptText(call)).not.toContain(heldOut);
    const serverPrompt = promptText(coderCalls[0]!);
    expect(serverPrompt).toContain(visible);
    expect(serverPrompt).toContain('npm test passes');
    const fixPrompt = promptText(
      coderCalls.find(
        (call) => callContextOf(call.providerOptions).agent === 'task:acceptance-r1',
      )!,
    );
    expect(fixPrompt).toContain('A held-out acceptance criterion');
    expect(fixPrompt).toContain('GET /health');
    expect(fixPrompt).toContain('the JSON body equal to {"status":"ok"}');

    // The verifier has its own context: the criteria and the product from outside, no coder talk.
    const verifierCalls = model.calls.filter(
      (call) => callContextOf(call.providerOptions).role === 'verifier',
    );
    expect(verifierCalls).toHaveLength(1);
    const verifierPrompt = promptText(verifierCalls[0]!);
    expect(verifierPrompt).toContain(`ac-2: ${heldOut}`);
    expect(verifierPrompt).toContain('server.js');
    expect(verifierPrompt).toContain('`npm start`');
    expect(verifierPrompt).not.toContain('built the greeter');

    // The receipt holds each verdict as a fact citing its journal entry.
    const proof = proofSchema.parse(JSON.parse(readFileSync(summary.proof!.path, 'utf8')));
    expect(proof.facts.acceptance?.criteria).toEqual([
      expect.objectContaining({
        id: 'ac-1',
        passed: true,
        round: 1,
        cites: [expect.stringMatching(/^event:\d+$/)],
      }),
      expect.objectContaining({ id: 'ac-2', heldOut: true, passed: true, round: 1 }),
    ]);
    expect(proof.gaps.join('\n')).not.toContain('acceptance');
  });

  it('resumes after an interrupt without asking the verifier again or repeating a round', async () => {
    const interrupt = new AbortController();
    const first = scriptedRun({ replies });
    const journal = first.journal;
    first.services.sinks.push((event: RunEvent) => {
      if (event.type === 'task-started' && event.taskId === 'acceptance-r1') interrupt.abort();
    });
    const outDir = tempProductDir('greeter-resumed');
    const stopped = await startRun(
      { prd, outDir, config, kind: 'run' },
      { ...first.services, signal: interrupt.signal },
    );
    expect(stopped.summary.status).toBe('stopped');
    expect(journal.getCheckpoint(stopped.summary.runId, checksCheckpoint)).toBeDefined();
    expect(journal.getCheckpoint(stopped.summary.runId, roundCheckpoint(0))).toBeDefined();

    const second = scriptedRun({ replies, journal });
    const { summary } = await resumeRun(stopped.summary.runId, second.services);
    expect(summary.status).toBe('succeeded');
    expect(summary.acceptance?.criteria.every((criterion) => criterion.passed)).toBe(true);
    expect(
      second.model.calls.some((call) => callContextOf(call.providerOptions).role === 'verifier'),
    ).toBe(false);
    expect(checked(second.events).map((event) => event.round)).toEqual([1, 1]);
  });

  it('skips the stage with a note when the plan names no product criteria', async () => {
    const withoutCriteria: ScriptedReply[] = [
      { match: { stage: 'decomposition' }, object: { ...plan, acceptanceCriteria: undefined } },
      ...replies.slice(1),
    ];
    const { model, services } = scriptedRun({ replies: withoutCriteria });
    const { summary } = await startRun(
      { prd, outDir: tempProductDir('greeter-plain'), config, kind: 'run' },
      services,
    );
    expect(summary.status).toBe('succeeded');
    expect(summary.acceptance).toEqual({
      note: 'the plan names no acceptance criteria for the whole product',
      criteria: [],
    });
    expect(
      model.calls.some((call) => callContextOf(call.providerOptions).role === 'verifier'),
    ).toBe(false);
  });
});
