import type { TestRunnerName } from '../stack.ts';
import { shellQuote } from '../shell-quote.ts';
import { declaredDependencies, realScript, type PackageJson } from './package-json.ts';

/** Which vitest coverage provider is installed, if any. */
export type VitestCoverageProvider = 'v8' | 'istanbul' | null;

/** What a Node test run needs to know besides package.json. */
export interface NodeTestPlanInput {
  packageJson: PackageJson;
  coverage: boolean;
  vitestCoverageProvider: VitestCoverageProvider;
  /** Relative to the project root. */
  reportDirectory: string;
}

/** The command to run and where its machine-readable reports will be. */
export interface NodeTestPlan {
  runner: TestRunnerName;
  command: string;
  /** jest-format JSON report (vitest and jest). */
  jsonReport: string | null;
  /** node:test TAP report. */
  tapReport: string | null;
  /** istanbul `coverage-summary.json` (vitest and jest). */
  coverageSummary: string | null;
  notes: string[];
}

const shellOperators = /&&|\|\||[;|`<>]|\$\(|\n/;
const reporterFlag = /\s--test-reporter(?:-destination)?(?:=|\s+)\S+/g;

/**
 * How to run a Node project's tests so that counts can be read. The detected runner is run
 * directly with reporter flags that write a machine-readable report to a file (while its human
 * output still goes to the log): vitest and jest a jest-format JSON file, node:test a TAP file.
 * When `scripts.test` is one plain runner command, its arguments are kept. When it is anything
 * else (`tsc && vitest run`, a custom script), adding flags could change its meaning, so
 * `npm test` runs as the project wrote it and counts come from its printed summary.
 */
export function planNodeTests(input: NodeTestPlanInput): NodeTestPlan {
  const script = realScript(input.packageJson, 'test');
  if (script === null) return planForDeclaredRunner(input);
  const simple = !shellOperators.test(script);
  const vitest = /^(?:npx\s+)?vitest\b(?:\s+(?:run|watch|dev)\b)?(.*)$/.exec(script);
  if (simple && vitest) return vitestPlan(input, withoutWatch(vitest[1] ?? ''));
  const jest = /^(?:npx\s+)?jest\b(.*)$/.exec(script);
  if (simple && jest) return jestPlan(input, withoutWatch(jest[1] ?? ''));
  const nodeTest = /^node\s+(.*--test\b.*)$/.exec(script);
  if (simple && nodeTest)
    return nodeTestPlan(input, ` ${nodeTest[1] ?? ''}`.replace(reporterFlag, ''));
  return {
    runner: 'npm test',
    command: 'npm test',
    jsonReport: null,
    tapReport: null,
    coverageSummary: null,
    notes: [
      `scripts.test (${script}) is not one plain vitest, jest or node --test command, so it ran as written and counts come from its printed summary`,
      ...(input.coverage ? ['coverage is not measured through npm test'] : []),
    ],
  };
}

function planForDeclaredRunner(input: NodeTestPlanInput): NodeTestPlan {
  const dependencies = declaredDependencies(input.packageJson);
  if ('vitest' in dependencies) return vitestPlan(input, '');
  if ('jest' in dependencies) return jestPlan(input, '');
  return nodeTestPlan(input, ' --test');
}

function vitestPlan(input: NodeTestPlanInput, scriptArguments: string): NodeTestPlan {
  const directory = input.reportDirectory;
  const jsonReport = `${directory}/vitest.json`;
  const parts = [
    `npx --no -- vitest run${scriptArguments}`,
    '--reporter=default --reporter=json',
    `--outputFile.json=${shellQuote(jsonReport)}`,
  ];
  const notes: string[] = [];
  let coverageSummary: string | null = null;
  if (input.coverage && input.vitestCoverageProvider !== null) {
    coverageSummary = `${directory}/coverage/coverage-summary.json`;
    parts.push(
      `--coverage.enabled=true --coverage.provider=${input.vitestCoverageProvider}`,
      '--coverage.reporter=json-summary --coverage.reporter=text-summary',
      `--coverage.reportsDirectory=${shellQuote(`${directory}/coverage`)}`,
      '--coverage.reportOnFailure=true',
    );
  } else if (input.coverage) {
    notes.push(
      'coverage not measured: install @vitest/coverage-v8 (a devDependency) to measure it',
    );
  }
  return {
    runner: 'vitest',
    command: parts.join(' '),
    jsonReport,
    tapReport: null,
    coverageSummary,
    notes,
  };
}

function jestPlan(input: NodeTestPlanInput, scriptArguments: string): NodeTestPlan {
  const directory = input.reportDirectory;
  const jsonReport = `${directory}/jest.json`;
  const parts = [
    `npx --no -- jest${scriptArguments}`,
    `--json --outputFile=${shellQuote(jsonReport)}`,
  ];
  let coverageSummary: string | null = null;
  if (input.coverage) {
    coverageSummary = `${directory}/coverage/coverage-summary.json`;
    parts.push(
      '--coverage --coverageReporters=json-summary --coverageReporters=text-summary',
      `--coverageDirectory=${shellQuote(`${directory}/coverage`)}`,
    );
  }
  return {
    runner: 'jest',
    command: parts.join(' '),
    jsonReport,
    tapReport: null,
    coverageSummary,
    notes: [],
  };
}

function nodeTestPlan(input: NodeTestPlanInput, scriptArguments: string): NodeTestPlan {
  const tapReport = `${input.reportDirectory}/node-test.tap`;
  const parts = [
    'node --test-reporter=spec --test-reporter-destination=stdout',
    `--test-reporter=tap --test-reporter-destination=${shellQuote(tapReport)}`,
    ...(input.coverage ? ['--experimental-test-coverage'] : []),
  ];
  return {
    runner: 'node:test',
    command: `${parts.join(' ')}${scriptArguments}`,
    jsonReport: null,
    tapReport,
    coverageSummary: null,
    notes: [],
  };
}

/** Watch mode would never end; the runner's CI default is a single run anyway. */
function withoutWatch(scriptArguments: string): string {
  return scriptArguments.replace(/\s--watch(?:All)?\b(?:=\S+)?/g, '');
}
