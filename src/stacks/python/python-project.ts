import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readOptionalText } from '../report-directory.ts';

/** Files whose presence says "this is a Python project". */
export const pythonMarkerFiles = ['pyproject.toml', 'setup.py', 'requirements.txt'];

/** What the project's files say about how it is tested and linted. Read without running Python. */
export interface PythonProjectFacts {
  /** Marker files found, then test files when there are no markers. */
  evidence: string[];
  /** `test_*.py` and `*_test.py`, relative to the root, sorted. */
  testFiles: string[];
  /** pytest is configured, required, or imported by a test file. */
  pytestDeclared: boolean;
  /** A test file has module-level `def test_…` functions, which only pytest collects. */
  pytestStyleTests: boolean;
  /** The project configures coverage.py itself (its source and omit settings then apply). */
  coverageConfigured: boolean;
  ruffConfigured: boolean;
  flake8Configured: boolean;
}

/** Folders that hold no project code: dependencies, venvs, build output. */
export const skippedDirectories: ReadonlySet<string> = new Set([
  'node_modules',
  'venv',
  'env',
  'build',
  'dist',
  '__pycache__',
  'site-packages',
]);
const testFilePattern = /^(?:test_.*|.*_test)\.py$/;
const maxDepth = 6;
const maxTestFiles = 500;

/** Reads the project's configuration files and finds its test files. */
export async function readPythonProject(root: string): Promise<PythonProjectFacts> {
  const read = async (file: string): Promise<string> =>
    (await readOptionalText(join(root, file))) ?? '';
  const [pyproject, setupCfg, toxIni] = await Promise.all([
    read('pyproject.toml'),
    read('setup.cfg'),
    read('tox.ini'),
  ]);
  const requirementNames = (await readdir(root).catch(() => [] as string[])).filter((name) =>
    /requirements.*\.txt$/.test(name),
  );
  const requirements = (await Promise.all(requirementNames.map(read))).join('\n');
  const has = (file: string): boolean => existsSync(join(root, file));
  const declares = (tool: string): boolean =>
    new RegExp(`^\\s*${tool}\\b`, 'mi').test(requirements) ||
    new RegExp(`["']${tool}\\b`).test(pyproject);
  const testFiles = await findTestFiles(root);
  const testSources = await Promise.all(testFiles.map(read));
  const markers = pythonMarkerFiles.filter(has);
  return {
    evidence: markers.length > 0 ? markers : testFiles.slice(0, 3),
    testFiles,
    pytestDeclared:
      has('pytest.ini') ||
      has('conftest.py') ||
      has('tests/conftest.py') ||
      /\[tool\.pytest/.test(pyproject) ||
      /^\[tool:pytest\]/m.test(setupCfg) ||
      /^\[pytest\]/m.test(toxIni) ||
      declares('pytest') ||
      testSources.some((source) => /^\s*(?:import pytest|from pytest\b)/m.test(source)),
    pytestStyleTests: testSources.some((source) => /^(?:async )?def test_/m.test(source)),
    coverageConfigured:
      has('.coveragerc') ||
      /\[tool\.coverage/.test(pyproject) ||
      /^\[coverage:/m.test(setupCfg + toxIni),
    ruffConfigured:
      has('ruff.toml') || has('.ruff.toml') || /\[tool\.ruff/.test(pyproject) || declares('ruff'),
    flake8Configured:
      has('.flake8') || /^\[flake8\]/m.test(setupCfg + toxIni) || declares('flake8'),
  };
}

/** Test files under `root`, skipping dependencies, venvs, build output and hidden folders. */
async function findTestFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(relative: string, depth: number): Promise<void> {
    if (depth > maxDepth || found.length >= maxTestFiles) return;
    const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (
        entry.isDirectory() &&
        !entry.name.startsWith('.') &&
        !skippedDirectories.has(entry.name)
      ) {
        await walk(path, depth + 1);
      } else if (entry.isFile() && testFilePattern.test(entry.name)) {
        found.push(path);
      }
    }
  }
  await walk('', 0);
  return found.sort();
}
