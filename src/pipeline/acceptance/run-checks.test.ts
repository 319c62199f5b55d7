import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProduct } from '../resolution/test-support.ts';
import { acceptanceChecksSchema } from './acceptance-checks.ts';
import { problemsOf } from './propose-checks.ts';
import { acceptancePlaceOf, runChecks, storeTestFiles } from './run-checks.ts';

const product = {
  'package.json': JSON.stringify({
    name: 'shop',
    type: 'module',
    scripts: { start: 'node server.js', test: 'node --test' },
  }),
  'server.js': [
    "import { createServer } from 'node:http';",
    'createServer((request, response) => {',
    "  response.setHeader('content-type', 'application/json');",
    "  if (request.method === 'POST' && request.url === '/tokens') return response.end(JSON.stringify({ token: 'abc' }));",
    "  if (request.url === '/me' && request.headers.authorization === 'Bearer abc') return response.end(JSON.stringify({ name: 'ann', roles: ['admin'] }));",
    '  if (request.url === \'/health\') return response.end(\'{"status":"ok"}\');',
    '  response.statusCode = 401;',
    '  response.end(\'{"error":"unauthorized"}\');',
    '}).listen(Number(process.env.PORT));',
    '',
  ].join('\n'),
  'cli.js': [
    "if (process.argv[2] === 'greet') console.log(`hello ${process.argv[3]}`);",
    "else { console.error('usage: cli.js greet NAME'); process.exit(2); }",
    '',
  ].join('\n'),
  'lib.js': 'export const add = (a, b) => a + b;\n',
  // The product's own tests are not the verifier's: a failing one must not fail a check.
  'test/own.test.js':
    "import test from 'node:test';\nimport assert from 'node:assert/strict';\ntest('own', () => assert.equal(1, 2));\n",
};

const checks = acceptanceChecksSchema.parse({
  checks: [
    {
      criterionId: 'ac-1',
      kind: 'http',
      steps: [
        {
          method: 'POST',
          path: '/tokens',
          body: { user: '{{unique}}' },
          expect: { status: 200 },
          save: { token: 'token' },
        },
        {
          method: 'GET',
          path: '/me',
          headers: { authorization: 'Bearer {{token}}' },
          expect: {
            status: 200,
            json: [
              { path: 'name', equals: 'ann' },
              { path: 'roles[0]', equals: 'admin' },
              { path: 'password', present: false },
            ],
            headers: { 'content-type': 'json' },
          },
        },
      ],
    },
    {
      criterionId: 'ac-2',
      kind: 'http',
      steps: [{ method: 'GET', path: '/me', expect: { status: 200 } }],
    },
    {
      criterionId: 'ac-3',
      kind: 'command',
      command: 'node cli.js greet ann',
      expect: { outputIncludes: ['hello ann'] },
    },
    { criterionId: 'ac-4', kind: 'command', command: 'node cli.js', expect: { exitCode: 0 } },
    {
      criterionId: 'ac-5',
      kind: 'test',
      path: 'tests/acceptance/add.test.js',
      content:
        "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from '../../lib.js';\ntest('adds', () => assert.equal(add(2, 3), 5));\n",
    },
    {
      criterionId: 'ac-6',
      kind: 'test',
      path: 'tests/acceptance/empty.test.js',
      content: '// no test here\n',
    },
  ],
}).checks;

describe('running acceptance checks on the merged product', { timeout: 120_000 }, () => {
  it('judges requests, commands and test files from what really happened', async () => {
    const outDir = await buildProduct(product);
    const place = acceptancePlaceOf(mkdtempSync(join(tmpdir(), 'loki-checks-')), 'run_1');
    await storeTestFiles(place, checks);
    const results = await runChecks(checks, { outDir, place, round: 0, sandbox: 'none' });
    expect(results.map((result) => [result.criterionId, result.kind, result.passed])).toEqual([
      ['ac-1', 'http', true],
      ['ac-2', 'http', false],
      ['ac-3', 'command', true],
      ['ac-4', 'command', false],
      ['ac-5', 'test', true],
      ['ac-6', 'test', false],
    ]);
    expect(results[1]).toMatchObject({
      subject: 'GET /me',
      expected: 'status 200',
      observed: '401 {"error":"unauthorized"} (status 401, not 200)',
    });
    expect(results[3]?.observed).toMatch(/^exit code 2\. Output: usage: cli\.js greet NAME/);
    expect(results[4]?.observed).toMatch(/^1 passed, 0 failed of 1/);
    expect(results[5]?.observed).toBe(
      'the test file proves nothing: tests/acceptance/empty.test.js:1 empty-test-file: a test file without any test: a run of it proves nothing',
    );
    // The copy is gone; the test files stay where no coding agent can write.
    expect(existsSync(join(place.directory, 'round-0', 'product'))).toBe(false);
    expect(existsSync(join(place.testsDirectory, 'tests/acceptance/add.test.js'))).toBe(true);
    expect(existsSync(join(outDir, 'tests'))).toBe(false);
  });

  it('fails every HTTP check, with the reason, when the product does not start', async () => {
    const outDir = await buildProduct({ ...product, 'server.js': 'process.exit(3);\n' });
    const place = acceptancePlaceOf(mkdtempSync(join(tmpdir(), 'loki-checks-')), 'run_1');
    const http = checks.slice(0, 2);
    const results = await runChecks(http, {
      outDir,
      place,
      round: 0,
      sandbox: 'none',
      health: { timeoutMs: 5_000 },
    });
    expect(results.map((result) => result.passed)).toEqual([false, false]);
    expect(results[0]?.observed).toMatch(/^the product did not start: .*exited with code 3/);
  });

  it('sends back checks that miss a criterion, name an unknown one or hide a test from the runner', () => {
    const criteria = [
      { id: 'ac-1', text: 'one', heldOut: false },
      { id: 'ac-2', text: 'two', heldOut: true },
    ];
    const proposed = acceptanceChecksSchema.parse({
      checks: [
        { criterionId: 'ac-1', kind: 'test', path: 'checks/one.js', content: 'x' },
        {
          criterionId: 'ac-9',
          kind: 'http',
          steps: [{ method: 'GET', path: 'health', expect: {} }],
        },
        { criterionId: 'ac-1', kind: 'test', path: '../escape.test.js', content: 'x' },
      ],
    });
    expect(problemsOf(proposed, criteria)).toEqual([
      '"checks/one.js" is not named like a test file (name.test.js, __tests__/name.js, test_name.py): the project\'s test runner would not run it',
      'a check names criterion "ac-9", which does not exist; the ids are ac-1, ac-2',
      'the path "health" of a check of ac-9 must start with /',
      'the test file "../escape.test.js" must be a path inside the project',
      'criterion ac-2 ("two") has no check',
    ]);
  });
});
