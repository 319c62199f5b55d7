import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixture.ts';
import { parseNodeTestCoverage, parseNodeTestTap } from './node-test-tap.ts';

describe('parseNodeTestTap', () => {
  const parsed = parseNodeTestTap(fixture('node-test-report.tap'));

  it('reads the closing summary: todo counts as skipped', () => {
    expect(parsed).toMatchObject({ total: 5, passed: 1, failed: 2, skipped: 2 });
  });

  it('names failures with their describe blocks and skips suites that failed through a subtest', () => {
    expect(parsed?.failures.map((failure) => failure.name)).toEqual([
      'math > adds wrongly',
      'top-level fails',
    ]);
  });

  it('keeps multi-line error messages and the test file', () => {
    const [assertion, thrown] = parsed?.failures ?? [];
    expect(assertion?.message).toContain('3 !== 4');
    expect(assertion?.file).toBe('/tmp/project/test/math.test.js');
    expect(thrown?.message).toBe('boom\nsecond line');
  });

  it('gives null for text without a summary', () => {
    expect(parseNodeTestTap('TAP version 13\n')).toBeNull();
  });
});

describe('parseNodeTestCoverage', () => {
  it('reads the all-files line percentage from TAP and from spec output', () => {
    expect(parseNodeTestCoverage(fixture('node-test-report.tap'))).toBe(44.44);
    expect(parseNodeTestCoverage(fixture('node-test-spec-output.txt'))).toBe(44.44);
  });

  it('gives null when coverage was not collected', () => {
    expect(parseNodeTestCoverage('# tests 1\n# pass 1\n')).toBeNull();
  });
});
