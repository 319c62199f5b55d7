import type { DeploymentStatus } from './deploy-target.ts';
import type { ReleaseHealth } from './release-health.ts';

/**
 * How a project's live release is doing, in a few words for a table: `healthy (checked 1 s
 * ago, 3 ms)`, `unhealthy since 2025-05-01T10:00:00Z (4 failed checks): GET /health answered
 * 503`, `restarting since …: the process exited with code 1 (1 restart so far)`, or what failed
 * when nothing is live. Empty for a target that does not monitor its releases.
 */
export function deploymentHealthText(status: DeploymentStatus, now = Date.now()): string {
  if (status.healthEvents === undefined) return '';
  const live = status.releases.find((release) => release.version === status.live);
  if (live?.health) return healthText(live.health, now);
  const failed = status.releases.findLast((release) => release.health?.state === 'failed');
  if (failed)
    return `v${failed.version} failed: ${failed.reason ?? failed.health?.lastError ?? ''}`;
  return '';
}

function healthText(health: ReleaseHealth, now: number): string {
  const restarts = health.restarts > 0 ? plural(health.restarts, 'restart') : null;
  switch (health.state) {
    case 'unchecked':
      return ['not checked yet', restarts].filter(Boolean).join(', ');
    case 'healthy': {
      const ago = health.checkedAt === null ? null : secondsAgo(health.checkedAt, now);
      const checked = `checked ${ago ?? '?'} ago, ${String(health.latencyMs)} ms`;
      const failing =
        health.consecutiveFailures > 0 ? `last check failed: ${String(health.lastError)}` : null;
      return `healthy (${[checked, restarts, failing].filter(Boolean).join(', ')})`;
    }
    case 'unhealthy':
      return `unhealthy since ${moment(health.since)} (${plural(health.consecutiveFailures, 'failed check')}): ${String(health.lastError)}`;
    case 'restarting':
      return `restarting since ${moment(health.since)}: ${String(health.lastError)} (${plural(health.restarts, 'restart')} so far)`;
    case 'failed':
      return `failed since ${moment(health.since)}: ${String(health.lastError)}`;
  }
}

/** An ISO time to the second. */
function moment(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

function secondsAgo(iso: string, now: number): string {
  return `${Math.max(0, Math.round((now - Date.parse(iso)) / 1000))} s`;
}

function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}
