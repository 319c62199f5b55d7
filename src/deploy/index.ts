// ── Artifacts and the docker/vercel targets (deploy-artifacts) ───────────────────────────────
export {
  generateArtifacts,
  renderArtifacts,
  artifactKinds,
  artifactPaths,
  type ArtifactKind,
  type ArtifactFile,
  type ArtifactReport,
  type GenerateArtifactsOptions,
  type RenderedArtifact,
} from './artifacts/generate-artifacts.ts';
export type { ArtifactProblem, ArtifactValidation } from './artifacts/artifact-validation.ts';
export { describeProduct, type ProductProfile } from './artifacts/product-profile.ts';
export type { DatabaseKind } from './artifacts/database-services.ts';
export {
  createDockerTarget,
  dockerNames,
  type DockerTargetOptions,
} from './docker/docker-target.ts';
export { dockerPreflight, type DockerPreflight } from './docker/docker-preflight.ts';
export { createVercelTarget, type VercelTargetOptions } from './vercel/vercel-target.ts';
export { vercelPreflight, type VercelPreflight } from './vercel/vercel-preflight.ts';
export {
  createProgramRunner,
  type ProgramRunner,
  type ProgramSpec,
  type ProgramResult,
} from './target-support/program-runner.ts';
export type { HealthCheckOptions as RemoteHealthCheckOptions } from './target-support/http-health-check.ts';
// ── end of deploy-artifacts block ────────────────────────────────────────────────────────────
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
export { deployProject, type DeploymentOutcome, type DeployOptions } from './deploy-project.ts';
export {
  observeDeployment,
  defaultObservationMs,
  type Observation,
  type ObservationOptions,
  type ObservationVerdict,
} from './observe-deployment.ts';
export {
  healthStates,
  healthEventKinds,
  releaseHealthSchema,
  type HealthEvent,
  type HealthEventKind,
  type HealthState,
  type ReleaseHealth,
} from './release-health.ts';
export { deploymentHealthText } from './health-text.ts';
export { deploySourceOf } from './deploy-source.ts';
export { chooseTarget } from './choose-target.ts';
export { healthCheckFailed, failedAfterPromotion } from './deploy-errors.ts';
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
export {
  defaultMonitorPolicy,
  resolveMonitorPolicy,
  type MonitorPolicy,
} from './local/monitor-policy.ts';
export {
  prepareTrialProduct,
  startTrialServer,
  type TrialProduct,
  type TrialServer,
} from './local/trial-product.ts';
