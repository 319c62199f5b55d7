import type { TestFailure } from '../stack.ts';
import type { ParsedTestRun } from '../test-report.ts';
import { trimFailureMessage } from '../text-limits.ts';

/**
 * Reads the TAP that `node --test --test-reporter=tap` writes: the closing `# tests/# pass/…`
 * summary for counts, and each `not ok` with its YAML block for failures. Suites that failed
 * only because a subtest failed are not failures of their own. Null when there is no summary.
 */
export function parseNodeTestTap(tap: string): ParsedTestRun | null {
  const lines = tap.split('\n');
  const count = (key: string): number | null => summaryCount(lines, key);
  const tests = count('tests');
  if (tests === null) return null;
  const failed = (count('fail') ?? 0) + (count('cancelled') ?? 0);
  const skipped = (count('skipped') ?? 0) + (count('todo') ?? 0);
  return {
    total: tests,
    passed: count('pass') ?? Math.max(0, tests - failed - skipped),
    failed,
    skipped,
    failures: failuresOf(lines),
  };
}

/** Line coverage from node's coverage table (`# all files | 44.44 | …`, or `ℹ` in spec output). */
export function parseNodeTestCoverage(text: string): number | null {
  const match = /^[#ℹ]\s*all files\s*\|\s*([\d.]+)/m.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

function summaryCount(lines: string[], key: string): number | null {
  const pattern = new RegExp(`^# ${key} (\\d+)\\s*$`);
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const match = pattern.exec(lines[index] ?? '');
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return null;
}

function failuresOf(lines: string[]): TestFailure[] {
  const failures: TestFailure[] = [];
  const subtests: string[] = [];
  lines.forEach((line, index) => {
    const subtest = /^(\s*)# Subtest: (.*)$/.exec(line);
    if (subtest) {
      const depth = depthOf(subtest[1] ?? '');
      subtests.length = depth;
      subtests[depth] = unescapeTap(subtest[2] ?? '');
      return;
    }
    const notOk = /^(\s*)not ok \d+ - (.*?)(?:\s+# (TODO|SKIP)\b.*)?$/.exec(line);
    if (!notOk || notOk[3] === 'TODO') return;
    const indent = notOk[1] ?? '';
    const details = yamlBlock(lines, index + 1, indent.length + 2);
    if (details.get('failureType') === 'subtestsFailed') return;
    const name = [...subtests.slice(0, depthOf(indent)), unescapeTap(notOk[2] ?? '')].join(' > ');
    const location = details.get('location');
    const file = location?.replace(/:\d+:\d+$/, '');
    failures.push({
      name,
      message: trimFailureMessage(details.get('error') ?? details.get('failureType') ?? ''),
      ...(file ? { file } : {}),
    });
  });
  return failures;
}

function depthOf(indent: string): number {
  return Math.floor(indent.length / 4);
}

/** The `key: value` pairs of the YAML block after a test line (only what failures need). */
function yamlBlock(lines: string[], start: number, indent: number): Map<string, string> {
  const values = new Map<string, string>();
  if (lines[start]?.trim() !== '---') return values;
  const prefix = ' '.repeat(indent);
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '...') break;
    const pair = /^(\w+):\s?(.*)$/.exec(line.startsWith(prefix) ? line.slice(indent) : '');
    if (!pair) continue;
    const key = pair[1] ?? '';
    const raw = pair[2] ?? '';
    if (raw === '|-' || raw === '|' || raw === '>-') {
      const block: string[] = [];
      while (index + 1 < lines.length && isIndentedMore(lines[index + 1] ?? '', indent)) {
        index += 1;
        block.push((lines[index] ?? '').slice(indent + 2));
      }
      values.set(key, block.join('\n'));
    } else {
      values.set(key, yamlScalar(raw));
    }
  }
  return values;
}

function isIndentedMore(line: string, indent: number): boolean {
  return line.trim() === '' || line.startsWith(' '.repeat(indent + 2));
}

function yamlScalar(raw: string): string {
  if (raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  if (raw.startsWith('"') && raw.endsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw;
}

function unescapeTap(text: string): string {
  return text.replace(/\\([#\\])/g, '$1');
}
