import { LokiError } from '../core/index.ts';
import type {
  DeploySource,
  DeployTarget,
  DeployTargetName,
  HealthReport,
} from './deploy-target.ts';
import { healthCheckFailed } from './deploy-errors.ts';

/** What a deployment that went live produced. */
export interface DeploymentOutcome {
  target: DeployTargetName;
  project: string;
  version: number;
  /** The stable URL, now serving `version`. */
  url: string;
  health: HealthReport;
}

/**
 * Deploys a project with any target, in the interface's order: preflight, build, stage, health
 * check, promote. A failed health check calls `rollback` (the previous release keeps serving)
 * and throws `deploy.health-check-failed`; a target that cannot run here throws
 * `deploy.target-unavailable` naming what is missing, before anything was built.
 */
export async function deployProject(
  target: DeployTarget,
  source: DeploySource,
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
  return { target: target.name, project: source.project, version: release.version, url, health };
}
