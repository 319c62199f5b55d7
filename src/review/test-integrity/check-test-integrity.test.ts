import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git } from '../../workspace/index.ts';
import { checkTestIntegrity } from './check-test-integrity.ts';

let root: string;
let base: string;

const write = (files: Record<string, string>) => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
};

const cartSource = `export function total(items) { return items.reduce((sum, item) => sum + item.price, 0); }
export function discount(amount) { return amount > 100 ? amount * 0.9 : amount; }
`;
const cartTest = `import { expect, it } from 'vitest';
import { discount, total } from './cart.js';

it('adds prices', () => {
  expect(total([{ price: 2 }, { price: 3 }])).toBe(5);
});

it('discounts large amounts', () => {
  expect(discount(200)).toBe(180);
});
`;
const pythonTest = `from shop.prices import vat


def test_vat():
    assert vat(100) == 20
`;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'loki-integrity-'));
  write({
    'src/cart.js': cartSource,
    'src/cart.test.js': cartTest,
    'shop/prices.py': 'def vat(amount):\n    return amount * 0.2\n',
    'tests/test_prices.py': pythonTest,
    '.gitignore': 'node_modules/\n',
  });
  await git(root, ['init', '-q', '-b', 'main']);
  await git(root, ['add', '-A']);
  await git(root, ['commit', '-q', '-m', 'base']);
  base = (await git(root, ['rev-parse', 'HEAD'])).stdout.trim();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const rules = async () =>
  (await checkTestIntegrity(root, { base })).findings.map(
    (finding) => `${finding.rule} ${finding.file}:${finding.line}`,
  );

describe('checkTestIntegrity against the base of a change', () => {
  it('finds nothing in a change that only adds a real test', async () => {
    write({
      'src/cart.test.js': `${cartTest}\nit('totals nothing', () => {\n  expect(total([])).toBe(0);\n});\n`,
    });
    expect(await rules()).toEqual([]);
  });

  it('(a) catches a deleted failing test and a deleted test file', async () => {
    write({ 'src/cart.test.js': cartTest.split("it('discounts")[0] ?? '' });
    unlinkSync(join(root, 'tests/test_prices.py'));
    expect(await rules()).toEqual([
      'test-deleted src/cart.test.js:8',
      'test-file-deleted tests/test_prices.py:0',
    ]);
  });

  it('(b) catches an assertion turned into one that cannot fail', async () => {
    write({
      'src/cart.test.js': cartTest.replace(
        'expect(discount(200)).toBe(180)',
        'expect(true).toBe(true)',
      ),
      'tests/test_prices.py': pythonTest.replace('assert vat(100) == 20', 'assert True'),
    });
    expect(await rules()).toEqual([
      'constant-assertion src/cart.test.js:9',
      'constant-assertion tests/test_prices.py:5',
    ]);
  });

  it('(c) catches a skip and a focus added', async () => {
    write({
      'src/cart.test.js': cartTest
        .replace("it('discounts", "it.skip('discounts")
        .replace("it('adds", "it.only('adds"),
      'tests/test_prices.py': pythonTest.replace('def test_vat', '@pytest.mark.skip\ndef test_vat'),
    });
    expect(await rules()).toEqual([
      'focused-test src/cart.test.js:4',
      'skipped-test src/cart.test.js:8',
      'skipped-test tests/test_prices.py:4',
    ]);
  });

  it('(d) catches an expected value edited alongside the code it checks', async () => {
    write({
      'src/cart.js': cartSource.replace('amount * 0.9', 'amount * 0.8'),
      'src/cart.test.js': cartTest.replace('toBe(180)', 'toBe(160)'),
    });
    const [finding, ...others] = (await checkTestIntegrity(root, { base })).findings;
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'expectation-changed',
      file: 'src/cart.test.js',
      line: 9,
    });
    expect(finding?.message).toContain('from 180 to 160');
    expect(finding?.message).toContain('src/cart.js');
  });

  it('lets an expected value change when no code changed (the test was wrong)', async () => {
    write({ 'src/cart.test.js': cartTest.replace('toBe(180)', 'toBe(180.0)') });
    expect(await rules()).toEqual([]);
  });

  it('(e) catches a test file with no test, and a test without an assertion', async () => {
    write({
      'tests/helpers/app.js': 'export const app = () => ({});\n',
      'src/empty.test.js': "import { describe } from 'vitest';\n// tests to come\n",
      'tests/test_more.py': 'def test_runs():\n    vat(3)\n',
    });
    expect(await rules()).toEqual([
      'empty-test-file src/empty.test.js:1',
      'no-assertion tests/test_more.py:1',
    ]);
  });

  it('catches the module under test mocked, and coverage exclusions', async () => {
    write({
      'src/cart.test.js': `import { vi } from 'vitest';\nvi.mock('./cart.js');\n${cartTest}`,
      'src/cart.js': `/* istanbul ignore next */\n${cartSource}`,
      'tests/test_prices.py': `from unittest.mock import patch\n\n\n@patch("shop.prices.vat", return_value=20)\n${pythonTest.split('\n\n\n')[1] ?? ''}`,
    });
    expect(await rules()).toEqual([
      'coverage-exclusion src/cart.js:1',
      'mocked-subject src/cart.test.js:2',
      'mocked-subject tests/test_prices.py:4',
    ]);
  });

  it('does not hold a change to account for what it inherited', async () => {
    write({ 'src/cart.test.js': cartTest.replace("it('discounts", "it.skip('discounts") });
    await git(root, ['commit', '-qam', 'skip it']);
    base = (await git(root, ['rev-parse', 'HEAD'])).stdout.trim();
    write({
      'src/cart.test.js': cartTest
        .replace("it('discounts", "it.skip('discounts")
        .replace('(5)', '(5.0)'),
    });
    expect(await rules()).toEqual([]);
  });
});

describe('checkTestIntegrity of a whole tree', () => {
  it('judges every test file as it is', async () => {
    write({ 'src/cart.test.js': cartTest.replace("it('discounts", "xit('discounts") });
    const report = await checkTestIntegrity(root);
    expect(report).toMatchObject({ testFiles: 2, testCases: 3, base: null });
    expect(report.findings.map((finding) => finding.rule)).toEqual(['skipped-test']);
  });
});
