import type { TestFailure } from '../stack.ts';
import type { ParsedTestRun } from '../test-report.ts';
import { stripAnsi } from '../text-limits.ts';

type Counts = Omit<ParsedTestRun, 'failures'>;

/**
 * Counts from the human summary a test command printed, for when there is no machine-readable
 * report (`npm test` running a script we cannot safely add reporter flags to, or a runner that
 * crashed before writing its report). Knows vitest, jest, node:test (spec and TAP) and mocha;
 * when a script ran a runner twice, the summaries are added up. Null when none is found.
 */
export function parseTestSummaryText(output: string): ParsedTestRun | null {
  const text = stripAnsi(output);
  const counts =
    vitestCounts(text) ?? jestCounts(text) ?? nodeTestCounts(text) ?? mochaCounts(text) ?? null;
  return counts === null ? null : { ...counts, failures: failureNames(text) };
}

function vitestCounts(text: string): Counts | null {
  const matches = [...text.matchAll(/^\s*Tests\s+(.+?)\s*\((\d+)\)\s*$/gm)];
  return sumOf(matches.map((match) => fromLabelled(match[1] ?? '', Number(match[2]), ' | ')));
}

function jestCounts(text: string): Counts | null {
  const matches = [...text.matchAll(/^Tests:\s+(.+?),\s*(\d+) total\s*$/gm)];
  return sumOf(matches.map((match) => fromLabelled(match[1] ?? '', Number(match[2]), ', ')));
}

function nodeTestCounts(text: string): Counts | null {
  const matches = [...text.matchAll(/^[#ℹ] tests (\d+)\s*$/gm)];
  if (matches.length === 0) return null;
  const sum = (key: string): number =>
    [...text.matchAll(new RegExp(`^[#ℹ] ${key} (\\d+)\\s*$`, 'gm'))].reduce(
      (total, match) => total + Number(match[1]),
      0,
    );
  return {
    total: sum('tests'),
    passed: sum('pass'),
    failed: sum('fail') + sum('cancelled'),
    skipped: sum('skipped') + sum('todo'),
  };
}

function mochaCounts(text: string): Counts | null {
  const passing = /^\s*(\d+) passing\b/m.exec(text);
  if (!passing) return null;
  const failed = Number(/^\s*(\d+) failing\b/m.exec(text)?.[1] ?? 0);
  const skipped = Number(/^\s*(\d+) pending\b/m.exec(text)?.[1] ?? 0);
  const passed = Number(passing[1]);
  return { passed, failed, skipped, total: passed + failed + skipped };
}

/** `1 failed | 2 passed | 1 skipped` (vitest) or `1 failed, 1 todo, 2 passed` (jest). */
function fromLabelled(labelled: string, total: number, separator: string): Counts {
  const counts = { passed: 0, failed: 0, skipped: 0, total };
  for (const part of labelled.split(separator)) {
    const match = /(\d+)\s+(\w+)/.exec(part.trim());
    const amount = Number(match?.[1] ?? 0);
    const label = match?.[2] ?? '';
    if (label === 'passed') counts.passed += amount;
    else if (label === 'failed') counts.failed += amount;
    else if (['skipped', 'todo', 'pending'].includes(label)) counts.skipped += amount;
  }
  return counts;
}

function sumOf(all: Counts[]): Counts | null {
  if (all.length === 0) return null;
  return all.reduce((sum, counts) => ({
    passed: sum.passed + counts.passed,
    failed: sum.failed + counts.failed,
    skipped: sum.skipped + counts.skipped,
    total: sum.total + counts.total,
  }));
}

/** Names of failed tests as the runners print them; messages stay in the output. */
function failureNames(text: string): TestFailure[] {
  const patterns = [
    /^\s*FAIL\s+(\S.* > .+)$/gm, // vitest: ` FAIL  src/a.test.ts > suite > test`
    /^\s*● (.+ › .+)$/gm, // jest: `● suite › test`
    /^not ok \d+ - (.+?)(?:\s+# (?:SKIP|TODO).*)?$/gm, // TAP, top level
  ];
  const names = new Set<string>();
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) names.add((match[1] ?? '').trim());
  }
  const nodeFailing = text.split(/^✖ failing tests:\s*$/m)[1];
  for (const match of nodeFailing?.matchAll(/^✖ (.+?) \([\d.]+m?s\)\s*$/gm) ?? []) {
    names.add((match[1] ?? '').trim());
  }
  return [...names].map((name) => ({ name, message: '' }));
}
