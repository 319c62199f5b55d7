import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../events/index.ts';
import { Journal } from '../../journal/index.ts';
import { openTempMemoryStore } from '../../memory/testing.ts';
import { ScriptedModel, type ScriptedReply } from '../../model/index.ts';
import { startTestModelServer } from '../../model/test-server/index.ts';
import { parsePrd } from '../prd.ts';
import { resumeRun, startRun } from '../start-run.ts';
import type { Task, TaskGraph } from '../task-graph.ts';

// Whole runs through decomposition and parallel execution: a scripted model, real git,
// real files, real test runs by the orchestrator.

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

// The reviewers after execution judge the product with nothing to add to the analyzers.
const reviewers = ['security', 'performance', 'architecture'].map((reviewer): ScriptedReply => ({
  match: { agent: `${reviewer}-reviewer` },
  object: { findings: [] },
  repeat: true,
}));

async function run(replies: ScriptedReply[]) {
  const root = mkdtempSync(join(tmpdir(), 'loki-execution-'));
  using journal = Journal.open(join(root, '.loki', 'journal.db'));
  const model = new ScriptedModel('session', { replies: [...replies, ...reviewers] });
  const events: RunEvent[] = [];
  const { summary, state } = await startRun(
    {
      prd: parsePrd('# Tiny\nA tiny product.', null),
      outDir: join(root, 'product'),
      // These products configure no linter: the lint gate is not what these tests are about.
      config: { model: 'scripted/session', sandbox: 'none', gates: { requireLinter: false } },
      kind: 'run',
    },
    {
      journal,
      env: {},
      memory: openTempMemoryStore().store,
      createModel: () => model,
      sinks: [(event) => events.push(event)],
    },
  );
  return { outDir: join(root, 'product'), summary, state, events, model };
}

const nodeSkeleton = agentTurn(
  'task:setup',
  write(
    'package.json',
    JSON.stringify({ name: 'tiny', type: 'module', scripts: { test: 'node --test' } }, null, 2),
  ),
  write('src/index.js', "export const name = 'tiny';\n"),
  write(
    'test/index.test.js',
    "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { name } from '../src/index.js';\ntest('name', () => assert.equal(name, 'tiny'));\n",
  ),
  finish('package.json with node --test; src/index.js exports name.'),
);

const moduleWithTest = (agent: string, file: string, body: string, check: string) =>
  agentTurn(
    agent,
    write(`src/${file}.js`, body),
    write(
      `test/${file}.test.js`,
      `import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport * as m from '../src/${file}.js';\ntest('${file}', () => { ${check} });\n`,
    ),
    finish(`src/${file}.js`),
  );

describe('the size limit', () => {
  it('starts no task past --max-lines, audits what exists, stops resumable; a resume with more lines completes it', async () => {
    const lines = (count: number) =>
      Array.from({ length: count }, (_, index) => `export const v${index} = ${index};`).join('\n');
    const docsTask = (id: string) =>
      agentTurn(`task:${id}`, write(`src/${id}.js`, lines(150)), finish(id));
    const replies = [
      plan(task('a', 'docs'), task('b', 'docs', ['a']), task('c', 'docs', ['b'])),
      docsTask('a'),
      docsTask('b'),
      docsTask('c'),
      ...reviewers,
    ];
    const root = mkdtempSync(join(tmpdir(), 'loki-size-'));
    using journal = Journal.open(join(root, '.loki', 'journal.db'));
    const memory = openTempMemoryStore().store;
    const services = {
      journal,
      env: {},
      memory,
      createModel: () => new ScriptedModel('session', { replies }),
    };
    const first = await startRun(
      {
        prd: parsePrd('# Big\nLots of code.', null),
        outDir: join(root, 'product'),
        config: { model: 'scripted/session', sandbox: 'none', maxLines: 200 },
        kind: 'run',
      },
      services,
    );
    expect(first.summary).toMatchObject({ status: 'stopped', stopReason: 'size-limit' });
    expect(first.summary.error?.message).toMatch(/300 lines of code, over the limit of 200/);
    expect(first.summary.stages.find((stage) => stage.stage === 'security-audit')?.outcome).toBe(
      'done',
    );
    expect(journal.listTasks(first.summary.runId).map((row) => [row.taskId, row.state])).toEqual([
      ['a', 'done'],
      ['b', 'done'],
      ['c', 'skipped'],
    ]);
    const resumed = await resumeRun(first.summary.runId, services, { maxLines: 5_000 });
    expect(resumed.summary.status).toBe('succeeded');
    expect(resumed.state.execution?.lines).toBe(450);
    expect(existsSync(join(root, 'product', 'src', 'c.js'))).toBe(true);
  });
});

