import type { CommandRunner } from '../workspace/command.ts';

/** The languages Loki knows how to drive. */
export type StackName = 'node' | 'python';

/**
 * Frameworks Loki knows by name. Each is a stack of its own that refines a language stack
 * (src/stacks/profiles): `web-api` is a front end in `web/` and an API in `api/`, deployed as one.
 */
export const profileNames = ['express', 'react-vite', 'fastapi', 'django', 'web-api'] as const;
export type ProfileName = (typeof profileNames)[number];

/** What a planner and a coding agent need to know to work in a project of one stack. */
export interface StackConventions {
  /** A few words, e.g. "Express HTTP API (TypeScript)". */
  title: string;
  /** Where sources and tests go and which libraries to use, a few sentences. */
  layout: string;
  /** The command that runs every test, from the project root. */
  testCommand: string;
  /** How to run one test file; `{file}` stands for its path. */
  singleTestCommand: string;
  /** Lower-case words or phrases that, found in a PRD, ask for this stack. */
  keywords: readonly string[];
}

/** Limits for one operation; every operation runs its commands through the caller's runner. */
export interface OperationOptions {
  /** For the whole operation's main command; each stack has a generous default. */
  timeoutMs?: number;
  /** Ends the operation early (the run stopped). */
  signal?: AbortSignal;
}

/** What `test` may be asked for beyond running the tests. */
export interface TestOptions extends OperationOptions {
  /** Also measure line coverage, when the stack's coverage tool is available. */
  coverage?: boolean;
}

/** One command an operation ran, as the runner reported it. */
export interface CommandStep {
  command: string;
  /** null when the command was killed (timeout or signal). */
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** Capped by the runner (head and tail kept). */
  output: string;
}

/** What installing dependencies did. */
export interface InstallReport {
  /** True when the project's dependencies are in place afterwards. */
  ok: boolean;
  /** Every command run, in order (none when there was nothing to do). */
  steps: CommandStep[];
  /** The commands run, joined with ` && ` (empty when none ran). */
  command: string;
  /** The summary, then the output of the last step (of the first failed one when not `ok`), capped. */
  output: string;
  /** One or two lines for people and agents: what was done, or what could not be installed. */
  summary: string;
  /** Requirements that are still missing (Python); empty when `ok`. */
  missing: string[];
}

/** What building did; `ran: false` when the project has nothing to build. */
export interface BuildReport {
  ran: boolean;
  ok: boolean;
  /** Why nothing ran, when `ran` is false. */
  reason: string | null;
  step: CommandStep | null;
}

/** One failed test (or a test file that failed to load), as the runner named it. */
export interface TestFailure {
  /** Describe blocks and title joined with " > ", or the test id the runner gives. */
  name: string;
  /** The assertion or error message, trimmed of runner-internal stack frames. */
  message: string;
  /** The test file, relative to the project root, when the runner says. */
  file?: string;
}

/** Which runner produced a test report. */
export type TestRunnerName = 'vitest' | 'jest' | 'node:test' | 'npm test' | 'pytest' | 'unittest';

/**
 * What a test run did. `total: 0` means no test ran at all, which callers must treat as a
 * failure; a test file that failed to load counts as one failed test.
 */
export interface TestReport {
  /** False when no test command could be run at all (see `notes`). */
  ran: boolean;
  runner: TestRunnerName | null;
  passed: number;
  failed: number;
  /** Skipped, pending and todo tests. */
  skipped: number;
  total: number;
  durationMs: number;
  /** Line coverage in percent (0–100), or null when not requested or not measurable. */
  coveragePercent: number | null;
  /** The first 20 failures. */
  failures: TestFailure[];
  /** The runner's output (capped), for people and the fixing agent. */
  output: string;
  exitCode: number | null;
  timedOut: boolean;
  command: string;
  /** Why a fallback was taken or something was not measured, one sentence each. */
  notes: string[];
}

/** One problem a linter found. */
export interface LintProblem {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  /** The rule or code, e.g. `no-unused-vars`, `F401`; null when the linter gives none. */
  rule: string | null;
  message: string;
}

/** Which linter produced a lint report. */
export type LinterName = 'eslint' | 'ruff' | 'flake8';

/** What linting found; `ran: false` (with a reason) when the project configures no linter. */
export interface LintReport {
  ran: boolean;
  linter: LinterName | null;
  reason: string | null;
  errors: number;
  warnings: number;
  /** The first 100 problems. */
  problems: LintProblem[];
  /** One line per problem (capped), or the linter's own output when it crashed. */
  output: string;
  exitCode: number | null;
  command: string;
}

/** How to start the project as a server, for deployment. */
export interface StartCommand {
  /** A shell command line, run from the project root. */
  command: string;
  /** The environment variable the server reads its port from. */
  portEnvVar: string;
  /** A path worth probing for health; `/` unless the code mentions a health route. */
  healthPath: string;
}

/** How to install, build, test, lint and start projects of one stack. Stateless. */
export interface Stack {
  /** The language; profiles share it with the stack they refine. */
  readonly name: StackName;
  /** The framework profile, or null for a language stack driven in general. */
  readonly profile: ProfileName | null;
  readonly conventions: StackConventions;
  /** True when the project at `root` looks like this stack. */
  detect(root: string): Promise<boolean>;
  /** The marker files that made `detect` say yes (empty when it said no). */
  evidence(root: string): Promise<string[]>;
  install(runner: CommandRunner, options?: OperationOptions): Promise<InstallReport>;
  build(runner: CommandRunner, options?: OperationOptions): Promise<BuildReport>;
  test(runner: CommandRunner, options?: TestOptions): Promise<TestReport>;
  lint(runner: CommandRunner, options?: OperationOptions): Promise<LintReport>;
  startCommand(root: string): Promise<StartCommand>;
}
