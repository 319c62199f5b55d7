import { describe, expect, it } from 'vitest';
import { javascriptTestFacts } from './javascript-test-facts.ts';

const facts = (text: string) => javascriptTestFacts('src/cart.test.ts', text);

describe('javascriptTestFacts', () => {
  it('finds tests inside describe blocks and counts their assertions', () => {
    const result = facts(`
import { describe, it, expect } from 'vitest';
import assert from 'node:assert/strict';
describe('cart', () => {
  it('adds', () => {
    expect(add(1, 2)).toBe(3);
    expect(total()).not.toEqual(0);
  });
  it('is empty at first', () => {
    const cart = new Cart();
  });
  test('asserts with node', () => { assert.equal(total(), 0); });
});`);
    expect(result.cases).toEqual([
      { name: 'cart > adds', line: 5, assertions: 2 },
      { name: 'cart > is empty at first', line: 9, assertions: 0 },
      { name: 'cart > asserts with node', line: 12, assertions: 1 },
    ]);
    expect(result.assertions[0]).toMatchObject({
      test: 'cart > adds',
      actual: 'add(1, 2)',
      expected: '3',
      constant: false,
    });
  });

  it('marks assertions that cannot fail', () => {
    const result = facts(`
it('a', () => { expect(true).toBe(true); });
it('b', () => { expect(1).toBeTruthy(); });
it('c', () => { expect(value).toBe(value); });
it('d', () => { assert.ok(true); assert(1); assert.equal(2, 2); });
it('e', () => { expect(3).toBe(add(1, 2)); assert.equal(sum, 3); });`);
    expect(result.assertions.map((assertion) => assertion.constant)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('counts helpers that assert and supertest expectations', () => {
    const result = facts(`
function expectCreated(response) { expect(response.status).toBe(201); }
const check = (x) => expectCreated(x);
it('creates', async () => { check(await post()); });
it('answers', async () => { await request(app).get('/health').expect(200); });
it('does nothing', async () => { await request(app).get('/health'); });`);
    expect(result.cases.map((testCase) => testCase.assertions)).toEqual([1, 1, 0]);
  });

  it('finds skipped and focused tests in every spelling', () => {
    const result = facts(`
it.skip('a', () => { expect(f()).toBe(1); });
xit('b', () => { expect(f()).toBe(1); });
describe.only('c', () => { it('d', () => { expect(f()).toBe(1); }); });
test('e', { skip: true }, () => { assert.equal(f(), 1); });
it.skipIf(true)('f', () => { expect(f()).toBe(1); });
it.skipIf(process.env.CI)('g', () => { expect(f()).toBe(1); });
it.todo('h');`);
    expect(result.skips.map((skip) => [skip.construct, skip.target, skip.line])).toEqual([
      ['it.skip', 'a', 2],
      ['xit', 'b', 3],
      ['describe.only', 'c', 4],
      ['test', 'e', 5],
      ['it.skip', 'f', 6],
    ]);
    expect(result.cases.map((testCase) => testCase.name)).toContain('c > d');
  });

  it('finds module mocks', () => {
    const result = facts(`
vi.mock('./cart.ts');
jest.mock('../db', () => ({}));
it('x', () => { expect(f()).toBe(1); });`);
    expect(result.mocks).toEqual([
      { line: 2, target: './cart.ts' },
      { line: 3, target: '../db' },
    ]);
  });
});
