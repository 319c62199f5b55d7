import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LokiError } from '../../core/index.ts';
import { generateArtifacts } from '../artifacts/generate-artifacts.ts';
import { imageName } from '../artifacts/product-profile.ts';
import { dockerfileInstructions } from '../artifacts/validate-dockerfile.ts';
import type {
  DeploySource,
  DeployTarget,
  DeploymentStatus,
  HealthReport,
  Release,
  StagedRelease,
} from '../deploy-target.ts';
import { freePort } from '../target-support/free-port.ts';
import {
  checkHttpHealth,
  healthPaths,
  type HealthCheckOptions,
} from '../target-support/http-health-check.ts';
import {
  createProgramRunner,
  type ProgramResult,
  type ProgramRunner,
} from '../target-support/program-runner.ts';
import {
  nextVersion,
  ReleaseLedger,
  toRelease,
  type Ledger,
} from '../target-support/release-ledger.ts';
import { outputTail, refuseUnlessReady } from '../target-support/unavailable.ts';
import { dockerPreflight } from './docker-preflight.ts';

/** How the docker target is made. */
export interface DockerTargetOptions {
  /** Where each project's release record is kept (e.g. `<product>/.loki/deploy`). */
  stateDirectory: string;
  /** Runs `docker`; default the real one on PATH. */
  runner?: ProgramRunner;
  /** The stable port on 127.0.0.1; default a free one chosen at the first promotion, then kept. */
  port?: number;
  health?: HealthCheckOptions;
  /** Default 15 minutes: a first build downloads base images. */
  buildTimeoutMs?: number;
  now?: () => Date;
}

/** Image and container names of a project: `loki-<project>:v<N>`, `loki-<project>` when live. */
export function dockerNames(project: string): {
  repository: string;
  live: string;
  staging: (version: number) => string;
  image: (version: number) => string;
} {
  const repository = `loki-${imageName(project)}`;
  return {
    repository,
    live: repository,
    staging: (version) => `${repository}-v${version}-staging`,
    image: (version) => `${repository}:v${version}`,
  };
}

/** The port the image's server listens on: the final stage's EXPOSE, else the profile's port. */
function exposedPort(dockerfile: string, fallback: number): number {
  const expose = dockerfileInstructions(dockerfile)
    .filter((instruction) => instruction.keyword === 'EXPOSE')
    .at(-1);
  const port = Number(/^(\d+)/.exec(expose?.arguments.trim() ?? '')?.[1]);
  return Number.isInteger(port) && port > 0 ? port : fallback;
}

/**
 * Builds the product's image from its Dockerfile (generated when it has none), runs it as a
 * staging container on a free port, probes it over HTTP, and promotes it by replacing the stable
 * container on the stable port. The previous image stays tagged, so rollback runs it again.
 * Unlike the local target's proxy, the swap leaves the stable port closed for a moment.
 */
