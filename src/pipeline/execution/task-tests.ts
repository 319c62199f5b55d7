import type { TestCounts } from '../../events/index.ts';
import { detectStack, type TestReport } from '../../stacks/index.ts';
import type { CommandRunner } from '../../workspace/index.ts';

/** Roles whose work must come with tests that run: for them a run of zero tests is a failure. */
const rolesThatMustTest = new Set([
  'backend',
  'frontend',
  'fullstack',
  'data',
  'tests',
  'security',
]);

/** Whether a task of this role must leave tests behind. */
export function mustTest(role: string): boolean {
  return rolesThatMustTest.has(role);
}

export type TestVerdict =
  | { kind: 'no-stack' }
  | { kind: 'passed'; counts: TestCounts; command: string; exitCode: number | null }
  | {
      kind: 'failed';
      counts: TestCounts | null;
      feedback: string;
      command: string;
      exitCode: number | null;
    };

/**
 * Installs and runs a project's tests the way the orchestrator checks an agent's work: by
 * itself, not trusting the agent's word. Zero tests executed is not a pass for roles that
 * build behaviour.
 */
export async function checkTests(
  runner: CommandRunner,
  options: { requireTests: boolean; signal?: AbortSignal },
): Promise<TestVerdict> {
  const stack = await detectStack(runner.root);
  if (!stack) return { kind: 'no-stack' };
  const install = await stack.install(runner, { signal: options.signal });
  if (!install.ok) {
    const last = install.steps.at(-1);
    return {
      kind: 'failed',
      counts: null,
      command: install.command,
      exitCode: last?.exitCode ?? null,
      feedback: `Installing the project's dependencies failed: ${install.summary}${last ? `\n\`${last.command}\`:\n${last.output}` : ''}`,
    };
  }
  const report = await stack.test(runner, { coverage: true, signal: options.signal });
  const counts = countsOf(report);
  const ran = { command: report.command, exitCode: report.exitCode };
  if (!report.ran || report.total === 0) {
    if (!options.requireTests && report.ran) return { kind: 'passed', counts, ...ran };
    return {
      kind: 'failed',
      counts,
      ...ran,
      feedback: `\`${report.command}\` ran no test at all. Write tests for the task (they must assert its behaviour) and make them pass.\n${report.output}`,
    };
  }
  if (report.failed > 0 || report.exitCode !== 0) {
    const failures = report.failures
      .map((failure) => `- ${failure.name}: ${failure.message}`)
      .join('\n');
    return {
      kind: 'failed',
      counts,
      ...ran,
      feedback: `\`${report.command}\`: ${report.failed} of ${report.total} tests failed${report.failed === 0 ? ` (exit code ${report.exitCode})` : ''}.\n${failures}\n\nOutput:\n${report.output}`,
    };
  }
  return { kind: 'passed', counts, ...ran };
}

function countsOf(report: TestReport): TestCounts {
  return {
    passed: report.passed,
    failed: report.failed,
    skipped: report.skipped,
    total: report.total,
    coveragePercent: report.coveragePercent,
  };
}
