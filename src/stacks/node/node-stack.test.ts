import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainStack } from '../detect-stack.ts';
import type { InstallReport } from '../stack.ts';
import { temporaryProject, type TemporaryProject } from '../test-support/temporary-project.ts';
import { nodeStack } from './node-stack.ts';

// One real `npm install` from the registry for the whole file; every test reuses it.
const installTimeoutMs = 600_000;

const packageJson = {
  name: 'calc',
  private: true,
  type: 'module',
  scripts: { test: 'vitest run' },
  // Exact versions: a release the registry has only half published must not break the tests.
  devDependencies: {
    vitest: '5.1.1',
    '@vitest/coverage-v8': '5.1.1',
    eslint: '^10.0.0',
    '@eslint/js': '^10.0.0',
  },
};

const files = {
  'package.json': JSON.stringify(packageJson, null, 2),
  'src/math.js':
    'export function add(a, b) {\n  return a + b;\n}\nexport function sub(a, b) {\n  if (a > 100) {\n    return 0;\n  }\n  return a - b;\n}\n',
  'src/math.test.js': [
    "import { describe, expect, test } from 'vitest';",
    "import { add } from './math.js';",
    "describe('math', () => {",
    "  test('adds', () => { expect(add(1, 2)).toBe(3); });",
    "  test('adds wrongly', () => { expect(add(1, 2)).toBe(4); });",
    '});',
    '',
  ].join('\n'),
  'eslint.config.js': [
    "import js from '@eslint/js';",
    "export default [js.configs.recommended, { rules: { 'no-console': 'warn' } }];",
    '',
  ].join('\n'),
};

// Real processes on a shared, busy machine: far above what they take (a few seconds).
const slowTestTimeoutMs = 120_000;

let project: TemporaryProject;
let install: InstallReport;

beforeAll(async () => {
  project = await temporaryProject(files);
  install = await nodeStack.install(project.runner, { timeoutMs: installTimeoutMs });
}, installTimeoutMs + 60_000);
afterAll(() => project.remove());

describe('nodeStack on a vitest project installed from the registry', () => {
  it(
    '[slow] installs with npm install when there is no lockfile, leaving one behind',
    () => {
      expect(install.ok, install.output).toBe(true);
      expect(install.command).toBe('npm install --no-audit --no-fund');
      expect(existsSync(join(project.root, 'node_modules/.bin/vitest'))).toBe(true);
      expect(existsSync(join(project.root, 'package-lock.json'))).toBe(true);
    },
    slowTestTimeoutMs,
  );

  it(
    '[slow] detects the project as Node',
    async () => {
      expect(await explainStack(project.root)).toMatchObject({
        stack: nodeStack,
        reason: 'Node: found package.json',
      });
    },
    slowTestTimeoutMs,
  );

  it(
    '[slow] counts one pass and one failure, naming the failure and its message',
    async () => {
      const report = await nodeStack.test(project.runner);
      expect(report).toMatchObject({
        ran: true,
        runner: 'vitest',
        passed: 1,
        failed: 1,
        skipped: 0,
        total: 2,
        exitCode: 1,
      });
      expect(report.failures).toEqual([
        {
          name: 'math > adds wrongly',
          file: 'src/math.test.js',
          message: expect.stringContaining('expected 3 to be 4'),
        },
      ]);
      expect(report.command).toMatch(
        /^npx --no -- vitest run --reporter=default --reporter=json --outputFile\.json=/,
      );
      expect(report.output).toContain('Tests  1 failed | 1 passed (2)');
      expect(report.coveragePercent).toBeNull();
    },
    slowTestTimeoutMs,
  );

  it(
    '[slow] measures line coverage with @vitest/coverage-v8, even when a test fails',
    async () => {
      const report = await nodeStack.test(project.runner, { coverage: true });
      expect(report).toMatchObject({ passed: 1, failed: 1 });
      // add() runs (1 of 4 lines: the return); sub() never does.
      expect(report.coveragePercent).toBe(25);
      expect(report.notes).toEqual([]);
    },
    slowTestTimeoutMs,
  );

  it(
    '[slow] counts a test file that fails to import as a failed test',
    async () => {
      project.write({ 'src/broken.test.js': "import { missing } from './missing.js';\n" });
      try {
        const report = await nodeStack.test(project.runner);
        expect(report).toMatchObject({ passed: 1, failed: 2, total: 3 });
        expect(report.failures.map((failure) => failure.name)).toContain('src/broken.test.js');
      } finally {
        project.write({
          'src/broken.test.js': "import { test } from 'vitest';\ntest('fixed', () => {});\n",
        });
      }
    },
    slowTestTimeoutMs,
  );

  it(
    '[slow] reports zero tests when vitest finds no test files',
    async () => {
      project.write({
        'package.json': JSON.stringify({
          ...packageJson,
          scripts: { test: 'vitest run --dir no-tests-here' },
        }),
        'no-tests-here/readme.txt': '',
      });
      try {
        const report = await nodeStack.test(project.runner);
        expect(report).toMatchObject({
          ran: true,
          runner: 'vitest',
          total: 0,
          passed: 0,
          failed: 0,
        });
        expect(report.command).toContain('vitest run --dir no-tests-here --reporter=default');
      } finally {
        project.write({ 'package.json': JSON.stringify(packageJson, null, 2) });
      }
    },
    slowTestTimeoutMs,
  );

  it(
    '[slow] falls back from npm ci to npm install when package.json has moved past the lockfile',
    async () => {
      const withDependency = { ...packageJson, dependencies: { 'is-number': '^7.0.0' } };
      project.write({ 'package.json': JSON.stringify(withDependency, null, 2) });
      try {
        const report = await nodeStack.install(project.runner, { timeoutMs: installTimeoutMs });
        expect(report.ok, report.output).toBe(true);
        expect(report.steps.map((step) => [step.command, step.exitCode])).toEqual([
          ['npm ci --no-audit --no-fund', 1],
          ['npm install --no-audit --no-fund', 0],
        ]);
        expect(report.summary).toContain('package-lock.json was out of date');
        expect(existsSync(join(project.root, 'node_modules/is-number/package.json'))).toBe(true);
      } finally {
        project.write({ 'package.json': JSON.stringify(packageJson, null, 2) });
      }
    },
    slowTestTimeoutMs,
  );

  it(
    '[slow] counts ESLint errors and warnings from the project configuration',
    async () => {
      project.write({ 'src/bad.js': 'const unused = 1;\nconsole.log(undefinedThing);\n' });
      const report = await nodeStack.lint(project.runner);
      expect(report).toMatchObject({
        ran: true,
        linter: 'eslint',
        errors: 3,
        warnings: 1,
        exitCode: 1,
      });
      expect(report.output).toContain(
        "src/bad.js:1:7: error 'unused' is assigned a value but never used. (no-unused-vars)",
      );
    },
    slowTestTimeoutMs,
  );

  it(
    '[slow] counts a broken ESLint configuration as an error, not a clean run',
    async () => {
      project.write({
        'eslint.config.js':
          "import missing from 'no-such-eslint-plugin';\nexport default [missing];\n",
      });
      const report = await nodeStack.lint(project.runner);
      expect(report).toMatchObject({ ran: true, linter: 'eslint', errors: 1, exitCode: 2 });
      expect(report.output).toContain('no-such-eslint-plugin');
    },
    slowTestTimeoutMs,
  );
});
