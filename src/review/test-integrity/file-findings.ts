import { posix } from 'node:path';
import type { IntegrityFinding } from './integrity-finding.ts';
import { namedAsTest, type TestLanguage } from './test-file-kind.ts';
import type { TestFileFacts } from './test-facts.ts';

/** What the rules need to know about the module a test file is about. */
export interface Subject {
  /** `src/cart` for `src/cart.test.ts`: path without extension. */
  path: string;
  /** Top-level names the subject defines (Python), to tell its own functions patched. */
  definitions: ReadonlySet<string>;
}

/** Findings that one test file shows by itself, whatever changed. */
export function fileFindings(
  file: string,
  language: TestLanguage,
  facts: TestFileFacts,
  subject: Subject,
): IntegrityFinding[] {
  const findings: IntegrityFinding[] = [];
  if (namedAsTest(file) && facts.cases.length === 0 && facts.skips.length === 0) {
    findings.push({
      rule: 'empty-test-file',
      file,
      line: 1,
      message: 'a test file without any test: a run of it proves nothing',
    });
  }
  for (const testCase of facts.cases) {
    if (testCase.assertions === 0)
      findings.push({
        rule: 'no-assertion',
        file,
        line: testCase.line,
        message: `test "${testCase.name}" asserts nothing, so it passes whatever the code does`,
      });
  }
  for (const assertion of facts.assertions) {
    if (assertion.constant)
      findings.push({
        rule: 'constant-assertion',
        file,
        line: assertion.line,
        message: `an assertion that cannot fail: it checks ${assertion.actual}${assertion.expected === null ? '' : ` against ${assertion.expected}`}, not the code's behaviour`,
      });
  }
  for (const skip of facts.skips) {
    const focused = /(?:^|\.)only$|^f(?:it|describe|test)$/.test(skip.construct);
    findings.push({
      rule: focused ? 'focused-test' : 'skipped-test',
      file,
      line: skip.line,
      message: focused
        ? `${skip.construct} on "${skip.target}" runs only it, silently skipping every other test`
        : `${skip.construct} turns off "${skip.target}"`,
    });
  }
  for (const mock of facts.mocks) {
    if (mocksSubject(file, language, mock.target, subject))
      findings.push({
        rule: 'mocked-subject',
        file,
        line: mock.line,
        message: `${mock.target} is the module under test, mocked in its own test: the test then checks the mock`,
      });
  }
  return findings;
}

function mocksSubject(
  file: string,
  language: TestLanguage,
  target: string,
  subject: Subject,
): boolean {
  const subjectBase = posix.basename(subject.path);
  if (language === 'javascript') {
    if (!target.startsWith('.')) return false;
    const resolved = posix.join(posix.dirname(file), target).replace(/\.[cm]?[jt]sx?$/, '');
    // A test kept in a test folder is about the module of its name wherever that lives.
    const inTestFolder = /(?:^|\/)(?:tests?|__tests__)\//.test(file);
    return resolved === subject.path || (inTestFolder && posix.basename(resolved) === subjectBase);
  }
  const segments = target.split('.');
  const at = segments.lastIndexOf(subjectBase);
  if (at === -1) return false;
  const attribute = segments[at + 1];
  return (
    attribute === undefined || (at + 2 === segments.length && subject.definitions.has(attribute))
  );
}

/** `istanbul ignore`, `c8 ignore`, `v8 ignore`, `pragma: no cover`: code taken out of the coverage figure. */
export function coverageExclusions(file: string, text: string): IntegrityFinding[] {
  const findings: IntegrityFinding[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /\b(?:istanbul|c8|v8)\s+ignore\b|pragma:\s*no\s*cover/.exec(line);
    if (match)
      findings.push({
        rule: 'coverage-exclusion',
        file,
        line: index + 1,
        message: `"${match[0]}" hides code from the coverage gate instead of testing it`,
      });
  });
  return findings;
}
