import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixture.ts';
import { parseUnittestOutput } from './unittest-output.ts';

describe('parseUnittestOutput', () => {
  it('counts failures and errors as failed, expected failures as passed', () => {
    const parsed = parseUnittestOutput(fixture('unittest-output.txt'));
    expect(parsed).toMatchObject({ total: 5, failed: 2, skipped: 1, passed: 2 });
    expect(parsed?.failures.map((failure) => failure.name)).toEqual([
      'tests.test_things.ThingTest.test_error',
      'tests.test_things.ThingTest.test_fail',
    ]);
    expect(parsed?.failures[1]?.message).toContain('AssertionError: 2 != 3');
    expect(parsed?.failures[1]?.message).toContain('test_things.py", line 9');
  });

  it('names a test module that failed to import by its module', () => {
    const parsed = parseUnittestOutput(fixture('unittest-import-error-output.txt'));
    expect(parsed).toMatchObject({ total: 6, failed: 3 });
    expect(parsed?.failures[0]?.name).toBe('tests.test_broken');
    expect(parsed?.failures[0]?.message).toContain("No module named 'nonexistent_module'");
  });

  it('reads Python 3.10 test ids and a clean run', () => {
    const output = [
      '======================================================================',
      'FAIL: test_fail (tests.test_things.ThingTest)',
      '----------------------------------------------------------------------',
      'AssertionError: 2 != 3',
      '',
      '----------------------------------------------------------------------',
      'Ran 1 test in 0.001s',
      '',
      'FAILED (failures=1)',
    ].join('\n');
    expect(parseUnittestOutput(output)?.failures[0]?.name).toBe(
      'tests.test_things.ThingTest.test_fail',
    );
    expect(parseUnittestOutput('\nRan 3 tests in 0.1s\n\nOK (skipped=1)\n')).toMatchObject({
      total: 3,
      passed: 2,
      skipped: 1,
      failed: 0,
    });
  });

  it('reads zero tests, and gives null when unittest printed no summary', () => {
    expect(parseUnittestOutput('\nRan 0 tests in 0.000s\n\nOK\n')).toMatchObject({ total: 0 });
    expect(parseUnittestOutput('\nRan 0 tests in 0.000s\n\nNO TESTS RAN\n')).toMatchObject({
      total: 0,
    });
    expect(parseUnittestOutput('SyntaxError: invalid syntax')).toBeNull();
  });
});
