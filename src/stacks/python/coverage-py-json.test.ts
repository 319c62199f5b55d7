import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixture.ts';
import { parseCoveragePyJson } from './coverage-py-json.ts';

describe('parseCoveragePyJson', () => {
  it('reads line coverage from the totals', () => {
    expect(parseCoveragePyJson(fixture('coverage-py.json'))).toMatchObject({
      success: true,
      value: 50,
    });
  });

  it('gives null when nothing was measured', () => {
    const report = JSON.stringify({ totals: { covered_lines: 0, num_statements: 0 } });
    expect(parseCoveragePyJson(report)).toMatchObject({ success: true, value: null });
  });
});
