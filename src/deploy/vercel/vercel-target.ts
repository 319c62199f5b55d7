import { join } from 'node:path';
import { LokiError } from '../../core/index.ts';
import type {
  DeploySource,
  DeployTarget,
  DeploymentStatus,
  HealthReport,
  Release,
  StagedRelease,
} from '../deploy-target.ts';
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
import { deploymentUrl, inspectAliases, inspectStatus } from './vercel-output.ts';
import { vercelPreflight } from './vercel-preflight.ts';

/** How the vercel target is made. */
export interface VercelTargetOptions {
  /** Where each project's release record is kept. */
  stateDirectory: string;
  /** Runs `vercel`; default the real one on PATH. */
  runner?: ProgramRunner;
  /** Where VERCEL_TOKEN is read. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  health?: HealthCheckOptions;
  /** Default 15 minutes. */
  buildTimeoutMs?: number;
  now?: () => Date;
}

/**
 * Deploys to Vercel from a local build: `vercel pull` and `vercel build --prod` make
 * `.vercel/output`; `vercel deploy --prebuilt --prod --skip-domain` uploads it as a production
 * deployment that no domain points at yet (staging); `vercel promote` moves the domains to it;
 * `vercel rollback` moves them back to the previous promoted deployment.
 */
export function createVercelTarget(options: VercelTargetOptions): DeployTarget {
  const runner =
    options.runner ?? createProgramRunner(options.env === undefined ? {} : { env: options.env });
  const env = options.env ?? process.env;
  const ledger = new ReleaseLedger(options.stateDirectory, 'vercel');
  const now = options.now ?? (() => new Date());

  /** The token, after preflight said the CLI and the token are there. */
  const ready = async (): Promise<string> => {
    const preflight = await vercelPreflight(runner, env);
    refuseUnlessReady('vercel', preflight);
    return preflight.token!;
  };

  const vercel = async (
    code: string,
    what: string,
    args: string[],
    token: string,
    extra: { cwd?: string; timeoutMs?: number } = {},
  ): Promise<ProgramResult> => {
    const result = await runner.run({
      file: 'vercel',
      args: [...args, '--token', token],
      timeoutMs: extra.timeoutMs ?? 300_000,
      ...(extra.cwd === undefined ? {} : { cwd: extra.cwd }),
    });
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

  const urlOf = (state: Ledger, version: number): string => {
    const url = state.releases.find((release) => release.version === version)?.url;
    if (url === undefined) {
      throw new LokiError({
        code: 'deploy.unknown-release',
        category: 'internal',
        message: `release v${version} of ${state.project} has no Vercel deployment URL in its record; stage it first`,
        details: { project: state.project, version },
      });
    }
    return url;
  };

  const status = async (project: string): Promise<DeploymentStatus> => {
    const state = await ledger.read(project);
    const live = state.promoted.at(-1) ?? null;
    let serving = false;
    const token = env['VERCEL_TOKEN']?.trim();
    if (live !== null && token) {
      const inspect = await runner.run({
        file: 'vercel',
        args: ['inspect', urlOf(state, live), '--token', token],
        timeoutMs: 60_000,
      });
      serving =
        inspect.exitCode === 0 && inspectStatus(`${inspect.stdout}\n${inspect.stderr}`) === 'Ready';
    }
    return {
      project,
      target: 'vercel',
      url: serving ? state.stableUrl : null,
      live: serving ? live : null,
      previous: state.promoted.at(-2) ?? null,
      releases: state.releases.map(toRelease),
    };
  };

  return {
    name: 'vercel',
    preflight: () => vercelPreflight(runner, env),

    async build(source: DeploySource): Promise<Release> {
      const token = await ready();
      const timeoutMs = options.buildTimeoutMs ?? 15 * 60_000;
      await vercel(
        'deploy.build-failed',
        'fetching the Vercel project settings',
        ['pull', '--yes', '--environment=production'],
        token,
        { cwd: source.root, timeoutMs },
      );
      await vercel(
        'deploy.build-failed',
        'building with vercel build',
        ['build', '--prod', '--yes'],
        token,
        { cwd: source.root, timeoutMs },
      );
      const state = await ledger.read(source.project);
      const release = {
        project: source.project,
        version: nextVersion(state),
        location: join(source.root, '.vercel', 'output'),
        builtAt: now().toISOString(),
        healthPath: source.start.healthPath,
      };
      await ledger.update(source.project, (record) => record.releases.push(release));
      return toRelease(release);
    },

    async stage(release: Release, source: DeploySource): Promise<StagedRelease> {
      const token = await ready();
      const deployed = await vercel(
        'deploy.stage-failed',
        'uploading the build',
        ['deploy', '--prebuilt', '--prod', '--skip-domain', '--yes'],
        token,
        { cwd: source.root },
      );
      const url = deploymentUrl(deployed.stdout);
      if (url === null) {
        throw new LokiError({
          code: 'deploy.stage-failed',
          category: 'service-failed',
          message: `vercel deploy printed no deployment URL:\n${outputTail(deployed)}`,
          details: { command: deployed.command },
        });
      }
      await vercel(
        'deploy.stage-failed',
        `waiting for ${url} to be ready`,
        ['inspect', url, '--wait', '--timeout', '5m'],
        token,
        { timeoutMs: 330_000 },
      );
      await ledger.update(release.project, (record) => {
        const recorded = record.releases.find((entry) => entry.version === release.version);
        if (recorded) recorded.url = url;
      });
      return { ...release, stagingUrl: url };
    },

    async healthCheck(staged: StagedRelease, source: DeploySource): Promise<HealthReport> {
      const report = await checkHttpHealth(
        staged.stagingUrl,
        healthPaths(source.start.healthPath),
        options.health,
      );
      if (report.ok || report.status !== 401) return report;
      return {
        ...report,
        reason: `${report.reason ?? ''}; Vercel's Deployment Protection asks for a login on this URL: allow unauthenticated access to production deployments, or set a protection bypass`,
      };
    },

    async promote(staged: StagedRelease): Promise<string> {
      const token = await ready();
      await vercel(
        'deploy.promote-failed',
        `promoting ${staged.stagingUrl}`,
        ['promote', staged.stagingUrl, '--yes'],
        token,
      );
      const inspect = await vercel(
        'deploy.promote-failed',
        `reading the domains of ${staged.stagingUrl}`,
        ['inspect', staged.stagingUrl],
        token,
        { timeoutMs: 60_000 },
      );
      const stableUrl =
        inspectAliases(`${inspect.stdout}\n${inspect.stderr}`).find(
          (alias) => alias !== staged.stagingUrl,
        ) ?? staged.stagingUrl;
      await ledger.update(staged.project, (record) => {
        record.promoted.push(staged.version);
        record.stableUrl = stableUrl;
      });
      return stableUrl;
    },

    async rollback(project: string, staged?: StagedRelease): Promise<DeploymentStatus> {
      const token = await ready();
      const state = await ledger.read(project);
      if (staged !== undefined && state.promoted.at(-1) !== staged.version) {
        // Never promoted: no domain points at it; remove it so it stops answering.
        await vercel(
          'deploy.rollback-failed',
          `removing ${staged.stagingUrl}`,
          ['remove', staged.stagingUrl, '--yes'],
          token,
          { timeoutMs: 120_000 },
        );
        return status(project);
      }
      const previous = state.promoted.at(-2);
      if (previous === undefined) {
        throw new LokiError({
          code: 'deploy.nothing-to-roll-back-to',
          category: 'work-failed',
          message: `${project} has no earlier Vercel deployment that went live; deploy a working version instead`,
          details: { project, promoted: state.promoted },
        });
      }
      await vercel(
        'deploy.rollback-failed',
        `rolling back to v${previous}`,
        ['rollback', urlOf(state, previous), '--timeout', '3m'],
        token,
        { timeoutMs: 210_000 },
      );
      await ledger.update(project, (record) => void record.promoted.pop());
      return status(project);
    },

    status,
  };
}
