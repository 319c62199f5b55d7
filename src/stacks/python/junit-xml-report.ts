import type { TestFailure } from '../stack.ts';
import type { ParsedTestRun } from '../test-report.ts';
import { trimFailureMessage } from '../text-limits.ts';

/** Messages pytest gives that say nothing; the body's last `E   ` line says more. */
const vagueMessages = new Set(['', 'collection failure', 'test setup failure']);

/**
 * Reads a JUnit XML report as pytest writes it (`--junitxml`): counts from the `<testsuite>`
 * attributes, failures from `<testcase>` elements holding `<failure>` or `<error>`. Errors
 * (collection and fixture errors) count as failures. Null when there is no `<testsuite>`.
 * A few regular expressions suffice for this one well-known producer; no XML library needed.
 */
export function parseJunitXml(xml: string): ParsedTestRun | null {
  const suites = [...xml.matchAll(/<testsuite\b([^>]*)>/g)].map((match) =>
    attributesOf(match[1] ?? ''),
  );
  if (suites.length === 0) return null;
  const sum = (key: string): number =>
    suites.reduce((total, suite) => total + Number(suite.get(key) ?? 0), 0);
  const total = sum('tests');
  const failed = sum('failures') + sum('errors');
  const skipped = sum('skipped');
  return {
    total,
    failed,
    skipped,
    passed: Math.max(0, total - failed - skipped),
    failures: failuresOf(xml),
  };
}

function failuresOf(xml: string): TestFailure[] {
  const failures: TestFailure[] = [];
  for (const testcase of xml.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const body = testcase[2] ?? '';
    const problem = /<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(body);
    if (!problem) continue;
    const attributes = attributesOf(testcase[1] ?? '');
    const className = attributes.get('classname') ?? '';
    const testName = attributes.get('name') ?? '';
    const message = attributesOf(problem[2] ?? '').get('message') ?? '';
    const detail = decodeXml(problem[3] ?? '');
    failures.push({
      name: className ? `${className}.${testName}` : testName,
      message: trimFailureMessage(vagueMessages.has(message) ? explain(detail, message) : message),
    });
  }
  return failures;
}

/** The last `E   ` line of pytest's long report, else its last line. */
function explain(detail: string, fallback: string): string {
  const lines = detail.split('\n').filter((line) => line.trim() !== '');
  const errorLines = lines.filter((line) => line.startsWith('E '));
  const last = errorLines.at(-1) ?? lines.at(-1);
  return last === undefined ? fallback : last.replace(/^E\s+/, '');
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([\w:-]+)="([^"]*)"/g)) {
    attributes.set(match[1] ?? '', decodeXml(match[2] ?? ''));
  }
  return attributes;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) {
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[entity.toLowerCase()] ?? '';
  });
}
