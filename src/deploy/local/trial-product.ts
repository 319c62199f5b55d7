import { mkdir, rm } from 'node:fs/promises';
import { errorMessage } from '../../core/index.ts';
import {
  explainStack,
  type BuildReport,
  type InstallReport,
  type Stack,
  type StartCommand,
} from '../../stacks/index.ts';
import {
  createCommandRunner,
  type CommandRunner,
  type SandboxMode,
} from '../../workspace/index.ts';
import type { HealthReport } from '../deploy-target.ts';
import { copySource } from './copy-source.ts';
import { freePort } from './free-port.ts';
import { checkHealth, type HealthCheckOptions } from './health-check.ts';
import { readLogTail } from './release-logs.ts';
import { releaseEnvironment } from './release-environment.ts';
import { startReleaseProcess, stopReleaseProcess } from './release-process.ts';

/**
 * A throwaway copy of a product's committed main, dependencies installed and built, for checks
 * run from outside it (acceptance): never the product's own directory, never a deployment.
 */
export interface TrialProduct {
  root: string;
  /** The commit copied; null for a directory outside git. */
  commit: string | null;
  stack: Stack | null;
  /** Runs commands in the copy, confined as agent commands are. */
  runner: CommandRunner;
  /** Why the copy cannot be installed or built, or has no stack; null when it is ready. */
  problem: string | null;
  /** The variables the product is started with (generated secrets included). */
  env: Record<string, string>;
}

export interface TrialOptions {
  sandbox?: SandboxMode;
  signal?: AbortSignal;
  /** Where secrets the code reads are generated once and kept, as a deployment's environment. */
  environmentFile: string;
}

/** Copies `source`'s committed main into an empty `directory`, then installs and builds it there. */
export async function prepareTrialProduct(
  source: string,
  directory: string,
  options: TrialOptions,
): Promise<TrialProduct> {
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  const commit = await copySource(source, directory);
  const runner = await createCommandRunner({ root: directory, sandbox: options.sandbox ?? 'auto' });
  const { values: env } = await releaseEnvironment(options.environmentFile, directory);
  const detection = await explainStack(directory);
  const trial = { root: directory, commit, stack: detection.stack, runner, env };
  if (!detection.stack) return { ...trial, problem: detection.reason };
  const operation = options.signal ? { signal: options.signal } : {};
  const installed: InstallReport = await detection.stack.install(runner, operation);
  if (!installed.ok) return { ...trial, problem: `installing failed: ${installed.summary}` };
  const built: BuildReport = await detection.stack.build(runner, operation);
  if (!built.ok)
    return {
      ...trial,
      problem: `${built.step?.command ?? 'the build'} failed: ${(built.step?.output ?? '').slice(-1_000)}`,
    };
  return { ...trial, problem: null };
}

/** A trial product started as a server on a free loopback port. */
export interface TrialServer {
  baseUrl: string;
  start: StartCommand;
  health: HealthReport;
  /** The end of the server's log, for a person (or a fixing agent) to read. */
  logTail(lines?: number): Promise<string>;
  /** Stops the server and everything it started. */
  stop(): Promise<void>;
}

/**
 * Starts the trial product with its stack's start command on a free port and waits for its
 * health route. Throws (with the log's end) when it has no start command or never gets healthy;
 * a server that was started is always stopped again before the error leaves.
 */
export async function startTrialServer(
  trial: TrialProduct,
  options: { logFile: string; health?: HealthCheckOptions },
): Promise<TrialServer> {
  if (!trial.stack) throw new Error(trial.problem ?? 'no known stack');
  const start = await trial.stack.startCommand(trial.root);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const release = startReleaseProcess({
    directory: trial.root,
    command: start.command,
    env: { ...trial.env, [start.portEnvVar]: String(port) },
    logFile: options.logFile,
  });
  const logTail = (lines = 20) => readLogTail(options.logFile, lines);
  const stop = () => stopReleaseProcess(release, 3_000);
  try {
    const gone = async () => {
      if (release.child.exitCode === null && release.child.signalCode === null) return null;
      const tail = await logTail(8);
      return `the server exited with code ${String(release.child.exitCode)}${tail ? `; its log ends:\n${tail}` : ''}`;
    };
    const health = await checkHealth(baseUrl, start.healthPath, options.health, gone);
    if (!health.ok) throw new Error(`\`${start.command}\` did not get healthy: ${health.reason}`);
    return { baseUrl, start, health, logTail, stop };
  } catch (error) {
    await stop();
    throw new Error(errorMessage(error), { cause: error });
  }
}
