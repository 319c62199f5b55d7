import { setTimeout as sleep } from 'node:timers/promises';
import type { DeploymentStatus, DeployTarget } from './deploy-target.ts';
import type { HealthEvent, ReleaseHealth } from './release-health.ts';

/** How long a release is watched after promotion before the deployment is called done. */
export interface ObservationOptions {
  /** Default 5 000; 0 only reads the status once. */
  windowMs?: number;
  /** Between two reads of the target's status (not probes: the target's monitor probes). Default 500. */
  pollMs?: number;
  signal?: AbortSignal;
  /** Each health event of the deployed release, once, as the target's monitor records it. */
  onHealthEvent?: (event: HealthEvent) => void;
}

/**
 * How the release fared in the window: `healthy` (live, and healthy or not yet probed),
 * `unhealthy` (live but failing its health check, or restarting after an exit), `failed` (given
 * up on after its process kept exiting, or nothing serves any more), `replaced` (another release took the traffic), or
 * `unmonitored` (the target does not watch its releases).
 */
export type ObservationVerdict = 'healthy' | 'unhealthy' | 'failed' | 'replaced' | 'unmonitored';

export interface Observation {
  verdict: ObservationVerdict;
  /** The release's health at the end of the window; null when the target does not monitor. */
  health: ReleaseHealth | null;
  status: DeploymentStatus;
  /** The release's health events seen in the window, oldest first. */
  events: HealthEvent[];
}

export const defaultObservationMs = 5_000;

/**
 * Watches `version` of `project` for a short window after its promotion, through the target's
 * status, reporting each new health event of the release. Ends early once the release failed
 * or was replaced. Only `signal` makes it throw.
 */
export async function observeDeployment(
  target: DeployTarget,
  project: string,
  version: number,
  options: ObservationOptions = {},
): Promise<Observation> {
  const deadline = Date.now() + (options.windowMs ?? defaultObservationMs);
  const events: HealthEvent[] = [];
  const seen = new Set<string>();
  for (;;) {
    const status = await target.status(project);
    if (status.healthEvents === undefined) {
      return { verdict: 'unmonitored', health: null, status, events };
    }
    for (const event of status.healthEvents) {
      const key = `${event.at} ${event.kind} ${event.message}`;
      if (event.version !== version || seen.has(key)) continue;
      seen.add(key);
      events.push(event);
      options.onHealthEvent?.(event);
    }
    const health = status.releases.find((release) => release.version === version)?.health ?? null;
    const verdict = verdictOf(status, version, health, events);
    const left = deadline - Date.now();
    if (verdict === 'failed' || verdict === 'replaced' || left <= 0) {
      return { verdict, health, status, events };
    }
    await sleep(Math.min(options.pollMs ?? 500, left), undefined, { signal: options.signal });
  }
}

function verdictOf(
  status: DeploymentStatus,
  version: number,
  health: ReleaseHealth | null,
  events: HealthEvent[],
): ObservationVerdict {
  // Failed once the monitor is done with it (its `failed` event comes after the fallback).
  if (events.some((event) => event.kind === 'failed')) return 'failed';
  // Nothing live at all: the supervisor (or whatever serves) is gone.
  if (status.live !== version) return status.live === null ? 'failed' : 'replaced';
  if (health === null || health.state === 'healthy' || health.state === 'unchecked') {
    // Unchecked after a restart is not yet healthy: it exited within the window.
    return health !== null && health.restarts > 0 && health.state === 'unchecked'
      ? 'unhealthy'
      : 'healthy';
  }
  return 'unhealthy';
}
