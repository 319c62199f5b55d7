import { shellQuote } from '../shell-quote.ts';
import type { PythonProbe } from './python-probe.ts';
import type { PythonProjectFacts } from './python-project.ts';

/** The command to run and where its reports will be; or why no test command can run. */
export type PythonTestPlan =
  | {
      runner: 'pytest' | 'unittest';
      command: string;
      /** pytest's JUnit XML report, relative to the root. */
      junitReport: string | null;
      /** coverage.py's data file, relative to the root, when coverage is measured. */
      coverageData: string | null;
      notes: string[];
    }
  | { runner: null; reason: string };

/** What a Python test run needs to know. */
export interface PythonTestPlanInput {
  facts: PythonProjectFacts;
  modules: PythonProbe['modules'];
  python: string;
  coverage: boolean;
  /** Relative to the project root. */
  reportDirectory: string;
  /** Where unittest discovery must start, when not at the root. */
  unittestStartFolder: string | null;
}

/** Without a coverage configuration of the project's own: measure the project, not its tests. */
export const defaultCoverageOmit: readonly string[] = [
  '*/test_*.py',
  '*_test.py',
  '*/conftest.py',
  'tests/*',
  'test/*',
  '.venv/*',
  '.loki-cache/*',
];

/**
 * How to run a Python project's tests. pytest when the project uses it (configured, required,
 * imported, or test functions only pytest collects) and it is importable; unittest otherwise,
 * which the standard library always has. pytest writes a JUnit XML report for counts; unittest's
 * summary is read from its output. Coverage wraps either in `coverage run`.
 */
export function planPythonTests(input: PythonTestPlanInput): PythonTestPlan {
  const { facts, modules } = input;
  const wantsPytest = facts.pytestDeclared || facts.pytestStyleTests;
  if (wantsPytest && !modules.pytest) {
    return {
      runner: null,
      reason:
        'the project uses pytest but it is not importable: add pytest to the requirements and install (on Debian: apt-get install python3-pytest)',
    };
  }
  const notes: string[] = [];
  const coverageData =
    input.coverage && modules.coverage ? `${input.reportDirectory}/.coverage` : null;
  if (input.coverage && !modules.coverage) {
    notes.push(
      'coverage not measured: coverage.py is not importable (on Debian: apt-get install python3-coverage)',
    );
  }
  const launcher =
    coverageData === null
      ? `${input.python} -m`
      : `${input.python} -m coverage run --data-file=${shellQuote(coverageData)}${coverageScope(input.facts)} -m`;
  if (wantsPytest) {
    const junitReport = `${input.reportDirectory}/junit.xml`;
    const command = `${launcher} pytest -q --junitxml=${shellQuote(junitReport)}`;
    return { runner: 'pytest', command, junitReport, coverageData, notes };
  }
  const start =
    input.unittestStartFolder === null ? '' : ` -s ${shellQuote(input.unittestStartFolder)}`;
  const command = `${launcher} unittest discover${start}`;
  return { runner: 'unittest', command, junitReport: null, coverageData, notes };
}

function coverageScope(facts: PythonProjectFacts): string {
  if (facts.coverageConfigured) return '';
  return ` --source=. --omit=${shellQuote(defaultCoverageOmit.join(','))}`;
}
