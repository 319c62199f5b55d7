import type { TestFailure } from '../stack.ts';
import type { ParsedTestRun } from '../test-report.ts';
import { stripAnsi, trimFailureMessage } from '../text-limits.ts';

/**
 * Reads what `python -m unittest` prints: `Ran N tests`, then `OK (skipped=1)`,
 * `FAILED (failures=1, errors=2, …)` or `NO TESTS RAN`. Errors (a module that failed to
 * import is one) and unexpected successes count as failures; expected failures as passes.
 * Failures come from the `FAIL:`/`ERROR:` blocks with their tracebacks. Null without `Ran N`.
 */
export function parseUnittestOutput(output: string): ParsedTestRun | null {
  const text = stripAnsi(output);
  const ran = [...text.matchAll(/^Ran (\d+) tests? in /gm)].at(-1);
  if (ran === undefined) return null;
  const total = Number(ran[1]);
  const tail = text.slice(ran.index);
  const status = /^(?:OK|FAILED)(?: \((.*)\))?\s*$/m.exec(tail)?.[1] ?? '';
  const counts = new Map<string, number>();
  for (const part of status.split(',')) {
    const match = /^\s*([\w ]+)=(\d+)\s*$/.exec(part);
    if (match) counts.set(match[1] ?? '', Number(match[2]));
  }
  const failed =
    (counts.get('failures') ?? 0) +
    (counts.get('errors') ?? 0) +
    (counts.get('unexpected successes') ?? 0);
  const skipped = counts.get('skipped') ?? 0;
  return {
    total,
    failed,
    skipped,
    passed: Math.max(0, total - failed - skipped),
    failures: failuresOf(text),
  };
}

const separator = /^(?:=+|-+)\s*$/;

function failuresOf(text: string): TestFailure[] {
  const lines = text.split('\n');
  const failures: TestFailure[] = [];
  lines.forEach((line, index) => {
    const header = /^(FAIL|ERROR|UNEXPECTED SUCCESS): (\S+)(?: \((.+)\))?\s*$/.exec(line);
    if (!header || !separator.test(lines[index - 1] ?? '')) return;
    const body: string[] = [];
    for (
      let next = index + 2;
      next < lines.length && !separator.test(lines[next] ?? '');
      next += 1
    ) {
      body.push(lines[next] ?? '');
    }
    failures.push({
      name: testId(header[2] ?? '', header[3]),
      message: trimFailureMessage(body.join('\n')),
    });
  });
  return failures;
}

/**
 * `test_x (pkg.mod.Case.test_x)` on Python 3.11+, `test_x (pkg.mod.Case)` before, and
 * `pkg.test_mod (unittest.loader._FailedTest.pkg.test_mod)` for a module that did not import.
 */
function testId(method: string, qualified: string | undefined): string {
  if (qualified === undefined || qualified.startsWith('unittest.')) return method;
  return qualified.endsWith(`.${method}`) ? qualified : `${qualified}.${method}`;
}
