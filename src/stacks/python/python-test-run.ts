import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandRunner } from '../../workspace/command.ts';
import { defaultTimeouts, plainOutputEnv } from '../defaults.ts';
import {
  readOptionalText,
  withReportDirectory,
  type ReportDirectory,
} from '../report-directory.ts';
import { shellQuote } from '../shell-quote.ts';
import type { TestOptions, TestReport } from '../stack.ts';
import { testReportFromRun, testReportNotRun, type ParsedTestRun } from '../test-report.ts';
import { parseCoveragePyJson } from './coverage-py-json.ts';
import { parseJunitXml } from './junit-xml-report.ts';
import { projectPython, projectPythonPath } from './python-environment.ts';
import { probePython } from './python-probe.ts';
import { readPythonProject } from './python-project.ts';
import { planPythonTests } from './python-test-plan.ts';
import { parseUnittestOutput } from './unittest-output.ts';

/** Runs a Python project's tests (see `planPythonTests` for how) and reads counts and coverage. */
export async function runPythonTests(
  runner: CommandRunner,
  options: TestOptions = {},
): Promise<TestReport> {
  const root = runner.root;
  const python = projectPython(root);
  const probed = await probePython(runner, python, options.signal);
  if (probed.probe === null) return testReportNotRun(null, probed.step.command, probed.error);
  const facts = await readPythonProject(root);
  return withReportDirectory(root, async (directory) => {
    const plan = planPythonTests({
      facts,
      modules: probed.probe.modules,
      python,
      coverage: options.coverage === true,
      reportDirectory: directory.relative,
      unittestStartFolder: unittestStartFolder(root, facts.testFiles),
    });
    if (plan.runner === null) return testReportNotRun('pytest', '', plan.reason);
    const env = { ...plainOutputEnv, PYTHONPATH: projectPythonPath(root) };
    const result = await runner.run({
      command: plan.command,
      env,
      timeoutMs: options.timeoutMs ?? defaultTimeouts.testMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const notes = [...plan.notes];
    let parsed: ParsedTestRun | null = null;
    if (plan.junitReport === null) {
      parsed = parseUnittestOutput(result.output);
    } else {
      const junit = await readOptionalText(join(root, plan.junitReport));
      if (junit === null) notes.push('pytest wrote no JUnit report');
      else parsed = parseJunitXml(junit);
    }
    const coveragePercent =
      plan.coverageData === null
        ? null
        : await measureCoverage(runner, {
            python,
            dataFile: plan.coverageData,
            directory,
            env,
            notes,
          });
    return testReportFromRun({ result, runner: plan.runner, parsed, coveragePercent, notes });
  });
}

/** Writes coverage.py's JSON report from the run's data file and reads line coverage from it. */
export async function measureCoverage(
  runner: CommandRunner,
  input: {
    python: string;
    dataFile: string;
    directory: ReportDirectory;
    env: Record<string, string>;
    notes: string[];
  },
): Promise<number | null> {
  const jsonReport = `${input.directory.relative}/coverage.json`;
  const written = await runner.run({
    command: `${input.python} -m coverage json --data-file=${shellQuote(input.dataFile)} -o ${shellQuote(jsonReport)}`,
    env: input.env,
    timeoutMs: defaultTimeouts.helperMs,
  });
  const report = await readOptionalText(join(runner.root, jsonReport));
  const read = report === null ? null : parseCoveragePyJson(report);
  if (read?.success) return read.value;
  // "No data to report." when no test ran; otherwise coverage.py's own complaint.
  input.notes.push(`no coverage report: ${written.output.trim().split('\n').at(-1) ?? ''}`);
  return null;
}

/**
 * unittest discovery from the root only descends into packages. When every test file sits in one
 * top-level folder without `__init__.py` (a plain `tests/`), discovery must start there.
 */
function unittestStartFolder(root: string, testFiles: string[]): string | null {
  const folders = new Set(
    testFiles.map((file) => (file.includes('/') ? (file.split('/')[0] ?? '') : '.')),
  );
  const [folder] = folders;
  if (folders.size !== 1 || folder === undefined || folder === '.') return null;
  return existsSync(join(root, folder, '__init__.py')) ? null : folder;
}
