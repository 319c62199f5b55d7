import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import {
  prepareTrialProduct,
  startTrialServer,
  type TrialProduct,
  type TrialServer,
} from '../../deploy/index.ts';
import {
  checkTestIntegrity,
  describeIntegrityFinding,
  isTestFile,
  namedAsTest,
} from '../../review/test-integrity/index.ts';
import type { SandboxMode } from '../../workspace/index.ts';
import { resolveInside } from '../../workspace/index.ts';
import type { AcceptanceCheck, CheckResult } from './acceptance-checks.ts';
import { describeExpectations, runHttpCheck } from './http-check.ts';

/** Where a run's acceptance work lives: beside the journal, outside every agent's worktree. */
export interface AcceptancePlace {
  /** `<journal dir>/acceptance/<run>`. */
  directory: string;
  /** The verifier's test files, kept where no coding agent can write. */
  testsDirectory: string;
}

export function acceptancePlaceOf(journalDirectory: string, runId: string): AcceptancePlace {
  const directory = join(journalDirectory, 'acceptance', runId);
  return { directory, testsDirectory: join(directory, 'tests') };
}

/** Whether `path` is named as a test file (`*.test.js`, `__tests__/`, `test_*.py`), so runners find it. */
export const looksLikeTestFile = namedAsTest;

/** Keeps the verifier's test files in the acceptance folder (again, after a restore). */
export async function storeTestFiles(
  place: AcceptancePlace,
  checks: readonly AcceptanceCheck[],
): Promise<void> {
  await mkdir(place.testsDirectory, { recursive: true });
  for (const check of checks) {
    if (check.kind !== 'test') continue;
    const file = resolveInside(place.testsDirectory, check.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, check.content);
  }
}

export interface RunChecksOptions {
  /** The product: its committed main is what is checked. */
  outDir: string;
  place: AcceptancePlace;
  round: number;
  sandbox: SandboxMode;
  signal?: AbortSignal;
  health?: { timeoutMs?: number; intervalMs?: number };
}

/**
 * Runs every check on a fresh copy of the product's main, deterministically and by Loki alone:
 * HTTP checks against the product started with its stack's start command on a free port,
 * commands in the copy's root, test files (from the acceptance folder) with the project's own
 * test runner, each alone with the product's own tests taken out. Whatever cannot run fails
 * its check with the reason; nothing here takes a model's word.
 */
