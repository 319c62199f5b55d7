import { LokiError } from '../../core/index.ts';
import type { PromoteRequest, StartRequest } from './control-protocol.ts';
import type { ProjectPaths } from './deployment-paths.ts';
import { freePort } from './free-port.ts';
import { startReleaseProcess, stopReleaseProcess, type RunningRelease } from './release-process.ts';
import { ReverseProxy } from './reverse-proxy.ts';
import {
  readSupervisorState,
  writeSupervisorState,
  type ReleaseProcess,
  type SupervisorState,
} from './supervisor-state.ts';

/** How long an old release may take to finish its requests in flight before it is stopped. */
const drainTimeoutMs = 30_000;

interface Tracked {
  process: ReleaseProcess;
  running: RunningRelease | null;
}

/**
 * The long-lived owner of one project's deployment: the reverse proxy on the stable port and a
 * process per started release. Every change is written to the state file at once, so `loki`
 * commands can read it without asking; the supervisor is its only writer.
 */
export class Supervisor {
  readonly #paths: ProjectPaths;
  readonly #proxy = new ReverseProxy();
  readonly #tracked = new Map<number, Tracked>();
  #proxyPort: number | null = null;
  #writes: Promise<void> = Promise.resolve();
  #closed = false;
  #stopping: Promise<void> | null = null;

  constructor(paths: ProjectPaths) {
    this.#paths = paths;
  }

  /** Listens on the port of the last session when it is free, so the URL stays the same. */
  async open(): Promise<void> {
    const previous = await readSupervisorState(this.#paths.state);
    const wanted = previous?.proxyPort ?? 0;
    // Earlier releases are remembered (none runs now), so a failed one is still known as failed.
    for (const old of previous?.processes ?? []) {
      const state = old.state === 'failed' ? 'failed' : 'stopped';
      this.#tracked.set(old.version, { running: null, process: { ...old, state, pid: null } });
    }
    this.#proxyPort = await this.#proxy.listen(wanted).catch(() => this.#proxy.listen(0));
    await this.#save();
  }

  get url(): string {
    return `http://127.0.0.1:${String(this.#proxyPort)}`;
  }

  state(): SupervisorState {
    return {
      project: this.#paths.project,
      pid: this.#closed ? null : process.pid,
      proxyPort: this.#proxyPort,
      live: this.#closed ? null : (this.#proxy.live?.version ?? null),
      processes: [...this.#tracked.values()].map((tracked) => tracked.process),
      updatedAt: new Date().toISOString(),
    };
  }

  /** Starts a release as staging on a free port; its health is the caller's to check. */
  async start(request: StartRequest): Promise<ReleaseProcess> {
    const existing = this.#tracked.get(request.version);
    if (existing?.running && ['staging', 'live', 'ready'].includes(existing.process.state)) {
      return existing.process;
    }
    const port = await freePort();
    const running = startReleaseProcess({
      directory: request.directory,
      command: request.command,
      env: { ...request.env, [request.portEnvVar]: String(port) },
      logFile: request.logFile,
    });
    const tracked: Tracked = {
      running,
      process: {
        version: request.version,
        pid: running.child.pid ?? null,
        port,
        state: 'staging',
        startedAt: new Date().toISOString(),
        exitCode: null,
        reason: null,
      },
    };
    this.#tracked.set(request.version, tracked);
    void running.exited.then(async (exitCode) => {
      tracked.running = null;
      tracked.process = { ...tracked.process, exitCode, pid: null };
      if (['staging', 'live', 'ready'].includes(tracked.process.state)) {
        tracked.process = {
          ...tracked.process,
          state: 'exited',
          reason: `the process exited with code ${String(exitCode)}; see its log`,
        };
      }
      await this.#save();
    });
    await this.#save();
    return tracked.process;
  }

  /**
   * Sends new requests to `version`; the release that served before finishes its requests, then
   * every release that is neither live nor in `keep` is stopped (in the background).
   */
  async promote(request: PromoteRequest): Promise<string> {
    const tracked = this.#tracked.get(request.version);
    if (!tracked?.running) {
      throw new LokiError({
        code: 'deploy.release-not-running',
        category: 'internal',
        message: `v${request.version} is not running, so it cannot take the traffic; stage it first`,
        details: { version: request.version },
      });
    }
    const before = this.#proxy.live;
    this.#proxy.switchTo({ version: request.version, port: tracked.process.port });
    tracked.process = { ...tracked.process, state: 'live' };
    for (const other of this.#tracked.values()) {
      if (other !== tracked && other.process.state === 'live') {
        other.process = { ...other.process, state: 'ready' };
      }
    }
    await this.#save();
    void this.#retire(before?.version ?? null, new Set([request.version, ...request.keep]));
    return this.url;
  }

  async #retire(old: number | null, keep: Set<number>): Promise<void> {
    if (old !== null) await this.#proxy.drained(old, drainTimeoutMs);
    const retired = [...this.#tracked.values()].filter(
      (tracked) =>
        !keep.has(tracked.process.version) &&
        tracked.running !== null &&
        tracked.process.state !== 'staging',
    );
    await Promise.all(retired.map((tracked) => this.#stopOne(tracked, 'stopped', 'replaced')));
    for (const tracked of retired) this.#proxy.forget(tracked.process.version);
  }

  /** Stops a release that never went live, marking it failed with the reason. */
  async discard(version: number, reason: string): Promise<void> {
    const tracked = this.#tracked.get(version);
    if (tracked === undefined || this.#proxy.live?.version === version) return;
    await this.#stopOne(tracked, 'failed', reason);
  }

  /** Stops the proxy and every release; the state file says nothing is serving. */
  stopAll(): Promise<void> {
    this.#stopping ??= this.#stopEverything();
    return this.#stopping;
  }

  async #stopEverything(): Promise<void> {
    this.#closed = true;
    await this.#proxy.close();
    await Promise.all(
      [...this.#tracked.values()].map((tracked) =>
        this.#stopOne(tracked, tracked.process.state === 'failed' ? 'failed' : 'stopped', null),
      ),
    );
    await this.#save();
  }

  async #stopOne(
    tracked: Tracked,
    state: 'stopped' | 'failed',
    reason: string | null,
  ): Promise<void> {
    tracked.process = { ...tracked.process, state, reason: reason ?? tracked.process.reason };
    const running = tracked.running;
    if (running) await stopReleaseProcess(running);
    tracked.process = { ...tracked.process, pid: null };
    await this.#save();
  }

  /** Writes in order, one at a time. */
  #save(): Promise<void> {
    this.#writes = this.#writes.then(() => writeSupervisorState(this.#paths.state, this.state()));
    return this.#writes;
  }
}
