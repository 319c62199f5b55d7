import type { IntegrityFinding } from './integrity-finding.ts';
import type { TestFileFacts } from './test-facts.ts';

/**
 * Findings of the head version that the base version did not already have: a change is
 * judged by what it added, not by what it inherited. Findings are matched by rule and the
 * text they quote, so a finding that only moved lines is not new.
 */
export function addedFindings(
  head: readonly IntegrityFinding[],
  base: readonly IntegrityFinding[],
): IntegrityFinding[] {
  const inherited = new Map<string, number>();
  for (const finding of base) {
    const key = signature(finding);
    inherited.set(key, (inherited.get(key) ?? 0) + 1);
  }
  return head.filter((finding) => {
    const key = signature(finding);
    const left = inherited.get(key) ?? 0;
    if (left === 0) return true;
    inherited.set(key, left - 1);
    return false;
  });
}

function signature(finding: IntegrityFinding): string {
  return `${finding.rule}\0${finding.message}`;
}

/** Tests the base had that the head no longer has, by name. */
export function deletedTests(
  file: string,
  head: TestFileFacts,
  base: TestFileFacts,
): IntegrityFinding[] {
  const remaining = new Set(head.cases.map((testCase) => testCase.name));
  return base.cases
    .filter((testCase) => !remaining.has(testCase.name))
    .map((testCase) => ({
      rule: 'test-deleted' as const,
      file,
      line: testCase.line,
      message: `test "${testCase.name}" (line ${testCase.line} before the change) was deleted`,
    }));
}

/**
 * Assertions whose expected value changed while the code they check changed too: the
 * signature of a test edited to agree with new output instead of the code made to pass it.
 */
export function changedExpectations(
  file: string,
  head: TestFileFacts,
  base: TestFileFacts,
  changedCode: readonly string[],
): IntegrityFinding[] {
  if (changedCode.length === 0) return [];
  const before = new Map<string, string[]>();
  for (const assertion of base.assertions) {
    if (assertion.expected === null) continue;
    const key = `${assertion.test ?? ''}\0${assertion.actual}`;
    before.set(key, [...(before.get(key) ?? []), assertion.expected]);
  }
  const findings: IntegrityFinding[] = [];
  for (const assertion of head.assertions) {
    if (assertion.expected === null) continue;
    const previous = before.get(`${assertion.test ?? ''}\0${assertion.actual}`);
    if (!previous || previous.includes(assertion.expected)) continue;
    findings.push({
      rule: 'expectation-changed',
      file,
      line: assertion.line,
      message: `the expected value of ${assertion.actual} changed from ${previous.join(' / ')} to ${assertion.expected} in the same change as ${changedCode.slice(0, 3).join(', ')}: fix the code, not the expectation, unless the requirement changed`,
    });
  }
  return findings;
}
