import { spawn } from 'node:child_process';
import { LokiError } from '../core/index.ts';
import { CappedOutput } from './capped-output.ts';

/** One process to run as the leader of its own process group. */
export interface ProcessSpec {
  file: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  maxOutputBytes: number;
  stdin?: string;
  signal?: AbortSignal;
  /** Between SIGTERM and SIGKILL to the group. Default 2 000. */
  killGraceMs?: number;
}

/** How the process ended, and what it printed (stdout and stderr as they arrived, capped). */
export interface ProcessOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  output: string;
  truncated: boolean;
  durationMs: number;
}

/** After SIGKILL, how long pipes held by a process that left the group may keep us waiting. */
const drainAfterKillMs = 500;

/** Signals a whole process group; a group already gone is not an error. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: every process of the group has already ended
  }
}

function groupExists(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a process as the leader of a new process group, so that on timeout or abort the whole
 * group (grandchildren included) gets SIGTERM, then SIGKILL after a grace. Processes the command
 * left in the background are ended the same way once it exits: they would otherwise hold the
 * output pipe open and outlive the command that started them. Rejects with the signal's reason
 * when aborted, only once the group is gone, so nothing keeps writing after the caller moved on.
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessOutcome> {
  if (spec.signal?.aborted === true) return Promise.reject(spec.signal.reason as Error);
  const started = performance.now();
  const output = new CappedOutput(spec.maxOutputBytes);
  const graceMs = spec.killGraceMs ?? 2_000;
  return new Promise((resolve, reject) => {
    const child = spawn(spec.file, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let ended: { exitCode: number | null; signal: string | null } | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    let killed = false;
    let settled = false;

    // Once SIGKILL went out, pipes still open belong to a process that left the group: stop
    // waiting for them soon, rather than forever.
    const drainSoon = (): void => {
      clearTimeout(drainTimer);
      drainTimer = setTimeout(finish, drainAfterKillMs);
    };
    const terminate = (): void => {
      if (killTimer !== undefined || child.pid === undefined) return;
      const pid = child.pid;
      signalGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => {
        signalGroup(pid, 'SIGKILL');
        killed = true;
        drainSoon();
      }, graceMs);
    };
    const onAbort = (): void => terminate();
    const timeoutTimer = setTimeout(() => {
      timedOut = true;
      terminate();
    }, spec.timeoutMs);
    spec.signal?.addEventListener('abort', onAbort, { once: true });

    function finish(): void {
      if (settled || ended === undefined) return;
      settled = true;
      clearTimeout(timeoutTimer);
      clearTimeout(drainTimer);
      // A SIGKILL still due goes out to leftovers that ignored SIGTERM (without keeping Loki alive
      // for it), unless the group is gone already: its number could be reused by then.
      if (child.pid !== undefined && groupExists(child.pid)) killTimer?.unref();
      else clearTimeout(killTimer);
      spec.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (spec.signal?.aborted === true) {
        reject(spec.signal.reason as Error);
        return;
      }
      resolve({
        ...ended,
        timedOut,
        ...output.result(),
        durationMs: Math.round(performance.now() - started),
      });
    }

    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stdin?.on('error', () => {
      // EPIPE: the command ended without reading all of its input, which is its right
    });
    child.stdin?.end(spec.stdin);
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      spec.signal?.removeEventListener('abort', onAbort);
      reject(
        new LokiError({
          code: 'workspace.command-not-started',
          category: 'work-failed',
          message: `could not start ${spec.file} in ${spec.cwd}: ${error.message}`,
          details: { file: spec.file, cwd: spec.cwd },
          cause: error,
        }),
      );
    });
    child.on('exit', (exitCode, signal) => {
      ended = { exitCode, signal };
      clearTimeout(timeoutTimer);
      if (killed) drainSoon();
      else terminate();
    });
    child.on('close', finish);
  });
}
