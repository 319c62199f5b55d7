import { describe, expect, it } from 'vitest';
import { fixture, fixtureRoot } from '../test-support/fixture.ts';
import { parseEslintReport } from './eslint-report.ts';

describe('parseEslintReport', () => {
  it('counts errors and warnings and lists each problem with its file relative to the root', () => {
    const parsed = parseEslintReport(fixture('eslint-report.json'), fixtureRoot);
    if (!parsed.success) throw new Error(parsed.error);
    expect(parsed.value.errors).toBe(3);
    expect(parsed.value.warnings).toBe(1);
    expect(parsed.value.problems).toContainEqual({
      file: 'src/bad.js',
      line: 1,
      column: 7,
      severity: 'error',
      rule: 'no-unused-vars',
      message: "'unused' is assigned a value but never used.",
    });
    expect(parsed.value.problems.filter((problem) => problem.severity === 'warning')).toEqual([
      expect.objectContaining({ rule: 'no-console', line: 2 }),
    ]);
  });
});
