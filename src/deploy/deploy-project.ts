import { LokiError } from '../core/index.ts';
import type {
  DeploySource,
  DeployTarget,
  DeployTargetName,
  HealthReport,
} from './deploy-target.ts';
import { healthCheckFailed, failedAfterPromotion } from './deploy-errors.ts';
import { observeDeployment, type ObservationOptions } from './observe-deployment.ts';
import type { ReleaseHealth } from './release-health.ts';

/** What a deployment that went live produced. */
export interface DeploymentOutcome {
  target: DeployTargetName;
  project: string;
  version: number;
  /** The stable URL, now serving `version`. */
  url: string;
  health: HealthReport;
  /** How it fared in the observation window after promotion; null when the target does not monitor. */
  observed: ReleaseHealth | null;
}

export interface DeployOptions {
  /** The watch after promotion (default 5 s). */
  observe?: ObservationOptions;
}

/**
 * Deploys a project with any target, in the interface's order: preflight, build, stage, health
 * check, promote, then a short watch of the live release. A failed health check calls
 * `rollback` (the previous release keeps serving) and throws `deploy.health-check-failed`; a
 * release that turns unhealthy in the watch is rolled back too when there is an earlier one, and
 * one that kept exiting was already handled by the target's monitor: both throw
 * `deploy.failed-after-promotion`. A target that cannot run here throws
 * `deploy.target-unavailable` naming what is missing, before anything was built.
 */
export async function deployProject(
  target: DeployTarget,
  source: DeploySource,
  options: DeployOptions = {},
): Promise<DeploymentOutcome> {
  const preflight = await target.preflight();
  if (!preflight.ok) {
    throw new LokiError({
      code: 'deploy.target-unavailable',
      category: 'service-failed',
      message: `the ${target.name} target cannot run here: ${preflight.problems.join(' ')}`,
      details: { target: target.name, problems: preflight.problems },
    });
  }
  const release = await target.build(source);
  const serving = (await target.status(source.project)).live;
  const staged = await target.stage(release, source);
  const health = await target.healthCheck(staged, source);
  if (!health.ok) {
    await target.rollback(source.project, staged);
    throw healthCheckFailed(source.project, release.version, health, serving);
  }
  const url = await target.promote(staged);
  const observation = await observeDeployment(target, source.project, release.version, {
    signal: source.signal,
    ...options.observe,
  });
  if (observation.verdict === 'unhealthy' && observation.status.previous !== null) {
    // A rollback that fails (the earlier release does not start) leaves this one serving.
    const serving = await target.rollback(source.project).then(
      (now) => now.live,
      () => release.version,
    );
    throw failedAfterPromotion(release, observation, serving);
  }
  if (observation.verdict === 'unhealthy' || observation.verdict === 'failed') {
    throw failedAfterPromotion(release, observation, observation.status.live);
  }
  return {
    target: target.name,
    project: source.project,
    version: release.version,
    url,
    health,
    observed: observation.health,
  };
}
