import { describe, expect, it } from 'vitest';
import { parseNodeCoverageTable } from './coverage-by-file.ts';

// node 24's coverage table as the spec reporter prints it: a tree of directories and files.
const specTable = `ℹ tests 1
ℹ pass 1
ℹ start of coverage report
ℹ ----------------------------------------------------------
ℹ file      | line % | branch % | funcs % | uncovered lines
ℹ ----------------------------------------------------------
ℹ src       |        |          |         | 
ℹ  lib      |        |          |         | 
ℹ   str.js  |  33.33 |   100.00 |    0.00 | 2-3
ℹ  math.js  |  28.57 |   100.00 |   50.00 | 3-7
ℹ index.js  | 100.00 |   100.00 |  100.00 | 
ℹ ----------------------------------------------------------
ℹ all files |  30.00 |   100.00 |   33.33 | 
ℹ ----------------------------------------------------------
ℹ end of coverage report`;

describe('parseNodeCoverageTable', () => {
  it('rebuilds each file path from the tree and reads its line coverage and uncovered lines', () => {
    expect(parseNodeCoverageTable(specTable)).toEqual([
      { file: 'src/lib/str.js', linePercent: 33.33, uncoveredLines: '2-3' },
      { file: 'src/math.js', linePercent: 28.57, uncoveredLines: '3-7' },
      { file: 'index.js', linePercent: 100, uncoveredLines: '' },
    ]);
  });

  it('reads the TAP form (# lines) too, and nothing from output without a table', () => {
    expect(parseNodeCoverageTable(specTable.replaceAll('ℹ', '#'))).toHaveLength(3);
    expect(parseNodeCoverageTable('ℹ tests 1\nℹ pass 1\n')).toEqual([]);
  });
});
