import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { temporaryProject, type TemporaryProject } from '../test-support/temporary-project.ts';
import { pythonStack } from './python-stack.ts';

const calc = [
  'def add(a, b):',
  '    return a + b',
  '',
  '',
  'def sub(a, b):',
  '    if a > 100:',
  '        return 0',
  '    return a - b',
  '',
].join('\n');

const pytestTests = [
  'from calc import add',
  '',
  '',
  'def test_adds():',
  '    assert add(1, 2) == 3',
  '',
  '',
  'def test_adds_wrongly():',
  '    assert add(1, 2) == 4, "sum is off"',
  '',
].join('\n');

const unittestTests = [
  'import unittest',
  '',
  'from calc import add',
  '',
  '',
  'class AddTest(unittest.TestCase):',
  '    def test_adds(self):',
  '        self.assertEqual(add(1, 2), 3)',
  '',
  '    def test_adds_wrongly(self):',
  '        self.assertEqual(add(1, 2), 4)',
  '',
  '    @unittest.skip("later")',
  '    def test_later(self):',
  '        pass',
  '',
].join('\n');

// Real processes on a shared, busy machine: far above what they take (a few seconds).
const slowTestTimeoutMs = 120_000;

let project: TemporaryProject | undefined;
afterEach(() => project?.remove());

describe('pythonStack on real projects', () => {
  it(
    '[slow] installs into a system-site-packages venv without pip, then counts pytest results and coverage',
    async () => {
      project = await temporaryProject({
        'requirements.txt': 'pytest>=7\n',
        'calc/__init__.py': calc,
        'tests/test_calc.py': pytestTests,
      });
      const install = await pythonStack.install(project.runner);
      expect(install.ok, install.output).toBe(true);
      expect(install.summary).toContain('pip not run');
      expect(existsSync(join(project.root, '.venv/bin/python'))).toBe(true);

      const report = await pythonStack.test(project.runner, { coverage: true });
      expect(report).toMatchObject({
        ran: true,
        runner: 'pytest',
        passed: 1,
        failed: 1,
        total: 2,
        exitCode: 1,
      });
      expect(report.failures).toEqual([
        {
          name: 'tests.test_calc.test_adds_wrongly',
          message: expect.stringContaining('sum is off'),
        },
      ]);
      // calc has 6 statements; the tests reach 3 of them (tests themselves are not measured).
      expect(report.coveragePercent).toBe(50);
      expect(report.command).toContain('.venv/bin/python -m coverage run');
      expect(existsSync(join(project.root, '.loki-cache/stacks'))).toBe(true);
    },
    slowTestTimeoutMs,
  );

  it(
    '[slow] says exactly which requirements pip could not install',
    async () => {
      project = await temporaryProject({
        'requirements.txt': 'pytest\nloki-surely-absent-package==9.9\n',
      });
      const install = await pythonStack.install(project.runner);
      expect(install.ok).toBe(false);
      expect(install.missing).toEqual(['loki-surely-absent-package==9.9']);
      expect(install.summary).toContain(
        'could not install 1 requirement(s): loki-surely-absent-package==9.9 (requirements.txt)',
      );
      expect(install.command).toContain('-m pip install');
    },
    slowTestTimeoutMs,
  );

  it(
    '[slow] replaces a venv made without the system site-packages, so Debian pytest is seen',
    async () => {
      project = await temporaryProject({
        'requirements.txt': 'pytest\n',
        'tests/test_ok.py': 'def test_ok():\n    pass\n',
      });
      const made = await project.runner.run({
        command: '/usr/bin/python3 -m venv --without-pip .venv',
      });
      expect(made.exitCode).toBe(0);
      const install = await pythonStack.install(project.runner);
      expect(install.ok, install.output).toBe(true);
      expect(install.summary).toMatch(
        /^recreated \.venv \(\.venv was made without --system-site-packages\)/,
      );
      expect(await pythonStack.test(project.runner)).toMatchObject({
        runner: 'pytest',
        passed: 1,
        total: 1,
      });
    },
    slowTestTimeoutMs,
  );

  it('counts unittest results, with tests in a plain tests/ folder', async () => {
    project = await temporaryProject({
      'setup.py': 'from setuptools import setup\nsetup(name="calc")\n',
      'calc.py': calc,
      'tests/test_calc.py': unittestTests,
    });
    const report = await pythonStack.test(project.runner);
    expect(report).toMatchObject({
      ran: true,
      runner: 'unittest',
      passed: 1,
      failed: 1,
      skipped: 1,
      total: 3,
    });
    expect(report.failures[0]?.name).toBe('test_calc.AddTest.test_adds_wrongly');
    expect(report.failures[0]?.message).toContain('AssertionError: 3 != 4');
  });

  it('reports a project without tests as zero tests run', async () => {
    project = await temporaryProject({
      'pyproject.toml': '[project]\nname = "calc"\nversion = "0.1.0"\n',
      'calc.py': calc,
    });
    const report = await pythonStack.test(project.runner, { coverage: true });
    expect(report).toMatchObject({ ran: true, total: 0, passed: 0, failed: 0 });
  });

  it('counts flake8 findings when the project configures flake8, and skips linting when it configures nothing', async () => {
    project = await temporaryProject({
      'requirements.txt': '',
      'calc.py': 'import os\n\n\ndef f( x):\n    return undefined_name\n',
    });
    const unconfigured = await pythonStack.lint(project.runner);
    expect(unconfigured).toMatchObject({ ran: false, linter: null });
    expect(unconfigured.reason).toContain('no linter configured');

    project.write({ '.flake8': '[flake8]\nmax-line-length = 100\n' });
    const report = await pythonStack.lint(project.runner);
    expect(report).toMatchObject({ ran: true, linter: 'flake8', errors: 3, warnings: 0 });
    expect(report.problems.map((problem) => problem.rule)).toEqual(['F401', 'E201', 'F821']);
    expect(report.output).toContain('calc.py:1:1: error');
  });

  it('detects Python projects by their marker files or test files alone', async () => {
    project = await temporaryProject({ 'tests/test_x.py': 'def test_x():\n    pass\n' });
    expect(await pythonStack.evidence(project.root)).toEqual(['tests/test_x.py']);
    project.write({ 'requirements.txt': '' });
    expect(await pythonStack.evidence(project.root)).toEqual(['requirements.txt']);
  });

  it('starts a FastAPI app through uvicorn on $PORT, probing the health route it declares', async () => {
    project = await temporaryProject({
      'main.py':
        'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n',
    });
    expect(await pythonStack.startCommand(project.root)).toEqual({
      command: '/usr/bin/python3 -m uvicorn main:app --host 0.0.0.0 --port $PORT',
      portEnvVar: 'PORT',
      healthPath: '/health',
    });
  });
});
