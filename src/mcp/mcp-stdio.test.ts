import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../journal/index.ts';
import { cleanEnvironment, createWorkspace, lokiBin } from '../cli/testing/run-loki.ts';
import { developTiny, writeTinySession } from './mcp-testing.ts';

let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

/** `node bin/loki.js mcp` as a real child process, driven by the SDK's own client. */
async function connect() {
  const { cwd, home } = createWorkspace();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [lokiBin, 'mcp'],
    cwd,
    env: cleanEnvironment(home) as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const protocolErrors: Error[] = [];
  client = new Client({ name: 'loki-test', version: '1.0.0' });
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
  return { client, cwd, home, protocolErrors, stderr: () => stderr };
}

const textOf = (result: Record<string, unknown>) =>
  (result['content'] as { type: string; text: string }[]).map((part) => part.text).join('\n');

describe('loki mcp over stdio (the SDK client, a real child process)', () => {
  it('lists its tools, develops a product on the scripted model with progress, and reports the run', async () => {
    const { client, cwd, protocolErrors } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'loki_audit',
      'loki_deploy',
      'loki_develop_product',
      'loki_gates',
      'loki_memory_search',
      'loki_memory_write',
      'loki_review',
      'loki_run_status',
    ]);
    const develop = tools.find((tool) => tool.name === 'loki_develop_product')!;
    expect(develop.inputSchema.required).toEqual(['prd']);

    const session = writeTinySession(cwd);
    const { result, progress } = await developTiny(client, session);
    expect(result.isError).toBeFalsy();
    const outcome = result.structuredContent as { runId: string; status: string; outDir: string };
    expect(outcome).toMatchObject({ status: 'succeeded', outDir: join(cwd, 'product') });
    expect(textOf(result)).toContain(`Run ${outcome.runId} succeeded`);
    expect(readFileSync(join(cwd, 'product', 'README.md'), 'utf8')).toBe('# Tiny\n');

    // Progress came while the run worked, in order, from its first event to its last.
    const messages = progress.map((update) => update.message ?? '');
    expect(messages[0]).toMatch(/run started/);
    expect(messages).toContainEqual(expect.stringMatching(/Decomposition done/));
    expect(messages).toContainEqual(expect.stringMatching(/task readme done/));
    expect(messages.at(-1)).toMatch(/run succeeded/);
    expect(progress.map((update) => update.progress)).toEqual(
      messages.map((_, index) => index + 1),
    );
    expect(protocolErrors).toEqual([]);

    // The same run, as the journal has it.
    using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
    expect(journal.getRun(outcome.runId)?.status).toBe('succeeded');
    const status = await client.callTool({
      name: 'loki_run_status',
      arguments: { runId: outcome.runId },
    });
    expect(status.structuredContent).toMatchObject({
      runId: outcome.runId,
      status: 'succeeded',
      tasks: [{ taskId: 'readme', state: 'done' }],
    });
    expect(textOf(status)).toMatch(/Latest:\n[\s\S]*run succeeded/);
  }, 120_000);

  it('answers a bad call with an error that names the field and what is valid', async () => {
    const { client, cwd } = await connect();
    const bad = await client.callTool({
      name: 'loki_develop_product',
      arguments: { prd: '# Tiny', options: { concurrency: 0, modle: 'scripted/x.json' } },
    });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/options\.concurrency/);
    expect(textOf(bad)).toMatch(/unknown option "modle"; the options are model, baseUrl, out/);

    const noPrd = await client.callTool({ name: 'loki_develop_product', arguments: {} });
    expect(noPrd.isError).toBe(true);
    expect(textOf(noPrd)).toMatch(/prd/);

    const badModel = await client.callTool({
      name: 'loki_develop_product',
      arguments: { prd: '# Tiny', options: { model: 'opena/gpt-5' } },
    });
    expect(badModel.isError).toBe(true);
    expect(textOf(badModel)).toMatch(/"opena".*expected one of .*anthropic/);

    const unknownRun = await client.callTool({
      name: 'loki_run_status',
      arguments: { runId: 'run_nope' },
    });
    expect(unknownRun.isError).toBe(true);
    expect(textOf(unknownRun)).toMatch(/there is no run "run_nope"/);

    const badType = await client.callTool({
      name: 'loki_memory_write',
      arguments: { type: 'lesson', content: 'x' },
    });
    expect(badType.isError).toBe(true);
    expect(textOf(badType)).toMatch(/learned_lesson.*loki_macro.*feedback/);
    // Nothing was run or written by the bad calls.
    expect(existsSync(join(cwd, 'loki-out'))).toBe(false);
  }, 60_000);

  it('runs single stages on an existing project: the audit, the quality gates, bad input named', async () => {
    const { client, cwd } = await connect();
    const project = join(cwd, 'calc');
    mkdirSync(join(project, 'test'), { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'calc', type: 'module', scripts: { test: 'node --test' } }),
    );
    writeFileSync(join(project, 'index.js'), 'export const add = (a, b) => a + b;\n');
    writeFileSync(
      join(project, 'test/index.test.js'),
      "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from '../index.js';\ntest('adds', () => assert.equal(add(2, 2), 4));\n",
    );
    for (const args of [
      ['init', '-q', '-b', 'main'],
      ['add', '-A'],
      ['commit', '-qm', 'calc'],
    ])
      execFileSync('git', args, {
        cwd: project,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@t',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@t',
        },
      });
    const review = await client.callTool(
      { name: 'loki_review', arguments: { dir: 'calc' } },
      undefined,
      { timeout: 120_000 },
    );
    expect(review.isError).toBeFalsy();
    expect(review.structuredContent).toMatchObject({ passed: true, findings: [] });
    // No model is configured or reachable here: the analyzers ran, and the answer says so.
    expect(textOf(review)).toMatch(
      /model judgement skipped: no model is chosen and none is reachable/,
    );
    const audit = await client.callTool({ name: 'loki_audit', arguments: { dir: 'calc' } });
    expect(audit.isError).toBeFalsy();
    expect(audit.structuredContent).toMatchObject({ passed: true, findings: [] });

    const gates = await client.callTool(
      { name: 'loki_gates', arguments: { dir: 'calc' } },
      undefined,
      { timeout: 120_000 },
    );
    expect(gates.isError).toBeFalsy();
    const measured = (
      gates.structuredContent as { gates: { gate: string; passed: boolean; measured: string }[] }
    ).gates;
    expect(measured.find((gate) => gate.gate === 'tests')).toMatchObject({
      passed: true,
      measured: '1/1 passed',
    });
    expect(measured.find((gate) => gate.gate === 'lint')).toMatchObject({
      passed: false,
      measured: 'not run',
    });
    expect(textOf(gates)).toMatch(/^tests: pass — 1\/1 passed/m);
    using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
    expect(journal.listRuns()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ settings: expect.objectContaining({ kind: 'gates' }) }),
        expect.objectContaining({ settings: expect.objectContaining({ kind: 'audit' }) }),
      ]),
    );
    const auditRun = (audit.structuredContent as { runId: string }).runId;
    expect(journal.getRun(auditRun)).toMatchObject({ status: 'succeeded' });

    const missing = await client.callTool({ name: 'loki_gates', arguments: { dir: 'nope' } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/nope does not exist/);
    const badTarget = await client.callTool({
      name: 'loki_deploy',
      arguments: { dir: 'calc', target: 'ftp' },
    });
    expect(badTarget.isError).toBe(true);
    expect(textOf(badTarget)).toMatch(/local.*docker.*vercel/);
  }, 180_000);

  it('writes a lesson to memory and finds it again', async () => {
    const { client, home } = await connect();
    const written = await client.callTool({
      name: 'loki_memory_write',
      arguments: {
        type: 'learned_lesson',
        content: 'List endpoints must paginate: return at most 100 items and a next cursor.',
        tags: ['API', 'pagination'],
        severity: 'warning',
      },
    });
    expect(written.isError).toBeFalsy();
    expect(written.structuredContent).toMatchObject({
      merged: false,
      store: join(home, '.loki', 'memory.db'),
      item: { type: 'learned_lesson', tags: ['api', 'pagination'], severity: 'warning' },
    });
    const found = await client.callTool({
      name: 'loki_memory_search',
      arguments: { query: 'paginate list endpoints', tags: ['api'] },
    });
    const hits = (found.structuredContent as { hits: { id: string; content: string }[] }).hits;
    expect(hits.map((hit) => hit.id)).toEqual([
      (written.structuredContent as { item: { id: string } }).item.id,
    ]);
    const none = await client.callTool({
      name: 'loki_memory_search',
      arguments: { query: 'paginate', type: 'feedback' },
    });
    expect(textOf(none)).toMatch(/No memory matches "paginate"/);
  }, 60_000);
});
