import { LokiError } from '../../core/index.ts';
import type { SandboxMode } from '../../workspace/index.ts';
import type {
  DeploymentStatus,
  DeploySource,
  DeployTarget,
  HealthReport,
  Preflight,
  Release,
  StagedRelease,
} from '../deploy-target.ts';
import { healthCheckFailed } from '../deploy-errors.ts';
import { buildRelease } from './build-release.ts';
import { deploymentsDirectory, projectPaths, type ProjectPaths } from './deployment-paths.ts';
import { checkHealth, type HealthCheckOptions } from './health-check.ts';
import { localStatus } from './local-status.ts';
import { readLogTail } from './release-logs.ts';
import { readReleaseRecord, releaseOf } from './release-record.ts';
import { releaseEnvironment } from './release-environment.ts';
import { resolveMonitorPolicy, type MonitorPolicy } from './monitor-policy.ts';
import { control, ensureSupervisor, supervisorStatus } from './supervisor-client.ts';
import { releaseProcessSchema } from './supervisor-state.ts';

export interface LocalTargetOptions {
  /** Default `LOKI_DEPLOYMENTS_DIR`, else `~/.loki/deployments`. */
  deploymentsDir?: string;
  env?: NodeJS.ProcessEnv;
  /** How install and build commands are confined. Default `auto`. */
  sandbox?: SandboxMode;
  health?: HealthCheckOptions;
  /**
   * How the supervisor watches the live release after promotion (see MonitorPolicy); the
   * probe interval defaults to `LOKI_DEPLOY_HEALTH_INTERVAL` seconds, else 2 s. A rollback
   * sends a policy only when one was given here or in that variable.
   */
  monitor?: Partial<MonitorPolicy>;
  /** What the target is doing, one line at a time, for people. */
  onProgress?: (line: string) => void;
}

/** The local target, with what only it can do: read the logs of a release. */
export interface LocalTarget extends DeployTarget {
  readonly name: 'local';
  readonly deploymentsDir: string;
  pathsOf(project: string): ProjectPaths;
}

/**
 * The default target: real processes on this machine. Releases are directories `vN` under the
 * project's deployment directory, started as staging on a free port by the project's
 * supervisor, which also runs the reverse proxy on the stable port that `promote` switches.
 */
export function createLocalTarget(options: LocalTargetOptions = {}): LocalTarget {
  const root = deploymentsDirectory({ directory: options.deploymentsDir, env: options.env });
  const progress = options.onProgress ?? (() => {});
  const pathsOf = (project: string) => projectPaths(root, project);
  const monitor = resolveMonitorPolicy(options.monitor, options.env);
  // A deploy states how its release is watched; a rollback keeps what the supervisor has
  // (perhaps a deploy's --health-interval) unless it was asked for a policy itself.
  const monitorAskedFor =
    options.monitor !== undefined ||
    (options.env ?? process.env)['LOKI_DEPLOY_HEALTH_INTERVAL'] !== undefined;

  async function stage(release: Release, source: DeploySource): Promise<StagedRelease> {
    const paths = pathsOf(release.project);
    const record = await readReleaseRecord(paths, release.version);
    if (record === null) throw notBuilt(release);
    await ensureSupervisor(root, paths);
    const environment = await releaseEnvironment(paths.environment, release.location);
    if (environment.generated.length > 0) {
      progress(
        `generated ${environment.generated.join(', ')} (the code reads them; kept in ${paths.environment})`,
      );
    }
    const started = releaseProcessSchema.parse(
      await control(paths, 'start', {
        version: release.version,
        directory: release.location,
        command: source.start.command,
        portEnvVar: source.start.portEnvVar,
        env: environment.values,
        logFile: paths.releaseLog(release.version),
        healthPath: options.health?.path ?? source.start.healthPath,
      }),
    );
    const stagingUrl = `http://127.0.0.1:${started.port}`;
    progress(`staging v${release.version} at ${stagingUrl}: ${source.start.command}`);
    return { ...release, stagingUrl };
  }

  async function healthCheck(staged: StagedRelease, source: DeploySource): Promise<HealthReport> {
    const paths = pathsOf(staged.project);
    const gone = async (): Promise<string | null> => {
      const state = await supervisorStatus(paths);
      const process = state?.processes.find((candidate) => candidate.version === staged.version);
      if (process?.state !== 'exited') return null;
      const tail = await readLogTail(paths.releaseLog(staged.version), 8);
      return `v${staged.version} exited with code ${String(process.exitCode)}${tail ? `; its log ends:\n${tail}` : ''}`;
    };
    return checkHealth(staged.stagingUrl, source.start.healthPath, options.health, gone);
  }

  async function promote(staged: StagedRelease): Promise<string> {
    const paths = pathsOf(staged.project);
    const before = await supervisorStatus(paths);
    const keep = before?.live !== null && before?.live !== staged.version ? [before!.live] : [];
    return String(await control(paths, 'promote', { version: staged.version, keep, monitor }));
  }

  async function rollback(project: string, staged?: StagedRelease): Promise<DeploymentStatus> {
    const paths = pathsOf(project);
    if (staged) {
      await control(paths, 'discard', {
        version: staged.version,
        reason: 'its health check failed',
      });
      return localStatus(paths);
    }
    const now = await localStatus(paths);
    if (now.live === null || now.previous === null) {
      throw new LokiError({
        code: 'deploy.nothing-to-roll-back',
        category: 'bad-input',
        message:
          now.live === null
            ? `nothing of ${project} is live, so there is nothing to roll back; deploy it with loki deploy`
            : `v${now.live} is the oldest working release of ${project}; there is no earlier one to roll back to`,
        details: { project, live: now.live },
      });
    }
    const target = now.previous;
    const record = await readReleaseRecord(paths, target);
    if (record === null) throw notBuilt({ project, version: target });
    const waiting = now.supervisor?.processes.find((process) => process.version === target);
    if (waiting?.state !== 'ready') {
      const source = { project, root: record.location, start: record.start };
      const candidate = await stage(releaseOf(record), source);
      const health = await healthCheck(candidate, source);
      if (!health.ok) {
        await rollback(project, candidate);
        throw healthCheckFailed(project, target, health, now.live);
      }
    }
    await control(paths, 'promote', {
      version: target,
      keep: [],
      ...(monitorAskedFor ? { monitor } : {}),
    });
    progress(`rolled ${project} back from v${now.live} to v${target}`);
    return localStatus(paths);
  }

  return {
    name: 'local',
    deploymentsDir: root,
    pathsOf,
    preflight: () => Promise.resolve(localPreflight()),
    build: async (source) => {
      const record = await buildRelease(pathsOf(source.project), source, {
        sandbox: options.sandbox,
        onProgress: progress,
      });
      return releaseOf(record);
    },
    stage,
    healthCheck,
    promote,
    rollback,
    status: (project) => localStatus(pathsOf(project)),
  };
}

function localPreflight(): Preflight {
  const problems =
    process.platform === 'win32'
      ? [
          'the local target runs releases with /bin/sh and process groups: use Linux or macOS (or WSL)',
        ]
      : [];
  return { ok: problems.length === 0, problems };
}

function notBuilt(release: Pick<Release, 'project' | 'version'>): LokiError {
  return new LokiError({
    code: 'deploy.release-missing',
    category: 'bad-input',
    message: `v${release.version} of ${release.project} was never built (no release record); deploy it again`,
    details: { ...release },
  });
}
