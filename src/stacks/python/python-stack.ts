import type { BuildReport, Stack } from '../stack.ts';
import { installPythonDependencies } from './python-install.ts';
import { lintPythonProject } from './python-lint.ts';
import { readPythonProject } from './python-project.ts';
import { pythonStartCommand } from './python-start.ts';
import { runPythonTests } from './python-test-run.ts';

/** Python projects: a `.venv` on the system's packages; pytest or unittest; ruff or flake8; coverage.py. */
export const pythonStack: Stack = {
  name: 'python',
  profile: null,
  conventions: {
    title: 'Python project',
    layout:
      'A package directory with the code, tests in tests/ as test_*.py run by pytest; dependencies in requirements.txt or pyproject.toml.',
    testCommand: 'python -m pytest',
    singleTestCommand: 'python -m pytest {file}',
    keywords: ['python', 'pytest', 'pip'],
  },
  detect: async (root) => (await readPythonProject(root)).evidence.length > 0,
  evidence: async (root) => (await readPythonProject(root)).evidence,
  install: installPythonDependencies,
  build: buildPythonProject,
  test: runPythonTests,
  lint: lintPythonProject,
  startCommand: pythonStartCommand,
};

/** Python projects run from source: there is nothing to build. */
export function buildPythonProject(): Promise<BuildReport> {
  return Promise.resolve({
    ran: false,
    ok: true,
    reason: 'Python projects run from source; nothing to build',
    step: null,
  });
}
