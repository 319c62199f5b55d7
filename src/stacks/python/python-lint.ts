import { join } from 'node:path';
import type { CommandRunner } from '../../workspace/command.ts';
import { defaultTimeouts, plainOutputEnv } from '../defaults.ts';
import { lintReportFromRun, lintReportNotRun, type ParsedLint } from '../lint-report.ts';
import { readOptionalText, withReportDirectory } from '../report-directory.ts';
import { shellQuote } from '../shell-quote.ts';
import type { LintReport, OperationOptions } from '../stack.ts';
import { parseFlake8Output } from './flake8-output.ts';
import { projectPython } from './python-environment.ts';
import { probePython } from './python-probe.ts';
import { readPythonProject } from './python-project.ts';
import { parseRuffReport } from './ruff-report.ts';

/** Folders no Python linter should read: flake8 would otherwise lint the venv itself. */
const excluded = '.venv,.loki-cache,node_modules,build,dist';

/**
 * Lints a Python project with the linter it configures or requires: ruff (`[tool.ruff]`,
 * ruff.toml) first, then flake8 (`.flake8`, `[flake8]` in setup.cfg or tox.ini). A project that
 * configures neither is not linted, so a machine-wide flake8 never imposes its defaults on it.
 */
export async function lintPythonProject(
  runner: CommandRunner,
  options: OperationOptions = {},
): Promise<LintReport> {
  const root = runner.root;
  const facts = await readPythonProject(root);
  if (!facts.ruffConfigured && !facts.flake8Configured) {
    return lintReportNotRun(
      null,
      'no linter configured: add [tool.ruff] to pyproject.toml (or ruff.toml), or a .flake8 file',
    );
  }
  const python = projectPython(root);
  const probed = await probePython(runner, python, options.signal);
  if (probed.probe === null) return lintReportNotRun(null, probed.error);
  const { modules, ruffExecutable } = probed.probe;
  const run = {
    timeoutMs: options.timeoutMs ?? defaultTimeouts.lintMs,
    env: plainOutputEnv,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return withReportDirectory(root, async (directory) => {
    if (facts.ruffConfigured) {
      const ruff = modules.ruff
        ? `${python} -m ruff`
        : ruffExecutable === null
          ? null
          : shellQuote(ruffExecutable);
      if (ruff === null)
        return lintReportNotRun(
          'ruff',
          'ruff is configured but not installed: neither `python -m ruff` nor a ruff executable is available',
        );
      const reportFile = `${directory.relative}/ruff.json`;
      const result = await runner.run({
        ...run,
        command: `${ruff} check --output-format json --output-file ${shellQuote(reportFile)} .`,
      });
      const report = await readOptionalText(join(root, reportFile));
      const read = report === null || result.exitCode === 2 ? null : parseRuffReport(report, root);
      return lintReportFromRun('ruff', result, read?.success ? read.value : null);
    }
    if (!modules.flake8)
      return lintReportNotRun(
        'flake8',
        'flake8 is configured but not importable: add it to the requirements (on Debian: apt-get install python3-flake8)',
      );
    const reportFile = `${directory.relative}/flake8.txt`;
    const result = await runner.run({
      ...run,
      command: `${python} -m flake8 --extend-exclude=${excluded} --output-file=${shellQuote(reportFile)} .`,
    });
    const report = await readOptionalText(join(root, reportFile));
    let parsed: ParsedLint | null = report === null ? null : parseFlake8Output(report);
    // flake8 exits 1 both for findings and for crashing (a bad config): no findings means a crash.
    if (parsed !== null && result.exitCode !== 0 && parsed.problems.length === 0) parsed = null;
    return lintReportFromRun('flake8', result, parsed);
  });
}
