import type { CommandResult } from '../workspace/command.ts';
import type { TestFailure, TestReport, TestRunnerName } from './stack.ts';
import { maxFailures } from './text-limits.ts';

/** Counts and failures as one runner's report states them. */
export interface ParsedTestRun {
  passed: number;
  failed: number;
  skipped: number;
  total: number;
  failures: TestFailure[];
}

/** What a finished test command and its parsed report make together. */
export interface TestReportInput {
  result: CommandResult;
  runner: TestRunnerName;
  /** null when neither a report file nor the output said how many tests ran. */
  parsed: ParsedTestRun | null;
  coveragePercent: number | null;
  notes: string[];
}

/** The report of a test command that ran; unknown counts become an honest zero. */
export function testReportFromRun(input: TestReportInput): TestReport {
  const { result, parsed } = input;
  const notes = [...input.notes];
  if (parsed === null) {
    notes.push(
      `${input.runner} reported no results (exit code ${String(result.exitCode)}${result.timedOut ? ', timed out' : ''}); see the output.`,
    );
  }
  return {
    ran: true,
    runner: input.runner,
    passed: parsed?.passed ?? 0,
    failed: parsed?.failed ?? 0,
    skipped: parsed?.skipped ?? 0,
    total: parsed?.total ?? 0,
    durationMs: result.durationMs,
    coveragePercent: input.coveragePercent,
    failures: (parsed?.failures ?? []).slice(0, maxFailures),
    output: result.output,
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    command: result.command,
    notes,
  };
}

/** The report of a test run that could not start: zero tests, and the reason in `notes`. */
export function testReportNotRun(
  runner: TestRunnerName | null,
  command: string,
  reason: string,
): TestReport {
  return {
    ran: false,
    runner,
    passed: 0,
    failed: 0,
    skipped: 0,
    total: 0,
    durationMs: 0,
    coveragePercent: null,
    failures: [],
    output: '',
    exitCode: null,
    timedOut: false,
    command,
    notes: [reason],
  };
}
