import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCommandRunner } from '../../workspace/index.ts';
import { gateThresholdsSchema } from '../../config/index.ts';
import { runQualityGates } from './quality-gates.ts';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'loki-gates-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const pythonProject = (extra: Record<string, string> = {}) =>
  project({
    'pyproject.toml':
      '[project]\nname = "calc"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
    'setup.cfg': '[flake8]\nmax-line-length = 100\nexclude = .venv\n',
    'calc/__init__.py': '',
    'calc/ops.py': 'def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n',
    'tests/test_ops.py':
      'from calc.ops import add, sub\n\n\ndef test_add():\n    assert add(2, 2) == 4\n\n\ndef test_sub():\n    assert sub(3, 1) == 2\n',
    ...extra,
  });

describe('quality gates (real projects, real tools) [slow]', () => {
  it('passes a Python project whose tests pass, are covered, lint clean and audit clean', async () => {
    const runner = await createCommandRunner({ root: pythonProject(), sandbox: 'none' });
    const report = await runQualityGates(runner, gateThresholdsSchema.parse({}));
    expect(report.gates.map((gate) => [gate.gate, gate.passed, gate.measured])).toEqual([
      ['tests', true, '2/2 passed'],
      ['coverage', true, '100.0 %'],
      ['lint', true, '0 errors, 0 warnings'],
      ['integrity', true, '0 findings in 1 test files (whole tree)'],
      ['audit', true, '0 findings'],
    ]);
    expect(report.passed).toBe(true);
  }, 120_000);

  it('fails each gate for its own reason: a failing test, low coverage, a lint error, a leaked secret', async () => {
    const root = pythonProject({
      'calc/ops.py':
        'import os\n\n\ndef add(a, b):\n    return a + b\n\n\ndef unused(a):\n    if a:\n        return 1\n    return 2\n\n\ndef more(a):\n    return [a] * 3\n',
      'tests/test_ops.py':
        'import pytest\nfrom calc.ops import add\n\n\ndef test_add():\n    assert add(2, 2) == 5\n\n\n@pytest.mark.skip\ndef test_more():\n    assert add(1, 1) == 2\n',
      // Built at run time, so this repository holds no secret-shaped text of its own.
      'calc/settings.py': `AWS_SECRET_ACCESS_KEY = "${randomBytes(30).toString('base64')}"\nAWS_ACCESS_KEY_ID = "AKIA${randomBytes(8).toString('hex').toUpperCase()}"\n`,
    });
    const runner = await createCommandRunner({ root, sandbox: 'none' });
    const report = await runQualityGates(runner, gateThresholdsSchema.parse({}));
    const byGate = Object.fromEntries(report.gates.map((gate) => [gate.gate, gate]));
    expect(report.passed).toBe(false);
    expect(byGate['tests']).toMatchObject({ passed: false, measured: '0/2 passed' });
    expect(byGate['tests']?.detail).toContain('test_add');
    expect(byGate['coverage']?.passed).toBe(false);
    expect(byGate['coverage']?.detail).toMatch(/line coverage is \d+\.\d %/);
    expect(byGate['lint']).toMatchObject({ passed: false });
    expect(byGate['lint']?.detail).toMatch(/F401/);
    expect(byGate['integrity']).toMatchObject({ passed: false });
    expect(byGate['integrity']?.detail).toBe(
      'tests/test_ops.py:9 skipped-test: @pytest.mark.skip turns off "test_more"',
    );
    expect(byGate['audit']?.passed).toBe(false);
  }, 120_000);

  it('fails the lint gate of a project with no linter, unless configured not to require one', async () => {
    const root = project({
      'package.json': JSON.stringify({
        name: 'n',
        type: 'module',
        scripts: { test: 'node --test' },
      }),
      'index.js': 'export const one = 1;\n',
      'test/index.test.js':
        "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { one } from '../index.js';\ntest('one', () => assert.equal(one, 1));\n",
    });
    const runner = await createCommandRunner({ root, sandbox: 'none' });
    const strict = await runQualityGates(runner, gateThresholdsSchema.parse({}));
    expect(strict.gates.find((gate) => gate.gate === 'lint')).toMatchObject({
      passed: false,
      measured: 'not run',
    });
    const lenient = await runQualityGates(
      runner,
      gateThresholdsSchema.parse({ requireLinter: false }),
    );
    expect(lenient.gates.find((gate) => gate.gate === 'lint')?.passed).toBe(true);
    expect(lenient.gates.find((gate) => gate.gate === 'tests')).toMatchObject({
      passed: true,
      measured: '1/1 passed',
    });
  }, 120_000);
});
