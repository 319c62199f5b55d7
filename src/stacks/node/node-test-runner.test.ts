import { afterEach, describe, expect, it } from 'vitest';
import { temporaryProject, type TemporaryProject } from '../test-support/temporary-project.ts';
import { nodeStack } from './node-stack.ts';

const math = [
  'export function add(a, b) {',
  '  return a + b;',
  '}',
  'export function sub(a, b) {',
  '  if (a > 100) {',
  '    return 0;',
  '  }',
  '  return a - b;',
  '}',
  '',
].join('\n');

const mathTests = [
  "import { test, describe } from 'node:test';",
  "import assert from 'node:assert/strict';",
  "import { add } from '../src/math.js';",
  "describe('math', () => {",
  "  test('adds', () => { assert.equal(add(1, 2), 3); });",
  "  test('adds wrongly', () => { assert.equal(add(1, 2), 4); });",
  "  test('later', { skip: true }, () => {});",
  '});',
  '',
].join('\n');

let project: TemporaryProject | undefined;
afterEach(() => project?.remove());

function nodeTestProject(testScript: string | null): Promise<TemporaryProject> {
  const scripts = testScript === null ? {} : { test: testScript };
  return temporaryProject({
    'package.json': JSON.stringify({ name: 'calc', type: 'module', scripts }, null, 2),
    'src/math.js': math,
    'test/math.test.js': mathTests,
  });
}

describe('nodeStack with node:test (no install needed)', () => {
  it('needs no install when nothing is declared, and counts results from the TAP report', async () => {
    project = await nodeTestProject('node --test');
    const install = await nodeStack.install(project.runner);
    expect(install).toMatchObject({ ok: true, steps: [], command: '' });

    const report = await nodeStack.test(project.runner);
    expect(report).toMatchObject({
      ran: true,
      runner: 'node:test',
      passed: 1,
      failed: 1,
      skipped: 1,
      total: 3,
      exitCode: 1,
    });
    expect(report.failures).toEqual([
      {
        name: 'math > adds wrongly',
        message: expect.stringContaining('3 !== 4'),
        file: expect.stringMatching(/test\/math\.test\.js$/),
      },
    ]);
    expect(report.coveragePercent).toBeNull();
    // The human spec output is what the log shows.
    expect(report.output).toContain('✖ adds wrongly');
  });

  it('measures line coverage with --experimental-test-coverage, excluding the test files', async () => {
    project = await nodeTestProject(null);
    const report = await nodeStack.test(project.runner, { coverage: true });
    expect(report).toMatchObject({ runner: 'node:test', passed: 1, failed: 1 });
    expect(report.coveragePercent).toBe(44.44);
  });

  it('runs a composite test script as written and reads counts from its printed summary', async () => {
    project = await nodeTestProject('node --test test/math.test.js && echo tests-done');
    project.write({
      'test/math.test.js': mathTests.replace(
        'assert.equal(add(1, 2), 4)',
        'assert.equal(add(1, 2), 3)',
      ),
    });
    const report = await nodeStack.test(project.runner);
    expect(report).toMatchObject({
      runner: 'npm test',
      passed: 2,
      failed: 0,
      skipped: 1,
      total: 3,
      exitCode: 0,
    });
    expect(report.output).toContain('tests-done');
    expect(report.notes[0]).toContain('ran as written');
  });

  it('reports a project without any test as zero tests run', async () => {
    project = await temporaryProject({
      'package.json': '{ "name": "empty", "scripts": { "test": "node --test" } }',
      'index.js': '',
    });
    const report = await nodeStack.test(project.runner);
    expect(report).toMatchObject({
      ran: true,
      runner: 'node:test',
      total: 0,
      passed: 0,
      failed: 0,
    });
  });

  it('counts zero tests for npm init placeholder scripts, which only fail', async () => {
    project = await temporaryProject({
      'package.json': JSON.stringify({
        name: 'x',
        scripts: { test: 'echo "Error: no test specified" && exit 1' },
      }),
    });
    const report = await nodeStack.test(project.runner);
    expect(report).toMatchObject({ ran: true, runner: 'node:test', total: 0 });
  });

  it('builds with the build script, and reports nothing to build without one', async () => {
    project = await nodeTestProject(null);
    expect(await nodeStack.build(project.runner)).toMatchObject({
      ran: false,
      ok: true,
      reason: 'package.json has no build script',
    });
    project.write({
      'package.json': JSON.stringify({
        name: 'calc',
        scripts: { build: "node -e \"require('fs').writeFileSync('dist.txt', 'built')\"" },
      }),
    });
    const build = await nodeStack.build(project.runner);
    expect(build).toMatchObject({
      ran: true,
      ok: true,
      step: { command: 'npm run build', exitCode: 0 },
    });
  });

  it('does not lint a project without an ESLint configuration', async () => {
    project = await nodeTestProject(null);
    expect(await nodeStack.lint(project.runner)).toMatchObject({
      ran: false,
      reason: expect.stringContaining('no linter configured'),
    });
  });

  it('starts with the start script, or node on the entry file, probing a declared health route', async () => {
    project = await temporaryProject({
      'package.json': JSON.stringify({ name: 'api' }),
      'server.js':
        "http.createServer((req, res) => { if (req.url === '/healthz') res.end('ok'); });\n",
    });
    expect(await nodeStack.startCommand(project.root)).toEqual({
      command: 'node server.js',
      portEnvVar: 'PORT',
      healthPath: '/healthz',
    });
    project.write({
      'package.json': JSON.stringify({ name: 'api', scripts: { start: 'node server.js' } }),
    });
    expect((await nodeStack.startCommand(project.root)).command).toBe('npm start');
  });

  it('does not start a library: an entry file that starts no server is no start command', async () => {
    project = await temporaryProject({
      'package.json': JSON.stringify({ name: 'lib', scripts: { test: 'node --test' } }),
      'src/index.js': "export const name = 'lib';\n",
    });
    await expect(nodeStack.startCommand(project.root)).rejects.toThrow(
      /src\/index\.js starts no server; add a "start" script/,
    );
  });
});
