import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixture.ts';
import { parseJunitXml } from './junit-xml-report.ts';

describe('parseJunitXml', () => {
  it('counts a pytest run and names each failure by its dotted test id', () => {
    const parsed = parseJunitXml(fixture('pytest-junit.xml'));
    expect(parsed).toMatchObject({ total: 4, passed: 1, failed: 2, skipped: 1 });
    expect(parsed?.failures).toEqual([
      {
        name: 'tests.test_calc.test_adds_wrongly',
        message: 'AssertionError: sum is off\nassert 3 == 4\n +  where 3 = add(1, 2)',
      },
      {
        name: 'tests.test_calc.TestThing.test_error',
        message: 'ValueError: bad <value> & "quoted"',
      },
    ]);
  });

  it('counts a collection error as a failure and explains it with the E line', () => {
    const parsed = parseJunitXml(fixture('pytest-junit-collection-error.xml'));
    expect(parsed).toMatchObject({ total: 1, passed: 0, failed: 1, skipped: 0 });
    expect(parsed?.failures).toEqual([
      {
        name: 'tests.test_broken',
        message: "ModuleNotFoundError: No module named 'nonexistent_module'",
      },
    ]);
  });

  it('reads an empty run as zero tests, and non-JUnit text as null', () => {
    const empty =
      '<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="0" time="0.006" /></testsuites>';
    expect(parseJunitXml(empty)).toEqual({
      total: 0,
      passed: 0,
      failed: 0,
      skipped: 0,
      failures: [],
    });
    expect(parseJunitXml('no tests ran')).toBeNull();
  });
});
