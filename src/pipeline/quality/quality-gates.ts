import { z } from 'zod';
import type { GateThresholds } from '../../config/index.ts';
import { scanDirectory, summaryLine, type AuditReport } from '../../guard/index.ts';
import {
  checkTestIntegrity,
  describeIntegrityFinding,
  type TestIntegrityReport,
} from '../../review/test-integrity/index.ts';
import { detectStack, type LintReport, type TestReport } from '../../stacks/index.ts';
import type { CommandRunner } from '../../workspace/index.ts';

export const gateResultSchema = z.object({
  gate: z.enum(['tests', 'coverage', 'lint', 'integrity', 'audit']),
  passed: z.boolean(),
  /** What was measured, e.g. "42/42 passed", "84.1 %", "0 errors". */
  measured: z.string(),
  /** What it had to be, e.g. "all pass", ">= 80 %". */
  threshold: z.string(),
  /** Why it failed, for people and for the agent that fixes it. */
  detail: z.string(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

export interface GateReport {
  passed: boolean;
  gates: GateResult[];
  tests: TestReport | null;
  lint: LintReport | null;
  /** Null when the integrity gate is off. */
  integrity: TestIntegrityReport | null;
  audit: AuditReport;
}

export interface GateOptions {
  signal?: AbortSignal;
  /** A commit: the integrity gate then judges only what changed since it (deleted tests too). */
  base?: string;
}

/**
 * The quality gates of a generated project, measured, never assumed: its tests pass (and at
 * least one ran), line coverage reaches the threshold, lint finds no errors, and the security
 * audit passes. A project Loki cannot drive fails the test gates with the reason.
 */
export async function runQualityGates(
  runner: CommandRunner,
  thresholds: GateThresholds,
  options: GateOptions = {},
): Promise<GateReport> {
  const { signal } = options;
  const stack = await detectStack(runner.root);
  const gates: GateResult[] = [];
  let tests: TestReport | null = null;
  let lint: LintReport | null = null;
  if (!stack) {
    const detail = 'no Node or Python project was found, so its tests cannot run';
    gates.push({
      gate: 'tests',
      passed: false,
      measured: 'not run',
      threshold: 'all pass',
      detail,
    });
    gates.push({
      gate: 'coverage',
      passed: false,
      measured: 'not measured',
      threshold: `>= ${thresholds.minCoveragePercent} %`,
      detail,
    });
    gates.push({
      gate: 'lint',
      passed: false,
      measured: 'not run',
      threshold: `<= ${thresholds.maxLintErrors} errors`,
      detail,
    });
  } else {
    const install = await stack.install(runner, { signal });
    tests = install.ok ? await stack.test(runner, { coverage: true, signal }) : null;
    gates.push(
      testsGate(tests, install.ok ? '' : `installing dependencies failed: ${install.summary}`),
    );
    gates.push(coverageGate(tests, thresholds));
    lint = await stack.lint(runner, { signal });
    gates.push(lintGate(lint, thresholds));
  }
  const integrity =
    thresholds.testIntegrity === 'off'
      ? null
      : await checkTestIntegrity(runner.root, { base: options.base });
  if (integrity) gates.push(integrityGate(integrity, thresholds));
  const audit = await scanDirectory(runner.root, { signal });
  gates.push({
    gate: 'audit',
    passed: audit.passed,
    measured: `${audit.findings.length} findings`,
    threshold: 'policy passes',
    detail: audit.passed ? '' : summaryLine(audit),
  });
  return { passed: gates.every((gate) => gate.passed), gates, tests, lint, integrity, audit };
}

function testsGate(tests: TestReport | null, installProblem: string): GateResult {
  const threshold = 'all pass, at least one';
  if (!tests)
    return { gate: 'tests', passed: false, measured: 'not run', threshold, detail: installProblem };
  const measured = `${tests.passed}/${tests.total} passed`;
  if (!tests.ran || tests.total === 0) {
    return {
      gate: 'tests',
      passed: false,
      measured,
      threshold,
      detail: `\`${tests.command}\` ran no test`,
    };
  }
  const passed = tests.failed === 0 && tests.exitCode === 0 && !tests.timedOut;
  const failures = tests.failures
    .map((failure) => `${failure.name}: ${failure.message}`)
    .join('\n');
  return {
    gate: 'tests',
    passed,
    measured,
    threshold,
    detail: passed ? '' : `${tests.failed} failing\n${failures}`,
  };
}

function coverageGate(tests: TestReport | null, thresholds: GateThresholds): GateResult {
  const threshold = `>= ${thresholds.minCoveragePercent} %`;
  const percent = tests?.coveragePercent ?? null;
  if (percent === null) {
    return {
      gate: 'coverage',
      passed: false,
      measured: 'not measured',
      threshold,
      detail: tests
        ? `coverage could not be measured: ${tests.notes.join(' ')}`
        : 'the tests did not run',
    };
  }
  const passed = percent >= thresholds.minCoveragePercent;
  return {
    gate: 'coverage',
    passed,
    measured: `${percent.toFixed(1)} %`,
    threshold,
    detail: passed
      ? ''
      : `line coverage is ${percent.toFixed(1)} %; write tests for the code they do not reach`,
  };
}

function lintGate(lint: LintReport, thresholds: GateThresholds): GateResult {
  const threshold = `<= ${thresholds.maxLintErrors} errors`;
  if (!lint.ran) {
    const passed = !thresholds.requireLinter;
    return {
      gate: 'lint',
      passed,
      measured: 'not run',
      threshold,
      detail: passed
        ? ''
        : `no linter ran: ${lint.reason ?? 'none configured'}; configure one (eslint, ruff or flake8)`,
    };
  }
  const passed = lint.errors <= thresholds.maxLintErrors;
  const problems = lint.problems
    .filter((problem) => problem.severity === 'error')
    .slice(0, 20)
    .map((problem) => `${problem.file}:${problem.line} ${problem.rule ?? ''} ${problem.message}`)
    .join('\n');
  return {
    gate: 'lint',
    passed,
    measured: `${lint.errors} errors, ${lint.warnings} warnings`,
    threshold,
    detail: passed ? '' : problems,
  };
}

function integrityGate(report: TestIntegrityReport, thresholds: GateThresholds): GateResult {
  const count = report.findings.length;
  const passed = count === 0 || thresholds.testIntegrity === 'warn';
  const scope = report.base ? `changed since ${report.base.slice(0, 12)}` : 'whole tree';
  return {
    gate: 'integrity',
    passed,
    measured: `${count} finding${count === 1 ? '' : 's'} in ${report.testFiles} test files (${scope})`,
    threshold: thresholds.testIntegrity === 'warn' ? 'reported only' : 'none',
    detail: report.findings.slice(0, 20).map(describeIntegrityFinding).join('\n'),
  };
}
