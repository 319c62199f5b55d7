import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/fixture.ts';
import { parseIstanbulCoverageSummary } from './istanbul-coverage-summary.ts';

describe('parseIstanbulCoverageSummary', () => {
  it('reads total line coverage from a v8 coverage-summary.json', () => {
    const parsed = parseIstanbulCoverageSummary(fixture('coverage-summary.json'));
    expect(parsed).toMatchObject({ success: true, value: 25 });
  });

  it('gives null, not NaN, when there were no lines to cover', () => {
    const summary = JSON.stringify({ total: { lines: { total: 0, covered: 0, pct: 'Unknown' } } });
    expect(parseIstanbulCoverageSummary(summary)).toMatchObject({ success: true, value: null });
  });

  it('rounds to two decimals', () => {
    const summary = JSON.stringify({ total: { lines: { total: 3, covered: 2, pct: 66.66 } } });
    expect(parseIstanbulCoverageSummary(summary)).toMatchObject({ value: 66.67 });
  });
});
