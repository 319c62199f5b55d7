import { relative } from 'node:path';
import { z } from 'zod';
import { parseJson, type ParseJsonResult } from '../../core/index.ts';
import type { TestFailure } from '../stack.ts';
import type { ParsedTestRun } from '../test-report.ts';
import { trimFailureMessage } from '../text-limits.ts';

const assertionSchema = z.looseObject({
  ancestorTitles: z.array(z.string()).nullish(),
  title: z.string(),
  status: z.string(),
  failureMessages: z.array(z.string()).nullish(),
});

const suiteSchema = z.looseObject({
  name: z.string(),
  status: z.string().nullish(),
  message: z.string().nullish(),
  assertionResults: z.array(assertionSchema).nullish(),
});

const reportSchema = z.looseObject({
  numTotalTests: z.number(),
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number().nullish(),
  numTodoTests: z.number().nullish(),
  testResults: z.array(suiteSchema),
});

type Suite = z.infer<typeof suiteSchema>;

/**
 * Reads the JSON report that jest (`--json`) and vitest (`--reporter=json`) both write, in
 * jest's format. A test file that failed to load has no test results but a message: it counts
 * as one failed test, so a broken file can never look like a green run.
 */
export function parseJestJsonReport(text: string, root: string): ParseJsonResult<ParsedTestRun> {
  const parsed = parseJson(text, reportSchema);
  if (!parsed.success) return parsed;
  const report = parsed.value;
  const failures: TestFailure[] = [];
  let loadFailures = 0;
  for (const suite of report.testResults) {
    const file = relative(root, suite.name) || suite.name;
    const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) {
      failures.push({
        name: [...(test.ancestorTitles ?? []), test.title].join(' > '),
        message: trimFailureMessage((test.failureMessages ?? []).join('\n')),
        file,
      });
    }
    if (failedTests.length === 0 && failedToLoad(suite)) {
      loadFailures += 1;
      failures.push({ name: file, message: trimFailureMessage(suite.message ?? ''), file });
    }
  }
  return {
    success: true,
    repaired: false,
    value: {
      passed: report.numPassedTests,
      failed: report.numFailedTests + loadFailures,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
      total: report.numTotalTests + loadFailures,
      failures,
    },
  };
}

function failedToLoad(suite: Suite): boolean {
  return suite.status === 'failed' && (suite.message ?? '').trim() !== '';
}
