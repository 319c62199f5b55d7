import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult, CommandRunner } from '../../workspace/command.ts';
import { defaultTimeouts, plainOutputEnv } from '../defaults.ts';
import {
  readOptionalText,
  withReportDirectory,
  type ReportDirectory,
} from '../report-directory.ts';
import type { TestOptions, TestReport } from '../stack.ts';
import { testReportFromRun, testReportNotRun, type ParsedTestRun } from '../test-report.ts';
import { parseIstanbulCoverageSummary } from './istanbul-coverage-summary.ts';
import { parseJestJsonReport } from './jest-json-report.ts';
import { parseNodeTestCoverage, parseNodeTestTap } from './node-test-tap.ts';
import { planNodeTests, type NodeTestPlan, type VitestCoverageProvider } from './node-test-plan.ts';
import { readPackageJson } from './package-json.ts';
import { parseTestSummaryText } from './test-summary-text.ts';

/** Runs a Node project's tests (see `planNodeTests` for how) and reads counts and coverage. */
export async function runNodeTests(
  runner: CommandRunner,
  options: TestOptions = {},
): Promise<TestReport> {
  const root = runner.root;
  const packageJson = await readPackageJson(root);
  if (packageJson === null) return testReportNotRun(null, '', `no package.json in ${root}`);
  return withReportDirectory(root, async (directory) => {
    const plan = planNodeTests({
      packageJson,
      coverage: options.coverage === true,
      vitestCoverageProvider: vitestCoverageProvider(root),
      reportDirectory: directory.relative,
    });
    const result = await runner.run({
      command: plan.command,
      timeoutMs: options.timeoutMs ?? defaultTimeouts.testMs,
      env: plainOutputEnv,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const notes = [...plan.notes];
    const parsed = await readCounts(plan, directory, result, notes);
    const coveragePercent = options.coverage
      ? await readCoverage(plan, directory, result, notes)
      : null;
    return testReportFromRun({ result, runner: plan.runner, parsed, coveragePercent, notes });
  });
}

function vitestCoverageProvider(root: string): VitestCoverageProvider {
  if (existsSync(join(root, 'node_modules/@vitest/coverage-v8/package.json'))) return 'v8';
  if (existsSync(join(root, 'node_modules/@vitest/coverage-istanbul/package.json')))
    return 'istanbul';
  return null;
}

async function readCounts(
  plan: NodeTestPlan,
  directory: ReportDirectory,
  result: CommandResult,
  notes: string[],
): Promise<ParsedTestRun | null> {
  const report = await readReport(directory, plan.jsonReport ?? plan.tapReport);
  if (plan.jsonReport !== null && report !== null) {
    const parsed = parseJestJsonReport(report, directory.root);
    if (parsed.success) return parsed.value;
    notes.push(
      `the ${plan.runner} JSON report was unreadable (${parsed.error}); counts come from the output`,
    );
  } else if (plan.tapReport !== null && report !== null) {
    const parsed = parseNodeTestTap(report);
    if (parsed !== null) return parsed;
    notes.push('the node:test TAP report had no summary; counts come from the output');
  } else if (plan.runner !== 'npm test') {
    notes.push(`${plan.runner} wrote no report file; counts come from its output`);
  }
  return parseTestSummaryText(result.output);
}

async function readCoverage(
  plan: NodeTestPlan,
  directory: ReportDirectory,
  result: CommandResult,
  notes: string[],
): Promise<number | null> {
  if (plan.coverageSummary !== null) {
    const summary = await readReport(directory, plan.coverageSummary);
    if (summary === null) {
      notes.push(`${plan.runner} wrote no coverage summary`);
      return null;
    }
    const parsed = parseIstanbulCoverageSummary(summary);
    if (parsed.success) return parsed.value;
    notes.push(`the coverage summary was unreadable: ${parsed.error}`);
    return null;
  }
  // node:test prints its coverage table in the TAP report (and npm test may print one too).
  const tap = plan.tapReport === null ? null : await readReport(directory, plan.tapReport);
  return parseNodeTestCoverage(tap ?? result.output);
}

async function readReport(
  directory: ReportDirectory,
  relativePath: string | null,
): Promise<string | null> {
  if (relativePath === null) return null;
  return readOptionalText(join(directory.root, relativePath));
}
