import { LokiError } from '../core/index.ts';
import type { HealthReport } from './deploy-target.ts';

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
