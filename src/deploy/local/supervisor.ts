import { LokiError, errorMessage } from '../../core/index.ts';
import type { HealthEvent } from '../release-health.ts';
import type { PromoteRequest, StartRequest } from './control-protocol.ts';
import type { ProjectPaths } from './deployment-paths.ts';
import { freePort } from './free-port.ts';
import { checkHealth, probeHealth } from './health-check.ts';
import { afterExit, afterProbe, uncheckedHealth, type HealthChange } from './health-record.ts';
import { defaultMonitorPolicy, type MonitorPolicy } from './monitor-policy.ts';
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
/** How a restarted release is checked before it takes the traffic again: as at staging. */
const startupCheck = { retries: 120, intervalMs: 250, timeoutMs: 30_000 };
/** How the release that served before is checked before it takes the traffic back. */
const fallbackCheck = { retries: 3, intervalMs: 250, timeoutMs: 5_000 };
/** The health events kept in the state file. */
const keptHealthEvents = 50;

interface Tracked {
  process: ReleaseProcess;
  running: RunningRelease | null;
  /** How it was started (null: by an earlier supervisor); a restart starts it the same way. */
  request: StartRequest | null;
  /** The path its monitor probes (`/` once the health path answered 404). */
  healthPath: string;
  restartTimer: NodeJS.Timeout | null;
}

/**
 * The long-lived owner of one project's deployment: the reverse proxy on the stable port, a
 * process per started release, and the monitor of the live one (see MonitorPolicy: probed
 * every few seconds; restarted with backoff when its process exits; given up on after its
 * restarts, the release that served before taking the traffic back if it is healthy). Every
 * change is written to the state file at once, so `loki` commands can read it without asking;
 * the supervisor is its only writer.
 */
export class Supervisor {
  readonly #paths: ProjectPaths;
  readonly #now: () => Date;
  readonly #proxy = new ReverseProxy();
  readonly #tracked = new Map<number, Tracked>();
  #healthEvents: HealthEvent[] = [];
  #policy: MonitorPolicy = defaultMonitorPolicy;
  #probeTimer: NodeJS.Timeout | null = null;
  #proxyPort: number | null = null;
  #writes: Promise<void> = Promise.resolve();
  #closed = false;
  #stopping: Promise<void> | null = null;

  constructor(paths: ProjectPaths, options: { now?: () => Date } = {}) {
    this.#paths = paths;
    this.#now = options.now ?? (() => new Date());
  }

