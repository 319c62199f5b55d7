import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { scrubbedEnvironment } from '../../workspace/index.ts';

/** A running release: its shell command in a process group of its own, output to its log file. */
export interface RunningRelease {
  readonly child: ChildProcess;
  /** Settles when the process exited, with its code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/**
 * Starts a release's command with `/bin/sh -c` in its directory, with the scrubbed environment,
 * the project's variables and the port. It leads its own process group so that stopping it
 * also stops what it started (`npm start` runs node as a child).
 */
export function startReleaseProcess(options: {
  directory: string;
  command: string;
  env: Record<string, string>;
  logFile: string;
}): RunningRelease {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn('/bin/sh', ['-c', options.command], {
      cwd: options.directory,
      env: scrubbedEnvironment(process.env, options.env),
      stdio: ['ignore', log, log],
      detached: true,
    });
    const exited = new Promise<number | null>((resolve) => {
      child.on('error', () => resolve(127));
      child.on('exit', (code) => resolve(code));
    });
    return { child, exited };
  } finally {
    closeSync(log);
  }
}

/**
 * Stops a release's whole process group: SIGTERM (a server finishes its requests), then
 * SIGKILL after `graceMs`. Resolves once the group leader exited.
 */
export async function stopReleaseProcess(release: RunningRelease, graceMs = 5_000): Promise<void> {
  const pid = release.child.pid;
  if (pid === undefined || release.child.exitCode !== null || release.child.signalCode !== null) {
    signalGroup(pid, 'SIGKILL');
    return;
  }
  signalGroup(pid, 'SIGTERM');
  const stopped = await Promise.race([release.exited.then(() => true), sleep(graceMs, false)]);
  // Children of the leader may outlive it: the group is killed either way.
  signalGroup(pid, 'SIGKILL');
  if (!stopped) await release.exited;
}

/** Signals a process group; one already gone is not an error. */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}
