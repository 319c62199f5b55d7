import { describe, expect, test } from 'vitest';
import {
  alignColumns,
  formatCount,
  formatDuration,
  formatTokensShort,
  formatUsd,
} from './format-units.ts';

describe('format units', () => {
  test('durations are precise when short and coarse when long', () => {
    expect(
      [0, 850, 999, 1_000, 4_240, 59_999, 60_700, 187_000, 3_600_000, 7_380_000].map(
        formatDuration,
      ),
    ).toEqual([
      '0ms',
      '850ms',
      '999ms',
      '1.0s',
      '4.2s',
      '59.9s',
      '1m 00s',
      '3m 07s',
      '1h 00m',
      '2h 03m',
    ]);
  });

  test('dollars keep fractions of a cent under a dollar, cents above', () => {
    expect([0, 0.0042, 0.0873, 0.1, 1, 12.345].map(formatUsd)).toEqual([
      '$0.00',
      '$0.0042',
      '$0.0873',
      '$0.1000',
      '$1.00',
      '$12.35',
    ]);
  });

  test('token counts are short in the footer and exact in the summary', () => {
    expect([845, 1_200, 12_345, 1_240_000].map(formatTokensShort)).toEqual([
      '845',
      '1.2k',
      '12.3k',
      '1.24M',
    ]);
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });

  test('columns line up on visible width, colour codes not counted', () => {
    expect(
      alignColumns([
        ['\u001b[31m✖\u001b[39m a', 'x'],
        ['bbb', 'y', ''],
      ]),
    ).toEqual(['\u001b[31m✖\u001b[39m a  x', 'bbb  y']);
  });
});
