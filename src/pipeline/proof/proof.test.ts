import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../journal/index.ts';
import { openTempMemoryStore } from '../../memory/testing.ts';
import { ScriptedModel } from '../../model/index.ts';
import { parsePrd } from '../prd.ts';
import { startRun } from '../start-run.ts';
import { proofSchema } from './proof-schema.ts';
import { verifyProof } from './verify-proof.ts';

const nodeProduct = {
  'package.json': JSON.stringify({
    name: 'tiny',
    type: 'module',
    scripts: { test: 'node --test' },
  }),
  'src/index.js': "export const name = 'tiny';\n",
  'test/index.test.js':
    "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { name } from '../src/index.js';\ntest('name', () => assert.equal(name, 'tiny'));\n",
};

async function recordedRun() {
  const root = mkdtempSync(join(tmpdir(), 'loki-proof-'));
  const journal = Journal.open(join(root, '.loki', 'journal.db'));
  const model = new ScriptedModel('session', {
    replies: [
      {
        match: { stage: 'decomposition' },
        object: {
          summary: 'plan',
          tasks: [
            {
              id: 'setup',
              name: 'setup',
              role: 'backend',
              description: 'the package',
              acceptanceCriteria: ['it exports its name'],
              dependsOn: [],
            },
          ],
        },
      },
      {
        match: { agent: 'task:setup' },
        toolCalls: [
          ...Object.entries(nodeProduct).map(([path, content]) => ({
            name: 'write_file',
            input: { path, content },
          })),
          { name: 'finish', input: { summary: 'done' } },
        ],
      },
    ],
  });
  const outDir = join(root, 'product');
  const { summary } = await startRun(
    {
      prd: parsePrd('# Tiny\nA tiny package.', null),
      outDir,
      config: { model: 'scripted/session', sandbox: 'none' },
      kind: 'run',
    },
    {
      journal,
      env: {},
      memory: openTempMemoryStore().store,
      createModel: () => model,
      sinks: [],
    },
  );
  return { journal, summary, outDir };
}

const gitIn = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  }).trim();

describe('the evidence receipt of a run (scripted model, real git, real tests)', () => {
  it('records facts with citations, re-checks clean, and reports drift after an amended commit or an edited fact', async () => {
    const recorded = await recordedRun();
    using journal = recorded.journal;
    const { summary, outDir } = recorded;
    expect(summary.proof).toBeDefined();
    const proof = proofSchema.parse(JSON.parse(readFileSync(summary.proof?.path ?? '', 'utf8')));
    const { facts } = proof;
    expect(facts.run).toMatchObject({ runId: summary.runId, status: summary.status });
    expect(facts.repository?.head).toBe(gitIn(outDir, 'rev-parse', 'main'));
    expect(facts.repository?.base).toBe(gitIn(outDir, 'rev-list', '--max-parents=0', 'main'));
    expect(facts.commands).toEqual([
      expect.objectContaining({
        taskId: 'setup',
        exitCode: 0,
        passed: 1,
        total: 1,
        command: expect.stringContaining('node'),
      }),
    ]);
    const seqs = new Set(journal.listEvents(summary.runId).map((event) => `event:${event.seq}`));
    for (const cite of [
      ...(facts.repository?.cites ?? []),
      ...facts.commands.flatMap((command) => command.cites),
    ])
      expect(seqs.has(cite)).toBe(true);
    expect(facts.usage.cites).toHaveLength(facts.usage.calls);
    expect(proof.headline).toBe(summary.proof?.headline);
    if (proof.headline !== 'VERIFIED') expect(proof.gaps.length).toBeGreaterThan(0);
    expect(summary.status === 'succeeded' ? proof.headline : 'NOT VERIFIED').not.toBe('');

    const clean = await verifyProof(proof, { sandbox: 'none' });
    expect(clean.checks.map((check) => [check.check, check.ok])).toEqual([
      ['receipt', true],
      ['commits', true],
      ['branch', true],
      ['diff', true],
      ['tests', true],
    ]);

    const edited = { ...proof, facts: { ...facts, commands: [] } };
    expect((await verifyProof(edited, { retest: false })).checks[0]).toMatchObject({
      check: 'receipt',
      ok: false,
    });

    writeFileSync(join(outDir, 'src/index.js'), "export const name = 'changed';\n");
    gitIn(outDir, 'commit', '-qa', '--amend', '-m', 'amended');
    const drifted = await verifyProof(proof, { sandbox: 'none' });
    expect(drifted.ok).toBe(false);
    expect(drifted.checks.find((check) => check.check === 'branch')?.detail).toContain(
      'history was rewritten',
    );
  }, 120_000);
});