export function createDockerTarget(options: DockerTargetOptions): DeployTarget {
  const runner = options.runner ?? createProgramRunner();
  const ledger = new ReleaseLedger(options.stateDirectory, 'docker');
  const now = options.now ?? (() => new Date());

  const docker = async (
    args: string[],
    timeoutMs = 120_000,
    cwd?: string,
  ): Promise<ProgramResult> =>
    runner.run({ file: 'docker', args, timeoutMs, ...(cwd === undefined ? {} : { cwd }) });

  const mustSucceed = async (
    code: string,
    what: string,
    args: string[],
    timeoutMs?: number,
    cwd?: string,
  ): Promise<ProgramResult> => {
    const result = await docker(args, timeoutMs, cwd);
    if (result.exitCode !== 0) {
      throw new LokiError({
        code,
        category: 'service-failed',
        message: `${what} failed: \`${result.command}\` ${result.timedOut ? 'timed out' : `exited with ${result.exitCode}`}:\n${outputTail(result)}`,
        details: { command: result.command, exitCode: result.exitCode },
      });
    }
    return result;
  };

  /** Removes a container if it exists; a missing one is what we wanted. */
  const remove = async (container: string): Promise<void> => {
    await docker(['rm', '--force', container], 60_000);
  };

  const run = async (
    container: string,
    image: string,
    hostPort: number,
    containerPort: number,
    role: string,
  ): Promise<void> => {
    await remove(container);
    await mustSucceed('deploy.start-failed', `starting ${container}`, [
      'run',
      '--detach',
      '--name',
      container,
      '--publish',
      `127.0.0.1:${hostPort}:${containerPort}`,
      '--env',
      `PORT=${containerPort}`,
      '--label',
      `loki.role=${role}`,
      ...(role === 'live' ? ['--restart', 'unless-stopped'] : []),
      image,
    ]);
  };

  const releaseOf = (state: Ledger, version: number): Ledger['releases'][number] => {
    const release = state.releases.find((entry) => entry.version === version);
    if (release === undefined) {
      throw new LokiError({
        code: 'deploy.unknown-release',
        category: 'internal',
        message: `release v${version} of ${state.project} is not in the docker release record`,
        details: { project: state.project, version },
      });
    }
    return release;
  };

  const isRunning = async (container: string): Promise<boolean> => {
    const result = await docker(['inspect', '--format', '{{.State.Running}}', container], 10_000);
    return result.exitCode === 0 && result.stdout.trim() === 'true';
  };

  const status = async (project: string): Promise<DeploymentStatus> => {
    const state = await ledger.read(project);
    const live = state.promoted.at(-1) ?? null;
    const serving = live !== null && (await isRunning(dockerNames(project).live));
    return {
      project,
      target: 'docker',
      url: serving ? state.stableUrl : null,
      live: serving ? live : null,
      previous: state.promoted.at(-2) ?? null,
      releases: state.releases.map(toRelease),
    };
  };

  return {
    name: 'docker',
    preflight: () => dockerPreflight(runner),

    async build(source: DeploySource): Promise<Release> {
      refuseUnlessReady('docker', await dockerPreflight(runner));
      const artifacts = await generateArtifacts(source.root, {
        kinds: ['dockerfile', 'dockerignore'],
        name: source.project,
      });
      const dockerfile = artifacts.files.find((file) => file.kind === 'dockerfile');
      if (dockerfile !== undefined && !dockerfile.validation.ok) {
        throw new LokiError({
          code: 'deploy.dockerfile-invalid',
          category: 'work-failed',
          message: `the Dockerfile in ${source.root} is not valid: ${dockerfile.validation.problems.map((problem) => problem.message).join('; ')}`,
          details: { problems: dockerfile.validation.problems },
        });
      }
      const containerPort = exposedPort(
        await readFile(join(source.root, 'Dockerfile'), 'utf8'),
        artifacts.profile.port,
      );
      const state = await ledger.read(source.project);
      const version = nextVersion(state);
      const image = dockerNames(source.project).image(version);
      await mustSucceed(
        'deploy.build-failed',
        `building ${image}`,
        [
          'build',
          '--tag',
          image,
          '--label',
          `loki.project=${source.project}`,
          '--label',
          `loki.version=${version}`,
          '.',
        ],
        options.buildTimeoutMs ?? 15 * 60_000,
        source.root,
      );
      const release = {
        project: source.project,
        version,
        location: image,
        builtAt: now().toISOString(),
        containerPort,
      };
      await ledger.update(source.project, (record) => record.releases.push(release));
      return toRelease(release);
    },

    async stage(release: Release): Promise<StagedRelease> {
      const recorded = releaseOf(await ledger.read(release.project), release.version);
      const port = await freePort();
      await run(
        dockerNames(release.project).staging(release.version),
        release.location,
        port,
        recorded.containerPort ?? 3000,
        'staging',
      );
      return { ...release, stagingUrl: `http://127.0.0.1:${port}` };
    },

    async healthCheck(staged: StagedRelease, source: DeploySource): Promise<HealthReport> {
      const report = await checkHttpHealth(
        staged.stagingUrl,
        healthPaths(source.start.healthPath),
        options.health,
      );
      if (report.ok) return report;
      const logs = await docker(
        ['logs', '--tail', '20', dockerNames(staged.project).staging(staged.version)],
        10_000,
      );
      return {
        ...report,
        reason: `${report.reason ?? 'unhealthy'}; the container's last output:\n${outputTail(logs, 20)}`,
      };
    },

    async promote(staged: StagedRelease): Promise<string> {
      const names = dockerNames(staged.project);
      const state = await ledger.read(staged.project);
      const recorded = releaseOf(state, staged.version);
      const port = state.stablePort ?? options.port ?? (await freePort());
      const stableUrl = `http://127.0.0.1:${port}`;
      await run(names.live, staged.location, port, recorded.containerPort ?? 3000, 'live');
      await ledger.update(staged.project, (record) => {
        record.promoted.push(staged.version);
        record.stablePort = port;
        record.stableUrl = stableUrl;
      });
      await remove(names.staging(staged.version));
      // The new container answers on the stable port before the switch counts as done; when it
      // does not, the caller rolls back (this release is recorded live, so rollback restores the previous).
      const health = await checkHttpHealth(
        stableUrl,
        healthPaths(recorded.healthPath ?? '/'),
        options.health,
      );
      if (!health.ok) {
        throw new LokiError({
          code: 'deploy.promote-failed',
          category: 'service-failed',
          message: `${names.live} was started on ${stableUrl} but is not healthy: ${health.reason ?? ''}`,
          details: { url: stableUrl },
        });
      }
      return stableUrl;
    },

    async rollback(project: string, staged?: StagedRelease): Promise<DeploymentStatus> {
      const names = dockerNames(project);
      const state = await ledger.read(project);
      if (staged !== undefined) await remove(names.staging(staged.version));
      // A staged release that never went live: the live one keeps serving, untouched.
      if (staged !== undefined && state.promoted.at(-1) !== staged.version) return status(project);
      const previous = state.promoted.at(-2);
      if (previous === undefined || state.stablePort === null) {
        throw new LokiError({
          code: 'deploy.nothing-to-roll-back-to',
          category: 'work-failed',
          message: `${project} has no earlier docker release that went live; deploy a working version instead`,
          details: { project, promoted: state.promoted },
        });
      }
      const release = releaseOf(state, previous);
      await run(
        names.live,
        release.location,
        state.stablePort,
        release.containerPort ?? 3000,
        'live',
      );
      await ledger.update(project, (record) => void record.promoted.pop());
      return status(project);
    },

    status,
  };
}
