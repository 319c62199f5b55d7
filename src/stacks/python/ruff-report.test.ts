import { describe, expect, it } from 'vitest';
import { fixture, fixtureRoot } from '../test-support/fixture.ts';
import { parseRuffReport } from './ruff-report.ts';

describe('parseRuffReport', () => {
  it('counts every violation as an error, including syntax errors without a code', () => {
    const parsed = parseRuffReport(fixture('ruff-report.json'), fixtureRoot);
    if (!parsed.success) throw new Error(parsed.error);
    expect(parsed.value.errors).toBe(3);
    expect(
      parsed.value.problems.map((problem) => [problem.file, problem.line, problem.rule]),
    ).toEqual([
      ['calc/bad.py', 1, 'F401'],
      ['calc/bad.py', 6, 'F821'],
      ['calc/broken.py', 8, null],
    ]);
  });

  it('reads a clean run as no problems', () => {
    expect(parseRuffReport('[]', fixtureRoot)).toMatchObject({
      success: true,
      value: { errors: 0, warnings: 0 },
    });
  });
});
