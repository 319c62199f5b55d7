import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixture.ts';
import { parseTestSummaryText } from './test-summary-text.ts';

describe('parseTestSummaryText', () => {
  it('reads the vitest summary and the failed test names', () => {
    const parsed = parseTestSummaryText(fixture('vitest-output.txt'));
    expect(parsed).toMatchObject({ passed: 1, failed: 1, skipped: 1, total: 3 });
    expect(parsed?.failures).toEqual([
      { name: 'src/math.test.js > math > adds wrongly', message: '' },
    ]);
  });

  it('reads the jest summary, counting todo as skipped', () => {
    const parsed = parseTestSummaryText(fixture('jest-output.txt'));
    expect(parsed).toMatchObject({ passed: 1, failed: 1, skipped: 2, total: 4 });
  });

  it('reads node:test spec output and its failing-tests section', () => {
    const parsed = parseTestSummaryText(fixture('node-test-spec-output.txt'));
    expect(parsed).toMatchObject({ passed: 1, failed: 2, skipped: 2, total: 5 });
    expect(parsed?.failures.map((failure) => failure.name)).toEqual([
      'adds wrongly',
      'top-level fails',
    ]);
  });

  it('reads mocha-style summaries', () => {
    const parsed = parseTestSummaryText('\n  3 passing (12ms)\n  1 failing\n  2 pending\n');
    expect(parsed).toMatchObject({ passed: 3, failed: 1, skipped: 2, total: 6 });
  });

  it('adds up two vitest runs in one script', () => {
    const run = (failed: number, passed: number): string =>
      `      Tests  ${failed} failed | ${passed} passed (${failed + passed})\n`;
    expect(parseTestSummaryText(run(1, 2) + run(0, 4))).toMatchObject({
      passed: 6,
      failed: 1,
      total: 7,
    });
  });

  it('gives null for output without a summary (npm init placeholder script)', () => {
    expect(parseTestSummaryText('Error: no test specified\n')).toBeNull();
  });
});
