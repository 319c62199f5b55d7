import type { CommandRunner } from '../../../workspace/command.ts';
import { defaultTimeouts, plainOutputEnv } from '../../defaults.ts';
import { projectPython, projectPythonPath } from '../../python/python-environment.ts';
import { probePython } from '../../python/python-probe.ts';
import { defaultCoverageOmit } from '../../python/python-test-plan.ts';
import { measureCoverage, runPythonTests } from '../../python/python-test-run.ts';
import { parseUnittestOutput } from '../../python/unittest-output.ts';
import { withReportDirectory } from '../../report-directory.ts';
import { shellQuote } from '../../shell-quote.ts';
import type { TestOptions, TestReport } from '../../stack.ts';
import { testReportFromRun, testReportNotRun } from '../../test-report.ts';
import { readDjangoProject } from './django-project.ts';

/** Django's own files are not the product's code: coverage measures the apps. */
const djangoOmit = [
  ...defaultCoverageOmit,
  'manage.py',
  '*/migrations/*',
  '*/settings.py',
  '*/wsgi.py',
  '*/asgi.py',
  '*/tests.py',
  '*/tests/*',
];

/**
 * Runs a Django project's tests: with pytest when pytest-django is declared or configured and
 * importable (the Python stack's run, JUnit counts), else with Django's own runner,
 * `manage.py test`, which makes a test database and prints unittest's summary. Coverage through
 * coverage.py either way.
 */
export async function runDjangoTests(
  runner: CommandRunner,
  options: TestOptions = {},
): Promise<TestReport> {
  const root = runner.root;
  const project = await readDjangoProject(root);
  const python = projectPython(root);
  const probed = await probePython(runner, python, options.signal);
  if (probed.probe === null) return testReportNotRun(null, probed.step.command, probed.error);
  if ((project.pytestDjango && probed.probe.modules.pytest_django) || !project.manage) {
    return runPythonTests(runner, options);
  }
  const notes = project.pytestDjango
    ? ["pytest-django is configured but not importable: ran Django's test runner instead"]
    : [];
  const measure = options.coverage === true && probed.probe.modules.coverage;
  if (options.coverage === true && !measure) {
    notes.push(
      'coverage not measured: coverage.py is not importable (on Debian: apt-get install python3-coverage)',
    );
  }
  return withReportDirectory(root, async (directory) => {
    const dataFile = `${directory.relative}/.coverage`;
    const launcher = measure
      ? `${python} -m coverage run --data-file=${shellQuote(dataFile)} --source=. --omit=${shellQuote(djangoOmit.join(','))}`
      : python;
    const env = { ...plainOutputEnv, PYTHONPATH: projectPythonPath(root) };
    const result = await runner.run({
      command: `${launcher} manage.py test --noinput`,
      env,
      timeoutMs: options.timeoutMs ?? defaultTimeouts.testMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const coveragePercent = measure
      ? await measureCoverage(runner, { python, dataFile, directory, env, notes })
      : null;
    return testReportFromRun({
      result,
      runner: 'unittest',
      parsed: parseUnittestOutput(result.output),
      coveragePercent,
      notes,
    });
  });
}
