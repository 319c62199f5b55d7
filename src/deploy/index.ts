export {
  deployTargetNames,
  type DeployTargetName,
  type DeployTarget,
  type DeploySource,
  type DeploymentStatus,
  type HealthReport,
  type Preflight,
  type Release,
  type StagedRelease,
} from './deploy-target.ts';
export { deployProject, type DeploymentOutcome } from './deploy-project.ts';
export { deploySourceOf } from './deploy-source.ts';
export { chooseTarget } from './choose-target.ts';
export { healthCheckFailed } from './deploy-errors.ts';
export {
  createLocalTarget,
  type LocalTarget,
  type LocalTargetOptions,
} from './local/local-target.ts';
export { deploymentsDirectory, projectPaths } from './local/deployment-paths.ts';
export {
  knownProject,
  listLocalProjects,
  readReleaseLog,
  stopLocalProject,
} from './local/local-projects.ts';
export type { HealthCheckOptions } from './local/health-check.ts';
