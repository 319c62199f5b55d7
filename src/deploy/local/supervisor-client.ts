import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { LokiError, parseJson, type ErrorCategory } from '../../core/index.ts';
import { scrubbedEnvironment } from '../../workspace/index.ts';
import { controlReplySchema, type ControlAction } from './control-protocol.ts';
import type { ProjectPaths } from './deployment-paths.ts';
import { signalGroup } from './release-process.ts';
import {
  readSupervisorState,
  supervisorStateSchema,
  type SupervisorState,
} from './supervisor-state.ts';

const supervisorMain = fileURLToPath(new URL('./supervisor-main.ts', import.meta.url));
const startTimeoutMs = 15_000;

/** Asks the project's supervisor to act; rejects with the LokiError it answered. */
export async function control(
  paths: ProjectPaths,
  action: ControlAction,
  body: unknown = {},
  timeoutMs = 60_000,
): Promise<unknown> {
  const text = await new Promise<string>((resolve, reject) => {
    const outgoing = request(
      { socketPath: paths.socket, path: `/${action}`, method: 'POST', timeout: timeoutMs },
      (answer) => {
        let received = '';
        answer.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
        answer.on('end', () => resolve(received));
        answer.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(body));
  });
  const reply = parseJson(text, controlReplySchema);
  if (!reply.success) {
    throw new LokiError({
      code: 'deploy.supervisor-failed',
      category: 'internal',
      message: `the supervisor of ${paths.project} answered ${action} with something unreadable: ${reply.error}`,
    });
  }
  if (reply.value.ok) return reply.value.result;
  throw new LokiError({
    ...reply.value.error,
    category: reply.value.error.category as ErrorCategory,
  });
}

/** The running supervisor's state, or null when none answers. */
export async function supervisorStatus(paths: ProjectPaths): Promise<SupervisorState | null> {
  try {
    return supervisorStateSchema.parse(await control(paths, 'status', {}, 5_000));
  } catch {
    return null;
  }
}

/**
 * The project's supervisor, started detached when none answers: it outlives this process and
 * owns the proxy and the releases. What a supervisor that died left running is stopped first.
 */
export async function ensureSupervisor(
  root: string,
  paths: ProjectPaths,
): Promise<SupervisorState> {
  const running = await supervisorStatus(paths);
  if (running) return running;
  await stopLeftovers(paths);
  mkdirSync(dirname(paths.supervisorLog), { recursive: true });
  const log = openSync(paths.supervisorLog, 'a');
  try {
    const child = spawn(process.execPath, [supervisorMain, root, paths.project], {
      cwd: paths.dir,
      // A long-lived daemon keeps no provider keys: it needs none, and releases get less still.
      env: {
        ...scrubbedEnvironment(process.env),
        NODE_COMPILE_CACHE:
          process.env['NODE_COMPILE_CACHE'] ?? join(tmpdir(), 'node-compile-cache'),
      },
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.unref();
  } finally {
    closeSync(log);
  }
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    const state = await supervisorStatus(paths);
    if (state) return state;
    await sleep(50);
  }
  throw new LokiError({
    code: 'deploy.supervisor-unavailable',
    category: 'service-failed',
    message: `the deployment supervisor of ${paths.project} did not start within ${startTimeoutMs / 1000} s; see ${paths.supervisorLog}`,
    details: { log: paths.supervisorLog },
  });
}

/**
 * Stops the supervisor and everything it runs, and waits until they are gone. A supervisor that
 * does not answer is killed, with every release process the state file names.
 */
export async function stopSupervisor(paths: ProjectPaths): Promise<boolean> {
  const state = await supervisorStatus(paths);
  if (state) {
    await control(paths, 'stop', {}, 120_000);
    if (state.pid !== null) await waitForExit(state.pid, 10_000);
  }
  const killed = await stopLeftovers(paths);
  return state !== null || killed;
}

/** Kills what a supervisor that is gone (or stuck) left behind, by the pids it recorded. */
async function stopLeftovers(paths: ProjectPaths): Promise<boolean> {
  const last = await readSupervisorState(paths.state);
  if (last === null) return false;
  let killed = false;
  for (const process of last.processes) {
    if (process.pid !== null && isRunning(process.pid) && worksIn(process.pid, paths.dir)) {
      signalGroup(process.pid, 'SIGKILL');
      killed = true;
    }
  }
  if (last.pid !== null && isRunning(last.pid) && worksIn(last.pid, paths.dir)) {
    globalThis.process.kill(last.pid, 'SIGKILL');
    await waitForExit(last.pid, 5_000);
    killed = true;
  }
  return killed;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid) && Date.now() < deadline) await sleep(25);
}

/** Whether a process runs (a zombie, ended but not yet reaped, does not). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSyncOrNull(`/proc/${pid}/stat`);
  return stat === null || stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

/**
 * Whether a recorded pid still belongs to this deployment (its working directory is inside the
 * project's), so a pid the system reused for something else is never killed.
 */
function worksIn(pid: number, directory: string): boolean {
  try {
    const cwd = realpathSync(`/proc/${pid}/cwd`);
    return cwd === realpathSync(directory) || cwd.startsWith(`${realpathSync(directory)}/`);
  } catch {
    return false;
  }
}

function readFileSyncOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
