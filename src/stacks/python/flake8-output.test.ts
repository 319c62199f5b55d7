import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixture.ts';
import { parseFlake8Output } from './flake8-output.ts';

describe('parseFlake8Output', () => {
  it('counts pyflakes and pycodestyle codes as errors and W codes as warnings', () => {
    const parsed = parseFlake8Output(fixture('flake8-output.txt'));
    expect(parsed.errors).toBe(4);
    expect(parsed.warnings).toBe(0);
    expect(parsed.problems[0]).toEqual({
      file: 'calc/bad.py',
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'F401',
      message: "'os' imported but unused",
    });
    expect(parseFlake8Output('./a.py:3:1: W391 blank line at end of file\n').warnings).toBe(1);
  });
});
