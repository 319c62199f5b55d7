import { blockingFindings } from '../../guard/index.ts';
import { createCommandRunner, git } from '../../workspace/index.ts';
import type { TaskEnvironment } from '../execution/run-task.ts';
import { runQualityGates, type GateReport, type GateResult } from '../quality/quality-gates.ts';
import type { Remediation } from './conflict-resolution-output.ts';
import { leastCoveredFiles } from './coverage-by-file.ts';
import { roleForFile, taskIdOf, type RemediationWork } from './remediation-tasks.ts';
import { runRemediations } from './run-remediations.ts';

export interface GatesOutcome {
  report: GateReport;
  /** Rounds of remediation run (each followed by a new measurement). */
  rounds: number;
  remediations: Remediation[];
}

/**
 * The quality gates on main, measured; a failing gate becomes remediation work (tests for the
 * least-covered files, a fix of the lint errors or failing tests, of the audit's findings),
 * merged into main, and the gates are measured again, at most `maxRounds` times.
 */
export async function gatesWithRemediation(
  environment: TaskEnvironment,
  maxRounds: number,
): Promise<GatesOutcome> {
  const { context } = environment;
  const runner = await createCommandRunner({
    root: context.outDir,
    sandbox: context.config.sandbox,
  });
  const remediations: Remediation[] = [];
  // Test integrity is judged on what the run added to the product, from where it started.
  const base = context.journal
    .listEvents(context.runId, { types: ['repository-opened'], limit: 1 })
    .map((event) => (event.data as { base?: unknown }).base)
    .find((commit): commit is string => typeof commit === 'string');
  for (let round = 1; ; round++) {
    const report = await runQualityGates(runner, context.config.gates, {
      signal: context.signal,
      base,
    });
    context.events.emit({
      type: 'gates-measured',
      commit: (await git(context.outDir, ['rev-parse', 'HEAD'])).stdout.trim(),
      passed: report.passed,
      gates: report.gates.map(({ gate, passed, measured, threshold }) => ({
        gate,
        passed,
        measured,
        threshold,
      })),
    });
    if (report.passed || round > maxRounds) return { report, rounds: round - 1, remediations };
    const work = await gateWork(
      report,
      context.outDir,
      context.config.gates.minCoveragePercent,
      round,
    );
    // Nothing a sub-agent can fix: no project Loki can drive (a documentation product).
    if (work.length === 0) return { report, rounds: round - 1, remediations };
    const done = await runRemediations(environment, work, { kind: 'gates', round });
    remediations.push(...done);
    // Nothing merged, nothing changed: measuring again would only repeat this report.
    if (!done.some((remediation) => remediation.result.mergedAs))
      return { report, rounds: round, remediations };
  }
}

/** The remediation work for each failing gate. */
export async function gateWork(
  report: GateReport,
  root: string,
  minCoveragePercent: number,
  round: number,
): Promise<RemediationWork[]> {
  const failing = (gate: GateResult['gate']) =>
    report.gates.find((result) => result.gate === gate && !result.passed);
  const work: RemediationWork[] = [];
  const drivable = report.tests !== null || report.lint !== null;
  const tests = failing('tests');
  if (drivable && tests) {
    work.push(
      gateTask(round, tests, {
        name: 'Make the failing tests pass',
        role: 'backend',
        scope: [],
        text: `The project's tests do not pass on main (${tests.measured}):\n${tests.detail}\n\nFind the cause and fix it: the code, or a test that is wrong.`,
        criteria: ['every test passes'],
      }),
    );
  }
  const coverage = failing('coverage');
  if (drivable && coverage && !tests) {
    const files = await leastCoveredFiles(root, report.tests?.output ?? '', minCoveragePercent);
    const list = files
      .map(
        (file) =>
          `- ${file.file}${file.linePercent === null ? '' : `: ${file.linePercent.toFixed(1)} % of lines`}${file.uncoveredLines ? `, uncovered lines ${file.uncoveredLines}` : ''}`,
      )
      .join('\n');
    work.push(
      gateTask(round, coverage, {
        name: 'Write tests for the least-covered files',
        role: 'tests',
        scope: files.map((file) => file.file),
        text: `Line coverage is ${coverage.measured}; it must be ${coverage.threshold}. ${coverage.detail}\nWrite tests that exercise these files (their uncovered lines first), asserting behaviour:\n${list}\nChange the code itself only to fix a bug a test reveals.`,
        criteria: [`line coverage ${coverage.threshold}`, 'every test passes'],
      }),
    );
  }
  const lint = failing('lint');
  if (drivable && lint) {
    const files = [
      ...new Set(
        (report.lint?.problems ?? [])
          .filter((problem) => problem.severity === 'error')
          .map((problem) => problem.file),
      ),
    ].sort();
    work.push(
      gateTask(round, lint, {
        name: report.lint?.ran ? 'Fix the lint errors' : 'Make a linter run',
        role: report.lint?.ran ? roleForFile(files[0] ?? '') : 'architect',
        scope: report.lint?.ran ? files : [],
        text: report.lint?.ran
          ? `The linter reports ${lint.measured}; at most ${lint.threshold} are allowed:\n${lint.detail}\nFix the code; do not turn rules off.`
          : `No linter could run: ${lint.detail}\nConfigure the stack's usual linter (ESLint for Node, ruff or flake8 for Python) with its recommended rules, add it to the development dependencies, and fix what it reports.`,
        criteria: [`lint ${lint.threshold}`, 'every test passes'],
      }),
    );
  }
  const integrity = failing('integrity');
  if (integrity) {
    const files = [...new Set((report.integrity?.findings ?? []).map((finding) => finding.file))];
    work.push(
      gateTask(round, integrity, {
        name: 'Restore the weakened tests',
        role: 'tests',
        scope: files.sort(),
        text: `The test-integrity gate found tests weakened instead of code fixed:\n${integrity.detail}\n\nRestore what was deleted or skipped, make every test assert the behaviour it is about, and fix the code (not the expectations) until the tests pass.`,
        criteria: ['the test-integrity gate passes', 'every test passes'],
      }),
    );
  }
  const audit = failing('audit');
  if (audit) {
    const findings = blockingFindings(report.audit);
    work.push(
      gateTask(round, audit, {
        name: 'Fix the security audit findings',
        role: 'security',
        scope: [...new Set(findings.map((finding) => finding.file))].sort(),
        text: `The security audit fails:\n${findings
          .slice(0, 20)
          .map(
            (finding) =>
              `- ${finding.severity} ${finding.ruleId} at ${finding.file}:${finding.line}: ${finding.message} (${finding.fixHint})`,
          )
          .join('\n')}`,
        criteria: ['the security audit passes'],
      }),
    );
  }
  return work;
}

function gateTask(
  round: number,
  gate: GateResult,
  spec: {
    name: string;
    role: RemediationWork['task']['role'];
    scope: string[];
    text: string;
    criteria: string[];
  },
): RemediationWork {
  const scopeNote =
    spec.scope.length > 0
      ? `\nChange only ${spec.scope.join(', ')} and test files; other changes are put back.`
      : '';
  return {
    task: {
      id: taskIdOf('gates', `r${round}`, gate.gate),
      name: spec.name,
      role: spec.role,
      description: `Remediation before deployment: the ${gate.gate} gate fails.\n${spec.text}${scopeNote}`,
      acceptanceCriteria: spec.criteria,
      dependsOn: [],
    },
    scope: spec.scope,
    findingIds: [],
    gate: gate.gate,
  };
}
