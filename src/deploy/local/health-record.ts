import type { HealthEventKind, ReleaseHealth } from '../release-health.ts';
import type { HealthProbe } from './health-check.ts';
import { restartDelayMs, type MonitorPolicy } from './monitor-policy.ts';

/** A change worth an event: what happened to the release, in one sentence. */
export interface HealthChange {
  kind: HealthEventKind;
  message: string;
}

/** A release that just went live (or was just restarted), not probed yet. */
export function uncheckedHealth(
  at: string,
  restarts = 0,
  exitCode: number | null = null,
): ReleaseHealth {
  return {
    state: 'unchecked',
    since: at,
    checkedAt: null,
    checks: 0,
    status: null,
    latencyMs: null,
    consecutiveFailures: 0,
    lastError: null,
    restarts,
    exitCode,
  };
}

/**
 * The health after one probe of `version`, and the change it makes, if any: the first good
 * answer, a recovery, or the failure that makes it unhealthy (`policy.unhealthyAfter` in a row).
 * A release up `policy.stableAfterMs` since it last started forgets its restarts.
 */
export function afterProbe(
  version: number,
  health: ReleaseHealth,
  probe: HealthProbe,
  context: { at: string; upSinceMs: number; policy: MonitorPolicy },
): { health: ReleaseHealth; change: HealthChange | null } {
  const checked = {
    ...health,
    checkedAt: context.at,
    checks: health.checks + 1,
    status: probe.status,
    latencyMs: probe.latencyMs,
  };
  const answered = `GET ${probe.path} ${String(probe.status)} in ${probe.latencyMs} ms`;
  if (probe.ok) {
    const stable = context.upSinceMs >= context.policy.stableAfterMs;
    const next = {
      ...checked,
      consecutiveFailures: 0,
      restarts: stable ? 0 : health.restarts,
    };
    if (health.state === 'healthy') return { health: next, change: null };
    const message =
      health.state === 'unhealthy'
        ? `v${version} is healthy again (${answered}) after ${health.consecutiveFailures} failed checks`
        : health.restarts > 0
          ? `v${version} answers its health check again after restart ${health.restarts} (${answered})`
          : `v${version} answered its health check after promotion (${answered})`;
    return {
      health: { ...next, state: 'healthy', since: context.at },
      change: { kind: 'healthy', message },
    };
  }
  const failures = health.consecutiveFailures + 1;
  const next = { ...checked, consecutiveFailures: failures, lastError: probe.error };
  if (health.state === 'unhealthy' || failures < context.policy.unhealthyAfter) {
    return { health: next, change: null };
  }
  return {
    health: { ...next, state: 'unhealthy', since: context.at },
    change: {
      kind: 'unhealthy',
      message: `v${version} failed ${failures} health check${failures === 1 ? '' : 's'} in a row: ${String(probe.error)}`,
    },
  };
}

/**
 * The health after the live release's process exited: a restart after a growing delay while
 * restarts are left (`restartInMs`), else failed (`restartInMs` null).
 */
export function afterExit(
  version: number,
  health: ReleaseHealth,
  exitCode: number | null,
  context: { at: string; policy: MonitorPolicy },
): { health: ReleaseHealth; change: HealthChange; restartInMs: number | null } {
  const exited = exitCode === null ? 'was killed by a signal' : `exited with code ${exitCode}`;
  const base = {
    ...health,
    since: context.at,
    exitCode,
    lastError: `the process ${exited}`,
  };
  const { maxRestarts } = context.policy;
  if (health.restarts < maxRestarts) {
    const restartInMs = restartDelayMs(health.restarts, context.policy);
    return {
      health: { ...base, state: 'restarting' },
      restartInMs,
      change: {
        kind: 'exited',
        message: `v${version} ${exited}; restart ${health.restarts + 1} of ${maxRestarts} in ${seconds(restartInMs)}`,
      },
    };
  }
  const after = maxRestarts === 0 ? 'restarts are off' : `after ${maxRestarts} restarts`;
  return {
    health: { ...base, state: 'failed' },
    restartInMs: null,
    change: { kind: 'failed', message: `v${version} ${exited} ${after}: given up` },
  };
}

function seconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(1))} s`;
}
