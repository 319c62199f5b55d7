import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { LokiError } from '../core/index.ts';
import { bwrapArguments, credentialMasks } from './bwrap-arguments.ts';
import type { CommandResult, CommandRunner, CommandSpec } from './command.ts';
import { resolveInside } from './path-jail.ts';
import { runProcess } from './run-process.ts';
import { chooseSandbox, type SandboxMode } from './sandbox-choice.ts';
import { scrubbedEnvironment } from './scrubbed-environment.ts';

/** How a command runner is made. */
export interface CommandRunnerOptions {
  /** The task's worktree: commands run inside it and, under bwrap, may write only there. */
  root: string;
  /** Default `auto`: bwrap when it works here, else none with a warning in `sandbox.summary`. */
  sandbox?: SandboxMode;
  /** Where the allow-listed variables come from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Default 120 000. */
  defaultTimeoutMs?: number;
  /** Between SIGTERM and SIGKILL to a command's process group. Default 2 000. */
  killGraceMs?: number;
  /**
   * Where commands get their private HOME (one per worktree) and the package caches they share
   * (npm, pip, ...). Outside the worktree, so it stays out of the product's files and diffs.
   * Default `<os tmpdir>/loki-sandbox`.
   */
  stateDir?: string;
}

const defaultMaxOutputBytes = 64 * 1024;

function makeDirectory(path: string): string {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  return realpathSync.native(path);
}

function emptyFileIn(directory: string): string {
  const path = join(directory, 'empty');
  try {
    writeFileSync(path, '', { flag: 'wx', mode: 0o444 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return path;
}

function realDirectory(root: string): string {
  try {
    const real = realpathSync.native(root);
    if (statSync(real).isDirectory()) return real;
  } catch {
    // reported below, with what to do
  }
  throw new LokiError({
    code: 'workspace.root-missing',
    category: 'work-failed',
    message: `the worktree "${root}" is not an existing directory; create the task's worktree before running commands in it`,
    details: { root },
  });
}

function directoryInside(root: string, cwd: string): string {
  const resolved = resolveInside(root, cwd);
  if (statSync(resolved, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new LokiError({
      code: 'workspace.cwd-missing',
      category: 'work-failed',
      message: `cannot run a command in "${cwd}": it is not a directory of the worktree "${root}"; create it first or run from the root`,
      details: { cwd, root },
    });
  }
  return resolved;
}

/**
 * A runner of shell commands jailed to one worktree: `/bin/sh -c` in a directory inside it, with
 * a scrubbed environment (an allow-list; a private HOME), a timeout that kills the whole process
 * group, output capped to head and tail, and, where bwrap works, the filesystem read-only outside
 * the worktree and no network unless the command allows it. `sandbox.summary` says which.
 * A command's stdout and stderr share one pipe, so they read in the order they were written.
 * An aborted command rejects with the signal's reason once its process group is gone.
 */
export async function createCommandRunner(options: CommandRunnerOptions): Promise<CommandRunner> {
  const root = realDirectory(options.root);
  const source = options.env ?? process.env;
  const choice = await chooseSandbox(options.sandbox ?? 'auto', source);
  const stateDir = makeDirectory(options.stateDir ?? join(tmpdir(), 'loki-sandbox'));
  const rootKey = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const home = makeDirectory(join(stateDir, 'homes', `${basename(root)}-${rootKey}`));
  const cache = makeDirectory(join(stateDir, 'cache'));
  const emptyFile = emptyFileIn(stateDir);
  const realHome = source['HOME'] ?? homedir();
  const nodeDirectory = dirname(process.execPath);
  const masked = choice.bwrapPath ? credentialMasks(realHome, [root, home, cache]) : [];

  async function run(spec: CommandSpec): Promise<CommandResult> {
    const cwd = directoryInside(root, spec.cwd ?? '.');
    const network = spec.network === true;
    const env = scrubbedEnvironment(source, {
      HOME: home,
      XDG_CACHE_HOME: cache,
      npm_config_cache: join(cache, 'npm'),
      // bwrap gives each command a private /tmp; the machine's TMPDIR may not be writable there.
      ...(choice.bwrapPath ? { TMPDIR: '/tmp' } : {}),
      ...spec.env,
    });
    // The outer shell joins stderr to stdout, then execs the command's own shell: one pipe keeps
    // the true order of both (two pipes only approximate it), and the command is passed as an
    // argument, never pasted into shell text.
    const shell = ['-c', 'exec 2>&1; exec /bin/sh -c "$1"', 'sh', spec.command];
    const sandboxed = choice.bwrapPath
      ? {
          file: choice.bwrapPath,
          args: [
            ...bwrapArguments({
              root,
              cwd,
              writable: [home, cache],
              readable: [nodeDirectory],
              masked,
              emptyFile,
              network,
            }),
            '/bin/sh',
            ...shell,
          ],
        }
      : { file: '/bin/sh', args: shell };
    const outcome = await runProcess({
      ...sandboxed,
      cwd,
      env,
      timeoutMs: spec.timeoutMs ?? options.defaultTimeoutMs ?? 120_000,
      maxOutputBytes: spec.maxOutputBytes ?? defaultMaxOutputBytes,
      stdin: spec.stdin,
      signal: spec.signal,
      killGraceMs: options.killGraceMs,
    });
    return { command: spec.command, ...outcome };
  }

  return { root, sandbox: choice.report, run };
}