describe('parallel execution when the model keeps failing', () => {
  it('fails only the task whose model calls fail (tried twice), and the others finish', async () => {
    const graph = { summary: 'two docs', tasks: [task('alpha', 'docs'), task('beta', 'docs')] };
    const server = await startTestModelServer({
      replies: [
        { text: JSON.stringify(graph) },
        { match: { promptIncludes: '(alpha)' }, fault: 'server-error' },
        { match: { promptIncludes: '(alpha)' }, fault: 'server-error' },
        {
          match: { promptIncludes: '(beta)' },
          toolCalls: [
            { name: 'write_file', arguments: { path: 'beta.md', content: 'beta' } },
            { name: 'finish', arguments: { summary: 'beta.md' } },
          ],
        },
      ],
    });
    try {
      const root = mkdtempSync(join(tmpdir(), 'loki-execution-'));
      using journal = Journal.open(join(root, '.loki', 'journal.db'));
      const { summary } = await startRun(
        {
          prd: parsePrd('# Docs\nTwo docs.', null),
          outDir: join(root, 'product'),
          config: {
            model: 'openai-compatible/test-model',
            baseUrl: server.baseUrl,
            sandbox: 'none',
            call: { maxRetries: 0 },
          },
          kind: 'run',
        },
        { journal, env: {}, memory: openTempMemoryStore().store },
      );
      expect(summary.status).toBe('failed');
      expect(summary.error?.message).toMatch(/alpha failed: the model failed twice: .*HTTP 500/);
      expect(journal.listTasks(summary.runId).map((row) => [row.taskId, row.state])).toEqual([
        ['alpha', 'failed'],
        ['beta', 'done'],
      ]);
      expect(readFileSync(join(root, 'product', 'beta.md'), 'utf8')).toBe('beta');
    } finally {
      await server.close();
    }
  });
});

