import type { StartCommand } from '../stacks/index.ts';
import type { HealthEvent, ReleaseHealth } from './release-health.ts';

/** Where a product can be deployed. */
export const deployTargetNames = ['local', 'docker', 'vercel'] as const;
export type DeployTargetName = (typeof deployTargetNames)[number];

/** Why a target cannot run on this machine (no engine, no CLI, no token), said before starting. */
export interface Preflight {
  ok: boolean;
  /** One sentence each: what is missing and how to provide it. Empty when `ok`. */
  problems: string[];
}

/** The product to deploy: a directory holding the merged main, and how to start it. */
export interface DeploySource {
  /** A stable name for the project (the directory's base name unless configured). */
  project: string;
  /** The directory with the product's files (a checkout of the merged main). */
  root: string;
  start: StartCommand;
  signal?: AbortSignal;
}

/** A release that was built: where it lives and its version within the project. */
export interface Release {
  project: string;
  /** 1, 2, 3… within the project. */
  version: number;
  /** The release's own directory (`deployments/vN` for the local target), or an image/ref. */
  location: string;
  builtAt: string;
  /** What the release does now (`live`, `ready`, `stopped`, `failed`…), when the target knows. */
  state?: string;
  /** Why it failed or stopped, when the target knows. */
  reason?: string | null;
  /** What the target's monitor saw since it went live, for a target that monitors releases. */
  health?: ReleaseHealth | null;
}

/** A release running as staging, not yet receiving the stable URL's traffic. */
export interface StagedRelease extends Release {
  /** Where staging answers, e.g. http://127.0.0.1:43121 */
  stagingUrl: string;
}

/** The outcome of probing a staged release. */
export interface HealthReport {
  ok: boolean;
  /** The URL that answered healthy, or the last one tried. */
  url: string;
  attempts: number;
  /** The last status code seen, or null when nothing answered. */
  status: number | null;
  /** Why it failed, for people. */
  reason: string | null;
}

/** What a project's deployment looks like now. */
export interface DeploymentStatus {
  project: string;
  target: DeployTargetName;
  /** The stable URL, or null when nothing is serving. */
  url: string | null;
  /** The version serving the stable URL, or null. */
  live: number | null;
  /** The previous version kept ready for rollback, or null. */
  previous: number | null;
  releases: Release[];
  /**
   * What the monitor saw happen to live releases, oldest first (the most recent few). Present
   * only for a target that health-polls its live release after promotion.
   */
  healthEvents?: HealthEvent[];
  /**
   * How often the live release is probed, in milliseconds (0: not polled, exits are still
   * handled); null while nothing watches it. Present only for a target that health-polls.
   */
  healthIntervalMs?: number | null;
}

/**
 * One deployment target. The stages of a deployment, in order: preflight, build, stage,
 * healthCheck, promote; a failed health check calls rollback (the previous release keeps
 * serving). Every method names what went wrong in a thrown LokiError.
 */
export interface DeployTarget {
  readonly name: DeployTargetName;
  preflight(): Promise<Preflight>;
  build(source: DeploySource): Promise<Release>;
  stage(release: Release, source: DeploySource): Promise<StagedRelease>;
  healthCheck(staged: StagedRelease, source: DeploySource): Promise<HealthReport>;
  /** Switches the stable URL's traffic to `staged`; returns the stable URL. */
  promote(staged: StagedRelease): Promise<string>;
  /** Serves the previous release again (or stops `staged` when it never went live). */
  rollback(project: string, staged?: StagedRelease): Promise<DeploymentStatus>;
  status(project: string): Promise<DeploymentStatus>;
}
