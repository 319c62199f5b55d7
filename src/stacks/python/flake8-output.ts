import type { ParsedLint } from '../lint-report.ts';
import type { LintProblem } from '../stack.ts';

/**
 * Reads flake8's default output, `path:line:column: CODE message`. pycodestyle's W codes are
 * warnings; everything else (E, F, C, and plugins' codes) is an error, since flake8 fails on it.
 */
export function parseFlake8Output(output: string): ParsedLint {
  const problems: LintProblem[] = [];
  for (const match of output.matchAll(/^(.+?):(\d+):(\d+): ([A-Z]+\d+) (.*)$/gm)) {
    const rule = match[4] ?? '';
    problems.push({
      file: (match[1] ?? '').replace(/^\.\//, ''),
      line: Number(match[2]),
      column: Number(match[3]),
      severity: rule.startsWith('W') ? 'warning' : 'error',
      rule,
      message: match[5] ?? '',
    });
  }
  const warnings = problems.filter((problem) => problem.severity === 'warning').length;
  return { errors: problems.length - warnings, warnings, problems };
}
