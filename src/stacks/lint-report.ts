import type { CommandResult } from '../workspace/command.ts';
import type { LintProblem, LintReport, LinterName } from './stack.ts';
import { capText, maxLintProblems } from './text-limits.ts';

/** Counts and problems as one linter's report states them. */
export interface ParsedLint {
  errors: number;
  warnings: number;
  problems: LintProblem[];
}

/** One line per problem, `file:line:column: severity message (rule)`, like compilers print. */
export function formatLintProblems(problems: LintProblem[]): string {
  return problems
    .map(
      (problem) =>
        `${problem.file}:${problem.line}:${problem.column}: ${problem.severity} ${problem.message}` +
        (problem.rule ? ` (${problem.rule})` : ''),
    )
    .join('\n');
}

/**
 * The report of a linter that ran. When its report could not be read (the linter crashed, or
 * its configuration is broken) that counts as one error, so a broken linter never passes a gate.
 */
export function lintReportFromRun(
  linter: LinterName,
  result: CommandResult,
  parsed: ParsedLint | null,
): LintReport {
  if (parsed === null) {
    return {
      ran: true,
      linter,
      reason: `${linter} produced no readable report (exit code ${String(result.exitCode)}); see the output`,
      errors: 1,
      warnings: 0,
      problems: [],
      output: result.output,
      exitCode: result.exitCode,
      command: result.command,
    };
  }
  return {
    ran: true,
    linter,
    reason: null,
    errors: parsed.errors,
    warnings: parsed.warnings,
    problems: parsed.problems.slice(0, maxLintProblems),
    output: capText(formatLintProblems(parsed.problems)),
    exitCode: result.exitCode,
    command: result.command,
  };
}

/** The report when no linter is configured or available: nothing ran, and why. */
export function lintReportNotRun(linter: LinterName | null, reason: string): LintReport {
  return {
    ran: false,
    linter,
    reason,
    errors: 0,
    warnings: 0,
    problems: [],
    output: '',
    exitCode: null,
    command: '',
  };
}
