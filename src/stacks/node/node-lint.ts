import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandRunner } from '../../workspace/command.ts';
import { defaultTimeouts, plainOutputEnv } from '../defaults.ts';
import { lintReportFromRun, lintReportNotRun, type ParsedLint } from '../lint-report.ts';
import { readOptionalText, withReportDirectory } from '../report-directory.ts';
import { shellQuote } from '../shell-quote.ts';
import type { LintReport, OperationOptions } from '../stack.ts';
import { findEslintConfig } from './eslint-config.ts';
import { parseEslintReport } from './eslint-report.ts';
import { readPackageJson } from './package-json.ts';

/**
 * Lints a Node project with its own ESLint and configuration, reading counts from ESLint's JSON
 * report (written to a file: with sources inside, it is too large for the captured output).
 * Nothing runs when the project configures no ESLint.
 */
export async function lintNodeProject(
  runner: CommandRunner,
  options: OperationOptions = {},
): Promise<LintReport> {
  const root = runner.root;
  const packageJson = await readPackageJson(root);
  if (packageJson === null) return lintReportNotRun(null, `no package.json in ${root}`);
  const config = findEslintConfig(root, packageJson);
  if (config === null) {
    return lintReportNotRun(
      null,
      'no linter configured: no eslint.config.js (or .eslintrc*) in the project',
    );
  }
  if (!existsSync(join(root, 'node_modules/eslint/package.json'))) {
    return lintReportNotRun(
      'eslint',
      `ESLint is configured (${config.file}) but not installed: add eslint to devDependencies and install`,
    );
  }
  return withReportDirectory(root, async (directory) => {
    const reportFile = `${directory.relative}/eslint.json`;
    const result = await runner.run({
      command: `npx --no -- eslint . -f json -o ${shellQuote(reportFile)}`,
      timeoutMs: options.timeoutMs ?? defaultTimeouts.lintMs,
      // ESLint 9 reads .eslintrc only when told to; ESLint 8 reads it anyway.
      env: {
        ...plainOutputEnv,
        ...(config.kind === 'legacy' ? { ESLINT_USE_FLAT_CONFIG: 'false' } : {}),
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const report = await readOptionalText(join(root, reportFile));
    let parsed: ParsedLint | null = null;
    // Exit 2 is ESLint failing to run (bad configuration, a crashing plugin), not a finding.
    if (report !== null && result.exitCode !== 2) {
      const read = parseEslintReport(report, root);
      parsed = read.success ? read.value : null;
    }
    return lintReportFromRun('eslint', result, parsed);
  });
}
