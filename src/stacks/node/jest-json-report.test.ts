import { describe, expect, it } from 'vitest';
import { fixture, fixtureRoot } from '../test-support/fixture.ts';
import { parseJestJsonReport } from './jest-json-report.ts';

describe('parseJestJsonReport', () => {
  it('counts a vitest run with one pass, one failure and one skip, naming the failure', () => {
    const parsed = parseJestJsonReport(fixture('vitest-report.json'), fixtureRoot);
    if (!parsed.success) throw new Error(parsed.error);
    expect(parsed.value).toMatchObject({ passed: 1, failed: 1, skipped: 1, total: 3 });
    expect(parsed.value.failures).toHaveLength(1);
    const [failure] = parsed.value.failures;
    expect(failure?.name).toBe('math > adds wrongly');
    expect(failure?.file).toBe('src/math.test.js');
    expect(failure?.message).toContain('expected 3 to be 4');
    expect(failure?.message).not.toContain('node_modules');
  });

  it('counts a vitest test file that failed to import as one failed test', () => {
    const parsed = parseJestJsonReport(fixture('vitest-broken.json'), fixtureRoot);
    if (!parsed.success) throw new Error(parsed.error);
    expect(parsed.value).toMatchObject({ passed: 1, failed: 2, skipped: 1, total: 4 });
    expect(parsed.value.failures.map((failure) => failure.name)).toContain('src/broken.test.js');
    expect(
      parsed.value.failures.find((failure) => failure.name === 'src/broken.test.js')?.message,
    ).toContain("Cannot find module './missing.js'");
  });

  it('reports zero tests when vitest found no test files', () => {
    const parsed = parseJestJsonReport(fixture('vitest-no-tests.json'), fixtureRoot);
    if (!parsed.success) throw new Error(parsed.error);
    expect(parsed.value).toEqual({ passed: 0, failed: 0, skipped: 0, total: 0, failures: [] });
  });

  it('reads jest reports, counting todo as skipped and a suite that failed to run as a failure', () => {
    const parsed = parseJestJsonReport(fixture('jest-report.json'), fixtureRoot);
    if (!parsed.success) throw new Error(parsed.error);
    expect(parsed.value).toMatchObject({ passed: 1, failed: 2, skipped: 2, total: 5 });
    expect(parsed.value.failures.map((failure) => failure.name)).toEqual([
      'math > adds wrongly',
      'src/broken.test.js',
    ]);
    expect(parsed.value.failures[0]?.message).toContain('Expected: 4');
  });

  it('says what is wrong with a report that is not jest-shaped', () => {
    const parsed = parseJestJsonReport('{"tests": 3}', fixtureRoot);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error).toContain('numTotalTests');
  });
});