export async function runChecks(
  checks: readonly AcceptanceCheck[],
  options: RunChecksOptions,
): Promise<CheckResult[]> {
  const roundDirectory = join(options.place.directory, `round-${options.round}`);
  const productDirectory = join(roundDirectory, 'product');
  const results = new Map<AcceptanceCheck, CheckResult>();
  try {
    const trial = await prepareTrialProduct(options.outDir, productDirectory, {
      sandbox: options.sandbox,
      environmentFile: join(options.place.directory, 'environment.env'),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const http = checks.filter((check) => check.kind === 'http');
    if (http.length > 0) {
      for (const [check, result] of await runHttpChecks(http, trial, roundDirectory, options))
        results.set(check, result);
    }
    for (const check of checks) {
      if (check.kind === 'command')
        results.set(check, await runCommandCheck(check, trial, options));
    }
    const tests = checks.filter((check) => check.kind === 'test');
    if (tests.length > 0) {
      await removeProductTests(trial.root);
      for (const check of tests) results.set(check, await runTestCheck(check, trial, options));
    }
  } finally {
    await rm(productDirectory, { recursive: true, force: true });
  }
  return checks.map((check) => {
    const result = results.get(check);
    if (!result) throw new Error(`no result for a ${check.kind} check of ${check.criterionId}`);
    return result;
  });
}

async function runHttpChecks(
  checks: readonly Extract<AcceptanceCheck, { kind: 'http' }>[],
  trial: TrialProduct,
  roundDirectory: string,
  options: RunChecksOptions,
): Promise<Map<AcceptanceCheck, CheckResult>> {
  const results = new Map<AcceptanceCheck, CheckResult>();
  const notRun = (reason: string) => {
    for (const check of checks) {
      const first = check.steps[0];
      results.set(check, {
        criterionId: check.criterionId,
        kind: 'http',
        subject: first ? `${first.method} ${first.path}` : 'no request',
        passed: false,
        expected: first ? describeExpectations(first) : '',
        observed: reason,
      });
    }
    return results;
  };
  if (trial.problem) return notRun(`the product could not be prepared: ${trial.problem}`);
  let server: TrialServer;
  try {
    server = await startTrialServer(trial, {
      logFile: join(roundDirectory, 'server.log'),
      health: { timeoutMs: 30_000, ...options.health },
    });
  } catch (error) {
    return notRun(`the product did not start: ${(error as Error).message}`);
  }
  try {
    for (const [index, check] of checks.entries()) {
      const outcome = await runHttpCheck(server.baseUrl, check.steps, {
        unique: `c${index + 1}r${options.round}`,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      results.set(check, { criterionId: check.criterionId, kind: 'http', ...outcome });
    }
  } finally {
    await server.stop();
  }
  return results;
}

async function runCommandCheck(
  check: Extract<AcceptanceCheck, { kind: 'command' }>,
  trial: TrialProduct,
  options: RunChecksOptions,
): Promise<CheckResult> {
  const { expect } = check;
  const expected = [
    `exit code ${expect.exitCode}`,
    ...expect.outputIncludes.map((text) => `output containing ${JSON.stringify(text)}`),
    ...expect.outputExcludes.map((text) => `output without ${JSON.stringify(text)}`),
  ].join('; ');
  const base = {
    criterionId: check.criterionId,
    kind: 'command' as const,
    subject: `$ ${check.command}`,
    expected,
  };
  if (trial.problem)
    return {
      ...base,
      passed: false,
      observed: `the product could not be prepared: ${trial.problem}`,
    };
  const result = await trial.runner.run({
    command: check.command,
    env: trial.env,
    timeoutMs: 60_000,
    maxOutputBytes: 16_384,
    ...(check.stdin !== undefined ? { stdin: check.stdin } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const problems: string[] = [];
  if (result.timedOut) problems.push('it timed out after 60 s');
  else if (result.exitCode !== expect.exitCode)
    problems.push(`exit code ${result.exitCode ?? `none (${result.signal ?? 'killed'})`}`);
  for (const text of expect.outputIncludes)
    if (!result.output.includes(text)) problems.push(`the output lacks ${JSON.stringify(text)}`);
  for (const text of expect.outputExcludes)
    if (result.output.includes(text)) problems.push(`the output contains ${JSON.stringify(text)}`);
  const output = result.output.trim().slice(-600);
  return {
    ...base,
    passed: problems.length === 0,
    observed: `${problems.length > 0 ? `${problems.join('; ')}. ` : `exit code ${result.exitCode}. `}Output: ${output || '(none)'}`,
  };
}

/** The product's own tests and their helpers: taken out so a test run counts only the check's. */
async function removeProductTests(root: string): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (/(^|\/)(node_modules|\.venv|\.git)\//.test(file)) continue;
    if (isTestFile(file)) await rm(join(root, file), { force: true });
  }
}

async function runTestCheck(
  check: Extract<AcceptanceCheck, { kind: 'test' }>,
  trial: TrialProduct,
  options: RunChecksOptions,
): Promise<CheckResult> {
  const base = {
    criterionId: check.criterionId,
    kind: 'test' as const,
    subject: `test file ${check.path}`,
    expected: 'every test in it passes (at least one runs)',
  };
  if (trial.problem || !trial.stack)
    return {
      ...base,
      passed: false,
      observed: `the product could not be prepared: ${trial.problem ?? 'no stack'}`,
    };
  const stored = resolveInside(options.place.testsDirectory, check.path);
  const placed = resolveInside(trial.root, check.path);
  await mkdir(dirname(placed), { recursive: true });
  await writeFile(placed, await readFile(stored, 'utf8'));
  try {
    // The verifier's tests are held to the gate's standard: one that cannot fail proves nothing
    // (node:test even counts a file without tests as one passing test).
    const integrity = (await checkTestIntegrity(trial.root)).findings.filter(
      (finding) => finding.file === check.path.replace(/\\/g, '/'),
    );
    if (integrity.length > 0)
      return {
        ...base,
        passed: false,
        observed: `the test file proves nothing: ${integrity.map(describeIntegrityFinding).join('; ')}`,
      };
    const report = await trial.stack.test(trial.runner, {
      coverage: false,
      timeoutMs: 120_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const counts = `${report.passed} passed, ${report.failed} failed of ${report.total} (\`${report.command}\`, exit code ${report.exitCode ?? 'none'})`;
    if (!report.ran || report.total === 0)
      return {
        ...base,
        passed: false,
        observed:
          `no test ran: ${counts}. ${report.notes.join(' ')} ${report.output.trim().slice(-400)}`.trim(),
      };
    const failures = report.failures.map((failure) => `${failure.name}: ${failure.message}`);
    const passed = report.failed === 0 && report.exitCode === 0;
    return {
      ...base,
      passed,
      observed: passed
        ? counts
        : `${counts}${failures.length > 0 ? `: ${failures.join('; ').slice(0, 800)}` : `. ${report.output.trim().slice(-600)}`}`,
    };
  } finally {
    await rm(placed, { force: true });
  }
}