describe('parallel execution (scripted agents, real git and test runs)', () => {
  it('builds a 3-task Node project whose own tests pass when run by hand afterwards', async () => {
    const { outDir, summary, state, events } = await run([
      plan(
        task('setup', 'architect'),
        task('math', 'backend', ['setup']),
        task('strings', 'backend', ['setup']),
      ),
      nodeSkeleton,
      moduleWithTest(
        'task:math',
        'math',
        'export const add = (a, b) => a + b;\n',
        'assert.equal(m.add(2, 2), 4);',
      ),
      moduleWithTest(
        'task:strings',
        'strings',
        'export const shout = (s) => s.toUpperCase();\n',
        "assert.equal(m.shout('a'), 'A');",
      ),
    ]);
    expect(summary.status).toBe('succeeded');
    expect(
      state.execution?.tasks.map((result) => [result.taskId, result.status, result.tests?.passed]),
    ).toEqual([
      ['setup', 'done', 1],
      ['math', 'done', 2],
      ['strings', 'done', 2],
    ]);
    const byHand = execFileSync(process.execPath, ['--test', '--test-reporter=tap'], {
      cwd: outDir,
      encoding: 'utf8',
    });
    expect(byHand).toMatch(/# pass 3/);
    expect(
      execFileSync('git', ['log', '--format=%s', 'main'], { cwd: outDir, encoding: 'utf8' }),
    ).toMatch(/Merge math: math/);
    // math and strings ran side by side: both started before either finished.
    const order = events.flatMap((event) =>
      event.type === 'task-started' || event.type === 'task-finished'
        ? [`${event.type}:${event.taskId}`]
        : [],
    );
    expect(order.indexOf('task-started:strings')).toBeLessThan(order.indexOf('task-finished:math'));
  });

  it('builds a 3-task Python project whose own tests pass when run by hand afterwards [slow]', async () => {
    const pyTest = (name: string, body: string) =>
      write(
        `tests/test_${name}.py`,
        `from tiny.${name} import *\n\n\ndef test_${name}():\n    ${body}\n`,
      );
    const { outDir, summary, state } = await run([
      plan(
        task('setup', 'architect'),
        task('arith', 'backend', ['setup']),
        task('words', 'backend', ['setup']),
      ),
      agentTurn(
        'task:setup',
        write(
          'pyproject.toml',
          '[project]\nname = "tiny"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
        ),
        write('tiny/__init__.py', 'NAME = "tiny"\n'),
        write(
          'tests/test_name.py',
          'from tiny import NAME\n\n\ndef test_name():\n    assert NAME == "tiny"\n',
        ),
        finish('pyproject.toml with pytest; package tiny.'),
      ),
      agentTurn(
        'task:arith',
        write('tiny/math_ops.py', 'def add(a, b):\n    return a + b\n'),
        pyTest('math_ops', 'assert add(2, 2) == 4'),
        finish('tiny.math_ops.add'),
      ),
      agentTurn(
        'task:words',
        write('tiny/words.py', 'def shout(text):\n    return text.upper()\n'),
        pyTest('words', 'assert shout("a") == "A"'),
        finish('tiny.words.shout'),
      ),
    ]);
    expect(summary.status).toBe('succeeded');
    expect(state.execution?.tasks.map((result) => [result.taskId, result.tests?.passed])).toEqual([
      ['setup', 1],
      ['arith', 2],
      ['words', 2],
    ]);
    const byHand = execFileSync('/usr/bin/python3', ['-m', 'pytest', '-q'], {
      cwd: outDir,
      encoding: 'utf8',
    });
    expect(byHand).toMatch(/3 passed/);
  }, 180_000);

  it('sends failing tests back to the agent, which fixes them in the next round', async () => {
    const { summary, state, events, model } = await run([
      plan(task('setup', 'architect'), task('math', 'backend', ['setup'])),
      nodeSkeleton,
      moduleWithTest(
        'task:math',
        'math',
        'export const add = (a, b) => a - b;\n',
        'assert.equal(m.add(2, 2), 4);',
      ),
      agentTurn(
        'task:math',
        {
          name: 'edit_file',
          input: { path: 'src/math.js', old_string: 'a - b', new_string: 'a + b' },
        },
        finish('fixed add'),
      ),
    ]);
    expect(summary.status).toBe('succeeded');
    const math = state.execution?.tasks.find((result) => result.taskId === 'math');
    expect(math).toMatchObject({
      status: 'done',
      rounds: 2,
      summary: 'fixed add',
      tests: { passed: 2, failed: 0 },
    });
    expect(
      events
        .filter((event) => event.type === 'tests-ran' && event.taskId === 'math')
        .map((event) => event.type === 'tests-ran' && event.passed),
    ).toEqual([false, true]);
    const feedback = JSON.stringify(
      model.calls.find((call) => JSON.stringify(call.prompt).includes('did not pass'))?.prompt,
    );
    expect(feedback).toContain('math');
  });

  it('resolves two parallel tasks that edit the same file, and the tests pass on main', async () => {
    const config = (lines: string) => write('src/config.js', lines);
    const { outDir, summary, state } = await run([
      plan(
        task('setup', 'architect'),
        task('ports', 'backend', ['setup']),
        task('names', 'backend', ['setup']),
      ),
      nodeSkeleton,
      agentTurn(
        'task:ports',
        config('export const port = 3000;\n'),
        write(
          'test/ports.test.js',
          "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { port } from '../src/config.js';\ntest('port', () => assert.equal(port, 3000));\n",
        ),
        finish('port'),
      ),
      agentTurn(
        'task:names',
        config("export const appName = 'tiny';\n"),
        write(
          'test/names.test.js',
          "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { appName } from '../src/config.js';\ntest('appName', () => assert.equal(appName, 'tiny'));\n",
        ),
        finish('appName'),
      ),
      {
        match: { agent: 'resolver:ports' },
        toolCalls: [
          config("export const appName = 'tiny';\nexport const port = 3000;\n"),
          finish('kept both'),
        ],
      },
      {
        match: { agent: 'resolver:names' },
        toolCalls: [
          config("export const appName = 'tiny';\nexport const port = 3000;\n"),
          finish('kept both'),
        ],
      },
    ]);
    expect(summary.status).toBe('succeeded');
    const conflicted = state.execution?.tasks.filter((result) => result.conflictedFiles.length > 0);
    expect(conflicted?.map((result) => result.conflictedFiles)).toEqual([['src/config.js']]);
    expect(readFileSync(join(outDir, 'src/config.js'), 'utf8')).toBe(
      "export const appName = 'tiny';\nexport const port = 3000;\n",
    );
    expect(
      execFileSync(process.execPath, ['--test', '--test-reporter=tap'], {
        cwd: outDir,
        encoding: 'utf8',
      }),
    ).toMatch(/# pass 3/);
  });

  it('fails a task that cannot get its tests to pass, skips its dependents, and says why', async () => {
    const broken = moduleWithTest(
      'task:math',
      'math',
      'export const add = () => 0;\n',
      'assert.equal(m.add(2, 2), 4);',
    );
    const { summary, state } = await run([
      plan(
        task('setup', 'architect'),
        task('math', 'backend', ['setup']),
        task('report', 'backend', ['math']),
      ),
      nodeSkeleton,
      { ...broken, repeat: true },
    ]);
    expect(summary.status).toBe('failed');
    expect(summary.error?.code).toBe('execution.tasks-failed');
    expect(summary.error?.message).toMatch(/math failed: the tests still fail after 4 rounds/);
    expect(summary.error?.message).toMatch(/report skipped: it depends on math, which failed/);
    expect(state.execution).toBeUndefined();
    expect(existsSync(join(tmpdir()))).toBe(true);
  });
});

describe('tests weakened instead of code fixed (scripted agents, real git and test runs)', () => {
  const failingMath = moduleWithTest(
    'task:math',
    'math',
    'export const add = (a, b) => a - b;\n',
    'assert.equal(m.add(2, 2), 4);',
  );
  const findingsOf = (events: RunEvent[]) =>
    events.flatMap((event) =>
      event.type === 'finding-raised' && event.source === 'test-integrity'
        ? [`${event.file}:${event.line} ${event.title.split(':')[1]?.trim() ?? ''}`]
        : [],
    );

  it('(d) an expected value edited to match the buggy output is sent back; the agent then fixes the code', async () => {
    const { summary, state, events, model } = await run([
      plan(task('setup', 'architect'), task('math', 'backend', ['setup'])),
      nodeSkeleton,
      failingMath,
      agentTurn(
        'task:math',
        {
          name: 'edit_file',
          input: { path: 'test/math.test.js', old_string: '4);', new_string: '0);' },
        },
        finish('the test now matches add'),
      ),
      agentTurn(
        'task:math',
        {
          name: 'edit_file',
          input: { path: 'test/math.test.js', old_string: '0);', new_string: '4);' },
        },
        {
          name: 'edit_file',
          input: { path: 'src/math.js', old_string: 'a - b', new_string: 'a + b' },
        },
        finish('fixed add'),
      ),
    ]);
    expect(summary.status).toBe('succeeded');
    expect(findingsOf(events)).toEqual(['test/math.test.js:4 expectation-changed']);
    const feedback = JSON.stringify(
      model.calls.find((call) => JSON.stringify(call.prompt).includes('weakened'))?.prompt,
    );
    expect(feedback).toContain('test/math.test.js:4 expectation-changed');
    expect(feedback).toContain('from 4 to 0');
    expect(state.execution?.tasks.find((result) => result.taskId === 'math')).toMatchObject({
      status: 'done',
      rounds: 3,
      tests: { passed: 2, failed: 0 },
    });
  }, 120_000);

  it('(a, b, c, e) a deleted, skipped, unfailable or empty test fails the task, named with file and line', async () => {
    const cheat = (...calls: ToolCall[]) => ({
      ...agentTurn('task:math', ...calls, finish('tests pass now')),
      repeat: true,
    });
    const cases: [ToolCall[], string[]][] = [
      [
        [{ name: 'run_command', input: { command: 'rm test/math.test.js' } }],
        ['test/math.test.js:0 test-file-deleted'],
      ],
      [
        [
          write(
            'test/math.test.js',
            "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport * as m from '../src/math.js';\ntest.skip('math', () => { assert.equal(m.add(2, 2), 4); });\ntest('math works', () => { assert.ok(true); });\n",
          ),
        ],
        ['test/math.test.js:4 skipped-test', 'test/math.test.js:5 constant-assertion'],
      ],
      [
        [
          write(
            'test/math.test.js',
            "import test from 'node:test';\n// math is covered elsewhere\n",
          ),
        ],
        ['test/math.test.js:1 empty-test-file', 'test/math.test.js:4 test-deleted'],
      ],
    ];
    for (const [calls, expected] of cases) {
      const { summary, events } = await run([
        plan(task('setup', 'architect'), task('math', 'backend', ['setup'])),
        nodeSkeleton,
        failingMath,
        cheat(...calls),
      ]);
      expect(summary.status).toBe('failed');
      expect(summary.error?.message).toMatch(
        /math failed: its tests are still weakened after 4 rounds/,
      );
      expect(summary.error?.message).toContain(expected[0]);
      expect([...new Set(findingsOf(events))]).toEqual(expected);
    }
  }, 240_000);
});
