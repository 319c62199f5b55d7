import { describe, expect, it } from 'vitest';
import type { Journal } from '../../journal/index.ts';
import { openTempJournal } from '../../journal/test-support.ts';
import { SqliteMemoryStore, recordFeedback, type MemoryStore } from '../../memory/index.ts';
import { tempMemoryPath } from '../../memory/testing.ts';
import type { ScriptedReply } from '../../model/index.ts';
import { parsePrd } from '../prd.ts';
import { startRun } from '../start-run.ts';
import type { Task, TaskGraph } from '../task-graph.ts';
import {
  promptOf,
  reviewersFindNothing,
  scriptedRun,
  scriptedRunConfig,
  tempProductDir,
} from '../testing-run.ts';

// Two whole runs sharing one memory file: what run 1 learns reaches the sub-agents of run 2.

type ToolCall = { name: string; input: unknown };
const write = (path: string, content: string): ToolCall => ({
  name: 'write_file',
  input: { path, content },
});
const finish = (summary: string): ToolCall => ({ name: 'finish', input: { summary } });
const agentTurn = (agent: string, ...toolCalls: ToolCall[]): ScriptedReply => ({
  match: { agent },
  toolCalls,
});
const task = (id: string, role: Task['role'], dependsOn: string[] = []): Task => ({
  id,
  name: id,
  role,
  description: `build ${id}`,
  acceptanceCriteria: [`${id} works`],
  dependsOn,
});
const plan = (...tasks: Task[]): ScriptedReply => ({
  match: { stage: 'decomposition' },
  object: { summary: 'plan', tasks } satisfies TaskGraph,
});

const skeleton = agentTurn(
  'task:setup',
  write(
    'package.json',
    JSON.stringify({ name: 'money', type: 'module', scripts: { test: 'node --test' } }, null, 2),
  ),
  write('src/index.js', "export const name = 'money';\n"),
  write(
    'test/index.test.js',
    "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { name } from '../src/index.js';\ntest('name', () => assert.equal(name, 'money'));\n",
  ),
  finish('package.json with node --test.'),
);
const moneyTest = `import test from 'node:test';
import assert from 'node:assert/strict';
import { total } from '../src/money.js';
test('total of prices in cents', () => assert.equal(total([0.1, 0.2]), 0.3));
`;

/** One whole run; both runs of a test journal into the same file, as one project's runs do. */
async function runOnce(
  journal: Journal,
  name: string,
  prd: string,
  memory: MemoryStore,
  replies: ScriptedReply[],
) {
  // The reviewers after execution add nothing to the analyzers' facts.
  const { model, services } = scriptedRun({
    replies: [...replies, reviewersFindNothing],
    journal,
    memory,
  });
  const { summary } = await startRun(
    {
      prd: parsePrd(prd, null),
      outDir: tempProductDir(name),
      config: scriptedRunConfig({ gates: { requireLinter: false } }),
      kind: 'run',
    },
    services,
  );
  return { summary, model };
}

describe('learning across runs', () => {
  it("a test failure fixed in run 1 becomes a lesson that run 2's distiller and sub-agents get", async () => {
    const journal = openTempJournal();
    const memoryPath = tempMemoryPath();
    const prd = '# Money totals\nSum invoice prices exactly; money must never be rounded wrong.';

    {
      await using memory = SqliteMemoryStore.open(memoryPath);
      const first = await runOnce(journal, 'first', prd, memory, [
        plan(task('setup', 'architect'), task('money', 'backend', ['setup'])),
        skeleton,
        agentTurn(
          'task:money',
          write(
            'src/money.js',
            'export const total = (prices) => prices.reduce((a, b) => a + b, 0);\n',
          ),
          write('test/money.test.js', moneyTest),
          finish('src/money.js sums prices'),
        ),
        agentTurn(
          'task:money',
          write(
            'src/money.js',
            'export const total = (prices) =>\n  prices.reduce((cents, price) => cents + Math.round(price * 100), 0) / 100;\n',
          ),
          finish('money totals are summed as integer cents, then divided by 100'),
        ),
      ]);
      expect(first.summary.status).toBe('succeeded');
    }

    // A new process would open the file again: so does run 2.
    await using memory = SqliteMemoryStore.open(memoryPath);
    const lessons = await memory.list({ type: 'learned_lesson' });
    expect(lessons).toHaveLength(1);
    const lesson = lessons[0]!;
    expect(lesson).toMatchObject({
      tags: ['backend', 'failure-fixed'],
      severity: 'warning',
    });
    expect(lesson.content).toMatch(/^1 of 2 tests failed\. - total of prices in cents: /);
    expect(lesson.content).not.toContain('.loki-cache');
    expect(lesson.content).toContain(
      'fixed by: money totals are summed as integer cents, then divided by 100',
    );
    expect(lesson.sourceRun).toMatch(/^run_/);

    const constraint =
      'Sum money as integer cents, never as floats (a float total failed its test).';
    const second = await runOnce(
      journal,
      'second',
      '# Money totals for orders\nSum order prices.',
      memory,
      [
        {
          match: { stage: 'memory-retrieval' },
          object: { constraints: [{ text: constraint, lessonIds: [lesson.id] }] },
        },
        plan(task('money', 'backend')),
        agentTurn(
          'task:money',
          write(
            'package.json',
            JSON.stringify({ name: 'orders', type: 'module', scripts: { test: 'node --test' } }),
          ),
          write(
            'src/money.js',
            'export const total = (prices) =>\n  prices.reduce((cents, price) => cents + Math.round(price * 100), 0) / 100;\n',
          ),
          write('test/money.test.js', moneyTest),
          finish('money totals in integer cents'),
        ),
      ],
    );
    expect(second.summary.status).toBe('succeeded');
    // The distiller was shown the lesson, the planner and the sub-agent the constraint.
    expect(promptOf(second.model, 'distiller')).toContain(`[${lesson.id}]`);
    expect(promptOf(second.model, 'distiller')).toContain('integer cents');
    expect(promptOf(second.model, 'planner')).toContain(constraint);
    expect(promptOf(second.model, 'task:money')).toContain(
      `Constraints learned from earlier runs (they must hold)\\n- ${constraint}`,
    );
  }, 240_000);

  it("a person's critical feedback on run 1 reaches run 2's sub-agents even when the distiller leaves it out", async () => {
    const journal = openTempJournal();
    await using memory = SqliteMemoryStore.open(tempMemoryPath());
    const docs = (agent: string) =>
      agentTurn(agent, write('README.md', '# Orders\n'), finish('README.md written'));
    const first = await runOnce(
      journal,
      'first',
      '# Orders export\nExport orders as CSV.',
      memory,
      [plan(task('readme', 'docs')), docs('task:readme')],
    );
    const feedback = await recordFeedback(memory, {
      runId: first.summary.runId,
      rating: 1,
      text: 'CRITICAL: the orders CSV export put customer emails in the file; never export them',
    });
    const second = await runOnce(
      journal,
      'second',
      '# Orders export v2\nExport orders as CSV.',
      memory,
      [
        { match: { stage: 'memory-retrieval' }, object: { constraints: [] } },
        plan(task('readme', 'docs')),
        docs('task:readme'),
      ],
    );
    expect(second.summary.status).toBe('succeeded');
    expect(promptOf(second.model, 'task:readme')).toContain(
      `CRITICAL lesson ${feedback.item.id}: CRITICAL: the orders CSV export put customer emails in the file`,
    );
  }, 240_000);
});
