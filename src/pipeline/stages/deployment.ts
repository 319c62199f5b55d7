import { basename } from 'node:path';
import { z } from 'zod';
import { LokiError } from '../../core/index.ts';
import {
  chooseTarget,
  deployProject,
  deploySourceOf,
  deployTargetNames,
  releaseHealthSchema,
  type DeploymentOutcome,
  type HealthCheckOptions,
  type MonitorPolicy,
} from '../../deploy/index.ts';
import type { RunContext } from '../run-context.ts';
import { defineStage } from '../stage.ts';
import { commitDeploymentArtifacts } from './deployment-artifacts.ts';

/** The release that went live and where. */
export const liveDeploymentSchema = z.object({
  target: z.enum(deployTargetNames),
  project: z.string(),
  version: z.int().positive(),
  url: z.string(),
  health: z.object({
    ok: z.boolean(),
    url: z.string(),
    attempts: z.int(),
    status: z.int().nullable(),
    reason: z.string().nullable(),
  }),
  /** How the release fared in the watch after promotion; null when the target does not monitor. */
  observed: releaseHealthSchema.nullish(),
});
/**
 * What the deployment stage produced: the live release, or why there was nothing to deploy (a
 * product Loki cannot start as a server, such as a library or documents, is not a failure).
 */
export const runDeploymentSchema = z.union([
  liveDeploymentSchema,
  z.object({ skipped: z.string() }),
]);
export type RunDeployment = z.infer<typeof runDeploymentSchema>;

/** Why a product cannot be deployed at all: its stack is unknown, or it has no start command. */
const undeployable = new Set(['project.unknown-stack', 'stacks.no-start-command']);

export interface DeploymentStageOptions {
  /** Where local deployments live; default `LOKI_DEPLOYMENTS_DIR`, else `~/.loki/deployments`. */
  deploymentsDir?: string;
  health?: HealthCheckOptions;
  /** How the live release is watched by the local target's supervisor. */
  monitor?: Partial<MonitorPolicy>;
  /** How long the stage watches the live release after promotion (default 5 000). */
  observeMs?: number;
}

/**
 * Stage 7: deploys the product's merged main (the out dir's committed `main`) with the configured
 * target, local by default, as the project named after the out dir. It is the same code path
 * as `loki deploy`. A failed health check leaves the previous release serving and fails the
 * run with `deploy.health-check-failed` (exit 1). After promotion the stage watches the live
 * release a few seconds: each change its monitor sees is a `deployment-health-changed` event,
 * and a release that turns unhealthy or keeps exiting in that window fails the run with
 * `deploy.failed-after-promotion` (rolled back where there is an earlier release). Either way a
 * `deployment-finished` event says what is serving.
 */
export async function deployRun(
  context: RunContext,
  options: DeploymentStageOptions = {},
): Promise<RunDeployment> {
  const project = basename(context.outDir);
  const targetName = context.config.deployTarget ?? 'local';
  const target = chooseTarget(targetName, {
    deploymentsDir: options.deploymentsDir,
    sandbox: context.config.sandbox,
    ...(options.health ? { health: options.health } : {}),
    ...(options.monitor ? { monitor: options.monitor } : {}),
  });
  let source;
  try {
    source = await deploySourceOf(context.outDir, { project, signal: context.signal });
  } catch (error) {
    if (!LokiError.isInstance(error) || !undeployable.has(error.code)) throw error;
    context.events.emit({ type: 'warning-raised', message: `nothing to deploy: ${error.message}` });
    return { skipped: error.message };
  }
  await commitDeploymentArtifacts(context, project);
  let outcome: DeploymentOutcome;
  try {
    outcome = await deployProject(target, source, {
      observe: {
        ...(options.observeMs === undefined ? {} : { windowMs: options.observeMs }),
        onHealthEvent: (event) =>
          context.events.emit({
            type: 'deployment-health-changed',
            target: targetName,
            project,
            version: event.version,
            change: event.kind,
            message: event.message,
            seenAt: event.at,
          }),
      },
    });
  } catch (error) {
    const status = await target.status(project).catch(() => null);
    context.events.emit({
      type: 'deployment-finished',
      target: targetName,
      project,
      version: LokiError.isInstance(error) ? versionIn(error) : null,
      url: status?.url ?? null,
      healthy: false,
      reason: LokiError.isInstance(error) ? error.message : String(error),
    });
    throw error;
  }
  context.events.emit({
    type: 'deployment-finished',
    target: outcome.target,
    project,
    version: outcome.version,
    url: outcome.url,
    healthy: true,
    reason: null,
  });
  return outcome;
}

function versionIn(error: LokiError): number | null {
  const version = error.details['version'];
  return typeof version === 'number' ? version : null;
}

/** The deployment stage; options for tests (where deployments live). */
export function createDeploymentStage(options: DeploymentStageOptions = {}) {
  return defineStage<RunDeployment>({
    name: 'deployment',
    title: 'Deployment',
    outputSchema: runDeploymentSchema,
    requiresCompleteBuild: true,
    run: (context) => deployRun(context, options),
    summarize: (deployment) =>
      'skipped' in deployment
        ? `nothing to deploy: ${deployment.skipped}`
        : `${deployment.project} v${deployment.version} live at ${deployment.url} (${deployment.target})`,
    store: (state, deployment) => ({ ...state, deployment }),
  });
}