  /** Listens on the port of the last session when it is free, so the URL stays the same. */
  async open(): Promise<void> {
    const previous = await readSupervisorState(this.#paths.state);
    const wanted = previous?.proxyPort ?? 0;
    // Earlier releases are remembered (none runs now), so a failed one is still known as failed.
    for (const old of previous?.processes ?? []) {
      const state = old.state === 'failed' ? 'failed' : 'stopped';
      this.#tracked.set(old.version, {
        running: null,
        request: null,
        healthPath: '/',
        restartTimer: null,
        process: { ...old, state, pid: null },
      });
    }
    this.#healthEvents = previous?.healthEvents ?? [];
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
      healthEvents: this.#healthEvents,
      healthIntervalMs: this.#policy.intervalMs,
      updatedAt: this.#now().toISOString(),
    };
  }

  /** Starts a release as staging on a free port; its health is the caller's to check. */
  async start(request: StartRequest): Promise<ReleaseProcess> {
    const existing = this.#tracked.get(request.version);
    if (existing?.running && ['staging', 'live', 'ready'].includes(existing.process.state)) {
      return existing.process;
    }
    const tracked: Tracked = {
      running: null,
      request,
      healthPath: request.healthPath ?? '/',
      restartTimer: null,
      process: {
        version: request.version,
        pid: null,
        port: 0,
        state: 'staging',
        startedAt: this.#now().toISOString(),
        exitCode: null,
        reason: null,
        health: null,
      },
    };
    this.#tracked.set(request.version, tracked);
    await this.#launch(tracked, request);
    await this.#save();
    return tracked.process;
  }

  /** Runs the release's command on a free port; its exit is handled by `#exited`. */
  async #launch(tracked: Tracked, request: StartRequest): Promise<RunningRelease> {
    const port = await freePort();
    const running = startReleaseProcess({
      directory: request.directory,
      command: request.command,
      env: { ...request.env, [request.portEnvVar]: String(port) },
      logFile: request.logFile,
    });
    tracked.running = running;
    tracked.process = {
      ...tracked.process,
      pid: running.child.pid ?? null,
      port,
      startedAt: this.#now().toISOString(),
    };
    void running.exited.then((exitCode) => this.#exited(tracked, running, exitCode));
    return running;
  }

  /**
   * Sends new requests to `version`; the release that served before finishes its requests, then
   * every release that is neither live nor in `keep` is stopped (in the background). The new
   * live release is probed at once, then every `monitor.intervalMs`.
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
    if (request.monitor) this.#policy = request.monitor;
    const before = this.#proxy.live;
    this.#goLive(tracked);
    await this.#save();
    void this.#retire(before?.version ?? null, new Set([request.version, ...request.keep]));
    return this.url;
  }

  /** `tracked` takes the stable URL's traffic; the one that had it waits, ready. */
  #goLive(tracked: Tracked): void {
    this.#proxy.switchTo({ version: tracked.process.version, port: tracked.process.port });
    for (const other of this.#tracked.values()) {
      if (other !== tracked && other.process.state === 'live') {
        other.process = { ...other.process, state: 'ready' };
      }
    }
    tracked.process = {
      ...tracked.process,
      state: 'live',
      health: uncheckedHealth(this.#now().toISOString()),
    };
    this.#probeLiveIn(0);
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

  /** Stops the proxy, the monitor and every release; the state file says nothing is serving. */
  stopAll(): Promise<void> {
    this.#stopping ??= this.#stopEverything();
    return this.#stopping;
  }

  async #stopEverything(): Promise<void> {
    this.#closed = true;
    if (this.#probeTimer) clearTimeout(this.#probeTimer);
    for (const tracked of this.#tracked.values()) {
      if (tracked.restartTimer) clearTimeout(tracked.restartTimer);
    }
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

  // ── The monitor of the live release ────────────────────────────────────────────────────────

  /** The next probe of the live release, in `delayMs` (one at a time, never overlapping). */
  #probeLiveIn(delayMs: number): void {
    if (this.#probeTimer) clearTimeout(this.#probeTimer);
    this.#probeTimer = null;
    if (this.#closed || this.#policy.intervalMs === 0) return;
    this.#probeTimer = setTimeout(() => void this.#probeLive(), delayMs);
  }

  async #probeLive(): Promise<void> {
    this.#probeTimer = null;
    const tracked = this.#liveTracked();
    const running = tracked?.running;
    // A release starting again after an exit is checked by `#restart`, not probed.
    if (!running || !tracked.process.health || tracked.process.health.state === 'restarting') {
      return this.#probeLiveIn(this.#policy.intervalMs);
    }
    const baseUrl = `http://127.0.0.1:${tracked.process.port}`;
    const probe = await probeHealth(baseUrl, tracked.healthPath, this.#policy.requestTimeoutMs);
    // While it was probed, the release may have been replaced, restarted or stopped.
    if (tracked === this.#liveTracked() && tracked.running === running && tracked.process.health) {
      tracked.healthPath = probe.path;
      const now = this.#now();
      const { health, change } = afterProbe(
        tracked.process.version,
        tracked.process.health,
        probe,
        {
          at: now.toISOString(),
          upSinceMs: now.getTime() - Date.parse(tracked.process.startedAt),
          policy: this.#policy,
        },
      );
      tracked.process = { ...tracked.process, health };
      // Only changes are written: the socket's status shows every probe, the file need not.
      if (change) await this.#record(tracked.process.version, change);
    }
    // A probe started before `stopAll` must not schedule another after it.
    if (this.#probeTimer === null) this.#probeLiveIn(this.#policy.intervalMs);
  }

  #liveTracked(): Tracked | undefined {
    const live = this.#proxy.live;
    return live === null ? undefined : this.#tracked.get(live.version);
  }

  /** A release's process ended: a live one is restarted or given up on, any other is marked. */
  async #exited(tracked: Tracked, running: RunningRelease, exitCode: number | null): Promise<void> {
    // The exit of a process a restart already replaced says nothing about the release.
    if (tracked.running !== running) return;
    tracked.running = null;
    tracked.process = { ...tracked.process, exitCode, pid: null };
    const { health, state, version } = tracked.process;
    if (state === 'live' && health && !this.#closed) {
      const at = this.#now().toISOString();
      const outcome = afterExit(version, health, exitCode, { at, policy: this.#policy });
      tracked.process = { ...tracked.process, health: outcome.health };
      if (outcome.restartInMs === null) return this.#giveUp(tracked, outcome.change);
      tracked.restartTimer = setTimeout(() => void this.#restart(tracked), outcome.restartInMs);
      return this.#record(version, outcome.change);
    }
    if (['staging', 'live', 'ready'].includes(state)) {
      tracked.process = {
        ...tracked.process,
        state: 'exited',
        reason: `the process exited with code ${String(exitCode)}; see its log`,
      };
    }
    await this.#save();
  }

  /** Starts a live release again on a new port; the proxy follows it. */
  async #restart(tracked: Tracked): Promise<void> {
    tracked.restartTimer = null;
    const { health, version } = tracked.process;
    if (tracked.process.state !== 'live' || this.#closed || !health || !tracked.request) {
      // Replaced or stopped while it waited: it stays down.
      if (tracked.process.state === 'ready') {
        tracked.process = {
          ...tracked.process,
          state: 'exited',
          reason: health?.lastError ?? null,
        };
      }
      return this.#save();
    }
    const restarts = health.restarts + 1;
    tracked.process = { ...tracked.process, health: { ...health, restarts } };
    let running: RunningRelease;
    try {
      running = await this.#launch(tracked, tracked.request);
    } catch (error) {
      const message = `v${version} could not be restarted: ${errorMessage(error)}`;
      return this.#giveUp(tracked, { kind: 'failed', message });
    }
    await this.#save();
    // Like a release at staging, a restarted one takes the traffic once it answers.
    const report = await checkHealth(
      `http://127.0.0.1:${tracked.process.port}`,
      tracked.healthPath,
      { ...startupCheck, requestTimeoutMs: this.#policy.requestTimeoutMs },
      () => Promise.resolve(tracked.running === running ? null : 'it exited'),
    );
    // It exited while starting: `#exited` restarts it again or gives up.
    if (tracked.running !== running) return;
    // It runs but never answered: stopped, which `#exited` counts as one more exit.
    if (!report.ok) return stopReleaseProcess(running);
    if (tracked.process.state !== 'live' || this.#closed) return;
    this.#proxy.switchTo({ version, port: tracked.process.port });
    tracked.process = {
      ...tracked.process,
      health: {
        ...uncheckedHealth(this.#now().toISOString(), restarts, health.exitCode),
        lastError: health.lastError,
      },
    };
    await this.#record(version, {
      kind: 'restarted',
      message: `v${version} restarted on port ${tracked.process.port} and answers again (restart ${restarts} of ${this.#policy.maxRestarts})`,
    });
    this.#probeLiveIn(this.#policy.intervalMs);
  }

  /**
   * A live release that kept exiting is failed. The release that served before it takes the
   * traffic back when it still runs and passes its health check; else nothing is live and the
   * stable URL answers 503 until the next deployment.
   */
  async #giveUp(tracked: Tracked, failure: HealthChange): Promise<void> {
    const { version } = tracked.process;
    tracked.process = { ...tracked.process, state: 'failed', reason: failure.message };
    await this.#save();
    const fallback = [...this.#tracked.values()]
      .filter((other) => other.process.state === 'ready' && other.running !== null)
      .sort((a, b) => b.process.version - a.process.version)[0];
    let instead = 'nothing else is ready: the stable URL answers 503 until the next deployment';
    if (fallback) {
      const report = await checkHealth(
        `http://127.0.0.1:${fallback.process.port}`,
        fallback.healthPath,
        { ...fallbackCheck, requestTimeoutMs: this.#policy.requestTimeoutMs },
      );
      // Unless someone promoted another release meanwhile, or stopped everything.
      if (this.#closed || this.#proxy.live?.version !== version)
        return this.#record(version, failure);
      if (report.ok && fallback.running) {
        // All at once (no status read in between): whoever sees the traffic back sees why.
        this.#note(version, failure);
        this.#note(version, {
          kind: 'rolled-back',
          message: `v${fallback.process.version} serves the stable URL again: v${version} kept exiting`,
        });
        this.#goLive(fallback);
        this.#proxy.forget(version);
        return this.#save();
      }
      instead = `v${fallback.process.version} is running but failed its health check (${String(report.reason)}), so nothing serves: the stable URL answers 503 until the next deployment`;
    }
    this.#proxy.stopServing();
    const reason = `${failure.message}; ${instead}`;
    tracked.process = { ...tracked.process, reason };
    await this.#record(version, { ...failure, message: reason });
  }

  /** Adds a health event and writes the state. */
  #record(version: number, change: HealthChange): Promise<void> {
    this.#note(version, change);
    return this.#save();
  }

  /** Adds a health event (to the supervisor's log too); the caller writes the state. */
  #note(version: number, change: HealthChange): void {
    const event = { at: this.#now().toISOString(), version, ...change };
    this.#healthEvents = [...this.#healthEvents, event].slice(-keptHealthEvents);
    process.stderr.write(`${event.at} ${change.kind}: ${change.message}\n`);
  }

  /** Writes in order, one at a time. */
  #save(): Promise<void> {
    this.#writes = this.#writes.then(() => writeSupervisorState(this.#paths.state, this.state()));
    return this.#writes;
  }
}
