import type { AcceptanceChecksInput } from '../../src/pipeline/acceptance/acceptance-checks.ts';

/**
 * The verifier's reply: a black-box check for each of the plan's product criteria
 * (`acceptanceCriteria` in `planner-reply.ts`, ids ac-1… in their order). Loki runs them on a
 * fresh copy of the merged product, started with `npm start` on a free port.
 */

const password = 'correct horse battery';
const json = { 'content-type': 'application/json' };

/** Signs a user up and logs them in, saving their token as {{token<suffix>}}. */
const signUpAndLogIn = (email: string, suffix = '') => [
  {
    method: 'POST' as const,
    path: '/auth/signup',
    body: { email, password },
    expect: { status: 201 },
  },
  {
    method: 'POST' as const,
    path: '/auth/login',
    body: { email, password },
    expect: { status: 200 },
    save: { [`token${suffix}`]: 'token' },
  },
];

export const verifierChecks = {
  checks: [
    {
      criterionId: 'ac-1',
      kind: 'http',
      steps: [
        {
          method: 'GET',
          path: '/health',
          expect: { status: 200, json: [{ path: '', equals: { status: 'ok' } }] },
        },
      ],
    },
    {
      criterionId: 'ac-2',
      kind: 'http',
      steps: [
        {
          method: 'POST',
          path: '/auth/signup',
          body: { email: 'ann-{{unique}}@example.com', password },
          expect: { status: 201, bodyExcludes: [password] },
        },
        {
          method: 'POST',
          path: '/auth/signup',
          body: { email: 'ann-{{unique}}@example.com', password },
          expect: { status: 409 },
        },
      ],
    },
    {
      criterionId: 'ac-3',
      kind: 'http',
      steps: [
        {
          method: 'POST',
          path: '/auth/signup',
          body: { email: 'bob-{{unique}}@example.com', password: 'eleven char' },
          expect: { status: 400, json: [{ path: 'fields.password', present: true }] },
        },
      ],
    },
    {
      criterionId: 'ac-4',
      kind: 'http',
      steps: [
        {
          method: 'GET',
          path: '/todos',
          expect: { status: 401, headers: json, json: [{ path: 'error', present: true }] },
        },
      ],
    },
    {
      criterionId: 'ac-5',
      kind: 'http',
      steps: [
        ...signUpAndLogIn('cat-{{unique}}@example.com'),
        {
          method: 'POST',
          path: '/todos',
          headers: { authorization: 'Bearer {{token}}' },
          body: { title: 'buy milk' },
          expect: {
            status: 201,
            json: [
              { path: 'title', equals: 'buy milk' },
              { path: 'done', equals: false },
            ],
          },
          save: { id: 'id' },
        },
        {
          method: 'GET',
          path: '/todos/{{id}}',
          headers: { authorization: 'Bearer {{token}}' },
          expect: { status: 200, json: [{ path: 'title', equals: 'buy milk' }] },
        },
      ],
    },
    {
      criterionId: 'ac-6',
      kind: 'http',
      steps: [
        ...signUpAndLogIn('dan-{{unique}}@example.com'),
        {
          method: 'POST',
          path: '/todos',
          headers: { authorization: 'Bearer {{token}}' },
          body: { title: "dan's secret" },
          expect: { status: 201 },
          save: { id: 'id' },
        },
        ...signUpAndLogIn('eve-{{unique}}@example.com', 'Eve'),
        {
          method: 'GET',
          path: '/todos/{{id}}',
          headers: { authorization: 'Bearer {{tokenEve}}' },
          expect: { status: 404, bodyExcludes: ["dan's secret"] },
        },
      ],
    },
    {
      criterionId: 'ac-7',
      kind: 'http',
      steps: [
        {
          method: 'GET',
          path: '/no-such-route',
          expect: { status: 404, headers: json, json: [{ path: 'error', present: true }] },
        },
      ],
    },
    {
      criterionId: 'ac-8',
      kind: 'test',
      path: 'tests/acceptance/passwords.test.js',
      content: [
        "import test from 'node:test';",
        "import assert from 'node:assert/strict';",
        "import { hashPassword, verifyPassword } from '../../src/auth/passwords.js';",
        '',
        "test('passwords are kept as salted scrypt hashes, never as themselves', async () => {",
        `  const password = '${password}';`,
        '  const first = await hashPassword(password);',
        '  const second = await hashPassword(password);',
        '  assert.ok(!JSON.stringify(first).includes(password));',
        '  assert.notEqual(first.salt, second.salt);',
        '  assert.notEqual(first.hash, second.hash);',
        '  assert.equal(await verifyPassword(password, first), true);',
        "  assert.equal(await verifyPassword('not the password', first), false);",
        '});',
        '',
      ].join('\n'),
    },
  ],
} satisfies AcceptanceChecksInput;
