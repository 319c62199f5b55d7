import { describe, expect, it } from 'vitest';
import type { PythonProjectFacts } from './python-project.ts';
import { planPythonTests, type PythonTestPlanInput } from './python-test-plan.ts';

const facts: PythonProjectFacts = {
  evidence: ['requirements.txt'],
  testFiles: ['tests/test_a.py'],
  pytestDeclared: false,
  pytestStyleTests: false,
  coverageConfigured: false,
  ruffConfigured: false,
  flake8Configured: false,
};
const allTools = {
  pytest: true,
  coverage: true,
  flake8: true,
  ruff: false,
  gunicorn: false,
  pytest_django: false,
  pip: true,
};

function plan(overrides: Partial<PythonTestPlanInput>): ReturnType<typeof planPythonTests> {
  return planPythonTests({
    facts,
    modules: allTools,
    python: '.venv/bin/python',
    coverage: false,
    reportDirectory: 'r',
    unittestStartFolder: null,
    ...overrides,
  });
}

describe('planPythonTests', () => {
  it('uses pytest with a JUnit report when the project uses pytest', () => {
    expect(plan({ facts: { ...facts, pytestDeclared: true } })).toMatchObject({
      runner: 'pytest',
      command: '.venv/bin/python -m pytest -q --junitxml=r/junit.xml',
    });
    expect(plan({ facts: { ...facts, pytestStyleTests: true } })).toMatchObject({
      runner: 'pytest',
    });
  });

  it('uses unittest for TestCase-only projects, starting in a plain tests folder', () => {
    expect(plan({ unittestStartFolder: 'tests' })).toMatchObject({
      runner: 'unittest',
      command: '.venv/bin/python -m unittest discover -s tests',
    });
  });

  it('wraps the run in coverage.py, measuring the project but not its tests unless it configures coverage', () => {
    const measured = plan({ coverage: true, facts: { ...facts, pytestDeclared: true } });
    expect(measured).toMatchObject({ coverageData: 'r/.coverage' });
    if (measured.runner === null) throw new Error('expected a plan');
    expect(measured.command).toMatch(
      /^\.venv\/bin\/python -m coverage run --data-file=r\/\.coverage --source=\. --omit='.*tests\/\*.*' -m pytest/,
    );
    const configured = plan({ coverage: true, facts: { ...facts, coverageConfigured: true } });
    if (configured.runner === null) throw new Error('expected a plan');
    expect(configured.command).toBe(
      '.venv/bin/python -m coverage run --data-file=r/.coverage -m unittest discover',
    );
  });

  it('says when coverage or pytest is missing instead of pretending', () => {
    const noCoverage = plan({ coverage: true, modules: { ...allTools, coverage: false } });
    expect(noCoverage).toMatchObject({
      runner: 'unittest',
      coverageData: null,
      notes: [expect.stringContaining('python3-coverage')],
    });
    const noPytest = plan({
      facts: { ...facts, pytestDeclared: true },
      modules: { ...allTools, pytest: false },
    });
    expect(noPytest).toMatchObject({
      runner: null,
      reason: expect.stringContaining('python3-pytest'),
    });
  });
});
