import { LokiError } from '../core/index.ts';
import type { HealthReport, Release } from './deploy-target.ts';
import type { Observation } from './observe-deployment.ts';

/** The error of a release that failed its health check and was rolled back. */
export function healthCheckFailed(
  project: string,
  version: number,
  health: HealthReport,
  serving: number | null,
): LokiError {
  const still = serving === null ? 'nothing was serving before' : `v${serving} keeps serving`;
  return new LokiError({
    code: 'deploy.health-check-failed',
    category: 'work-failed',
    message: `v${version} of ${project} failed its health check and was rolled back (${still}): ${health.reason ?? 'unhealthy'}`,
    details: { project, version, health, serving },
  });
}

/**
 * The error of a release that went live, then failed in the watch after promotion: it turned
 * unhealthy (and was rolled back when there was an earlier release), or it kept exiting.
 */
export function failedAfterPromotion(
  release: Pick<Release, 'project' | 'version'>,
  observation: Observation,
  serving: number | null,
): LokiError {
  const { project, version } = release;
  const health = observation.health;
  const what =
    observation.verdict === 'failed'
      ? (observation.status.releases.find((candidate) => candidate.version === version)?.reason ??
        health?.lastError ??
        'it stopped serving')
      : `it turned ${health?.state ?? 'unhealthy'}: ${health?.lastError ?? 'its health check failed'}`;
  const now =
    serving === version
      ? `nothing earlier could take the traffic, so v${version} keeps serving`
      : serving === null
        ? 'nothing serves now'
        : `v${serving} serves again`;
  return new LokiError({
    code: 'deploy.failed-after-promotion',
    category: 'work-failed',
    message: `v${version} of ${project} went live, then failed (${now}): ${what}`,
    details: { project, version, health, serving, events: observation.events },
  });
}
