import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../journal/index.ts';
import { git } from '../workspace/index.ts';
import { cleanEnvironment, createWorkspace, runLoki } from './testing/run-loki.ts';

function pythonProject(testBody: string): string {
  const root = mkdtempSync(join(tmpdir(), 'loki-gates-cli-'));
  const files: Record<string, string> = {
    'pyproject.toml': '[project]\nname = "calc"\nversion = "0.1.0"\n',
    'setup.cfg': '[flake8]\nexclude = .venv\n',
    'calc/__init__.py': '',
    'calc/ops.py': 'def add(a, b):\n    return a + b\n',
    'tests/test_ops.py': `from calc.ops import add\n\n\ndef test_add():\n    ${testBody}\n`,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('loki gates (real child process, real tools) [slow]', () => {
  const { cwd, home } = createWorkspace();
  const env = cleanEnvironment(home);

  it('prints each gate with its measured figure and threshold, exit 0 when all pass, and journals the run', async () => {
    const result = await runLoki(['gates', pythonProject('assert add(2, 2) == 4')], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^GATE\s+RESULT\s+MEASURED\s+THRESHOLD$/m);
    expect(result.stdout).toMatch(/^tests\s+pass\s+1\/1 passed\s+all pass, at least one$/m);
    expect(result.stdout).toMatch(/^coverage\s+pass\s+100\.0 %\s+>= 80 %$/m);
    using journal = Journal.open(join(cwd, '.loki', 'journal.db'));
    expect(journal.listRuns()[0]).toMatchObject({
      status: 'succeeded',
      settings: { kind: 'gates' },
    });
  }, 120_000);

  it('exits 1 naming the failing gate', async () => {
    const result = await runLoki(['gates', pythonProject('assert add(2, 2) == 5'), '--json'], {
      cwd,
      env,
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      passed: boolean;
      gates: { gate: string; passed: boolean }[];
    };
    expect(report.passed).toBe(false);
    expect(report.gates.find((gate) => gate.gate === 'tests')?.passed).toBe(false);
  }, 120_000);

  it('with --base, blocks on tests weakened since that commit, naming file and line', async () => {
    const root = pythonProject(
      'assert add(2, 2) == 4\n\n\ndef test_add_more():\n    assert add(1, 2) == 3',
    );
    await git(root, ['init', '-q', '-b', 'main']);
    await git(root, ['add', '-A']);
    await git(root, ['commit', '-q', '-m', 'base']);
    writeFileSync(
      join(root, 'tests/test_ops.py'),
      'from calc.ops import add\n\n\ndef test_add():\n    assert add(2, 2) == 4\n',
    );
    const result = await runLoki(['gates', root, '--base', 'main'], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^integrity\s+FAIL\s+1 finding in 1 test files \(changed since [0-9a-f]{12}\)/m,
    );
    expect(result.stdout).toContain('tests/test_ops.py:8 test-deleted: test "test_add_more"');
    expect(result.stdout).toMatch(/^tests\s+pass\s+1\/1 passed/m);
    const unknown = await runLoki(['gates', root, '--base', 'no-such-branch'], { cwd, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--base no-such-branch is not a commit');
  }, 120_000);

  it('measures a Node project the same way: node:test counted, coverage measured', async () => {
    const root = mkdtempSync(join(tmpdir(), 'loki-gates-node-'));
    const files: Record<string, string> = {
      'package.json': JSON.stringify({
        name: 'calc',
        type: 'module',
        scripts: { test: 'node --test' },
      }),
      'src/add.js': 'export const add = (a, b) => a + b;\n',
      'test/add.test.js': `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { add } from '../src/add.js';

test('adds', () => assert.equal(add(2, 2), 4));
test('adds negatives', () => assert.equal(add(-2, -2), -4));
`,
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const config = join(root, 'loki.config.json');
    writeFileSync(config, JSON.stringify({ gates: { requireLinter: false } }));
    const result = await runLoki(['gates', root, '--config', config, '--json'], { cwd, env });
    const printed = JSON.parse(result.stdout) as {
      passed: boolean;
      gates: { gate: string; passed: boolean; measured: string }[];
    };
    expect(printed.gates.find((gate) => gate.gate === 'tests')).toMatchObject({
      passed: true,
      measured: '2/2 passed',
    });
    expect(printed.gates.find((gate) => gate.gate === 'coverage')).toMatchObject({
      passed: true,
      measured: '100.0 %',
    });
    expect(printed.passed).toBe(true);
    expect(result.code).toBe(0);
  }, 120_000);

  it('exits 2 for a missing directory or one that is not a project', async () => {
    const missing = await runLoki(['gates', join(cwd, 'nope')], { cwd, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope does not exist/);
    const empty = mkdtempSync(join(tmpdir(), 'loki-empty-'));
    const notProject = await runLoki(['gates', empty], { cwd, env });
    expect(notProject.code).toBe(2);
    expect(notProject.stderr).toMatch(/is not a project Loki can check: no known stack/);
  });
});
