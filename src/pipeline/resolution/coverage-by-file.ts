import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { listProjectFiles } from '../../workspace/index.ts';

/** Line coverage of one source file, as the test runner measured it. */
export interface FileCoverage {
  file: string;
  /** null when only the ranking, not a measurement, put the file here. */
  linePercent: number | null;
  /** The runner's list of uncovered lines (`3-7, 12`), when it gives one. */
  uncoveredLines: string;
}

/**
 * Per-file line coverage from node's coverage table (the `--experimental-test-coverage` report
 * in TAP `#` or spec `ℹ` lines). The table is a tree: a directory row has no figures and its
 * files follow one space deeper, so paths are rebuilt from the indentation.
 */
export function parseNodeCoverageTable(output: string): FileCoverage[] {
  const rows: FileCoverage[] = [];
  const directories: string[] = [];
  let inTable = false;
  for (const raw of output.split('\n')) {
    const line = /^[#ℹ] (.*)$/.exec(raw)?.[1];
    if (line === undefined) continue;
    if (/^start of coverage report/.test(line)) inTable = true;
    if (!inTable || !line.includes('|') || /^file\s*\|/.test(line)) continue;
    if (/^all files\s*\|/.test(line)) break;
    const [name = '', percent = '', , , uncovered = ''] = line.split('|');
    const depth = name.length - name.trimStart().length;
    const entry = name.trim();
    directories.length = depth;
    if (percent.trim() === '') {
      directories[depth] = entry;
      continue;
    }
    rows.push({
      file: [...directories.slice(0, depth), entry].join('/'),
      linePercent: Number(percent.trim()),
      uncoveredLines: uncovered.trim(),
    });
  }
  return rows;
}

const sourceExtensions = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.jsx', '.tsx', '.py']);
const testFile =
  /(^|\/)(tests?|__tests__|spec)\/|[._-](test|spec)\.[a-z]+$|(^|\/)test_[^/]+\.py$|(^|\/)conftest\.py$/;
const configFile = /(^|\/)(\.?[\w-]+\.config\.[cm]?[jt]s|setup\.py|noxfile\.py)$/;

/**
 * The files most in need of tests, worst first: those the runner measured below `threshold`,
 * or, when the runner gives no per-file figures, the source files no test mentions by name
 * (largest first), then the others. At most `limit`.
 */
export async function leastCoveredFiles(
  root: string,
  testOutput: string,
  threshold: number,
  limit = 5,
): Promise<FileCoverage[]> {
  const measured = parseNodeCoverageTable(testOutput).filter(
    (row) => row.linePercent !== null && row.linePercent < threshold,
  );
  if (measured.length > 0)
    return measured.sort((a, b) => (a.linePercent ?? 0) - (b.linePercent ?? 0)).slice(0, limit);
  const files = await listProjectFiles(root);
  const sources = files.filter(
    (file) => sourceExtensions.has(extname(file)) && !testFile.test(file) && !configFile.test(file),
  );
  const testText = (
    await Promise.all(
      files
        .filter((file) => testFile.test(file))
        .map((file) => readFile(join(root, file), 'utf8').catch(() => '')),
    )
  ).join('\n');
  const ranked = await Promise.all(
    sources.map(async (file) => ({
      file,
      mentioned: testText.includes(basename(file, extname(file))),
      size: (await readFile(join(root, file), 'utf8').catch(() => '')).length,
    })),
  );
  return ranked
    .sort((a, b) => Number(a.mentioned) - Number(b.mentioned) || b.size - a.size)
    .slice(0, limit)
    .map(({ file }) => ({ file, linePercent: null, uncoveredLines: '' }));
}
