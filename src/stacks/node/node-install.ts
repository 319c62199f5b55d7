import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult, CommandRunner } from '../../workspace/command.ts';
import { commandStep, succeeded } from '../command-step.ts';
import { defaultTimeouts } from '../defaults.ts';
import { installReport } from '../install-report.ts';
import type { InstallReport, OperationOptions } from '../stack.ts';
import { declaredDependencies, readPackageJson } from './package-json.ts';

const lockfiles = ['package-lock.json', 'npm-shrinkwrap.json'];
const lockfileOutOfSync =
  /can only install packages when your package\.json and package-lock\.json/;

/**
 * Installs a Node project's dependencies with npm: `npm ci` when a lockfile pins them (exact and
 * reproducible), `npm install` otherwise (which writes the lockfile), and also when `npm ci`
 * refuses a lockfile that no longer matches package.json. Nothing runs when the project
 * declares no dependencies: node:test needs none.
 */
export async function installNodeDependencies(
  runner: CommandRunner,
  options: OperationOptions = {},
): Promise<InstallReport> {
  const packageJson = await readPackageJson(runner.root);
  if (packageJson === null) {
    return installReport({ ok: false, steps: [], summary: `no package.json in ${runner.root}` });
  }
  const count = Object.keys(declaredDependencies(packageJson)).length;
  if (count === 0) {
    return installReport({
      ok: true,
      steps: [],
      summary: 'package.json declares no dependencies; nothing to install',
    });
  }
  const lockfile = lockfiles.find((name) => existsSync(join(runner.root, name)));
  const run = (command: string): Promise<CommandResult> =>
    runner.run({
      command,
      network: true,
      timeoutMs: options.timeoutMs ?? defaultTimeouts.installMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  let command = `${lockfile ? 'npm ci' : 'npm install'} --no-audit --no-fund`;
  let result = await run(command);
  const steps = [commandStep(result)];
  // An agent that edits package.json leaves the lockfile behind; `npm install` brings it up to date.
  if (lockfile && !succeeded(result) && lockfileOutOfSync.test(result.output)) {
    command = 'npm install --no-audit --no-fund';
    result = await run(command);
    steps.push(commandStep(result));
  }
  if (!succeeded(result)) {
    const why = result.timedOut ? 'timed out' : `exited ${String(result.exitCode)}`;
    return installReport({
      ok: false,
      steps,
      summary: `${command} ${why}: ${npmError(result.output)}`,
    });
  }
  const skippedScripts = /npm warn install-scripts/i.test(result.output)
    ? '; npm skipped install scripts of some dependencies (see `npm install-scripts ls`)'
    : '';
  const source = lockfile
    ? steps.length > 1
      ? ` (${lockfile} was out of date with package.json)`
      : ` from ${lockfile}`
    : '';
  return installReport({
    ok: true,
    steps,
    summary: `${command} installed ${count} declared dependencies${source}${skippedScripts}`,
  });
}

/** The first `npm error` lines say what failed; the rest is usually a log path. */
function npmError(output: string): string {
  const errors = output.split('\n').filter((line) => /^npm (?:error|ERR!)/.test(line));
  const lines = errors.length > 0 ? errors.slice(0, 5) : output.trim().split('\n').slice(-5);
  return lines.join(' / ');
}
