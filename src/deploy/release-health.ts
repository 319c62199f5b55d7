import { z } from 'zod';
import { deploymentHealthChanges } from '../events/index.ts';

/**
 * Where a live release stands with its monitor: `unchecked` (promoted or restarted, not probed
 * yet), `healthy`, `unhealthy` (its health check failed several times in a row; it keeps the
 * traffic), `restarting` (its process exited and is started again after a delay), `failed`
 * (it kept exiting and was given up on).
 */
export const healthStates = ['unchecked', 'healthy', 'unhealthy', 'restarting', 'failed'] as const;
export type HealthState = (typeof healthStates)[number];

/** What a target's monitor knows of a release since it went live. */
export const releaseHealthSchema = z.object({
  state: z.enum(healthStates),
  /** When it entered `state`. */
  since: z.string(),
  /** The last probe, or null before the first. */
  checkedAt: z.string().nullable(),
  checks: z.int().nonnegative(),
  /** What the last probe got: its HTTP status (null when nothing answered) and how long it took. */
  status: z.int().nullable(),
  latencyMs: z.number().nullable(),
  consecutiveFailures: z.int().nonnegative(),
  /** The last failed probe or exit, for people; kept after a recovery. */
  lastError: z.string().nullable(),
  /** Restarts after its process exited, since it went live (reset once it stayed up a while). */
  restarts: z.int().nonnegative(),
  /** How its process last exited (null: killed by a signal, or it never exited). */
  exitCode: z.int().nullable(),
});
export type ReleaseHealth = z.infer<typeof releaseHealthSchema>;

/**
 * What the monitor saw happen to a live release: it answered its health check (first, or again),
 * stopped answering it, its process exited (a restart follows), it was restarted, it was given
 * up on, or the traffic went back to an earlier release because of it. The same list as the
 * run's `deployment-health-changed` event, which reports them.
 */
export const healthEventKinds = deploymentHealthChanges;
export type HealthEventKind = (typeof healthEventKinds)[number];

export const healthEventSchema = z.object({
  at: z.string(),
  /** The release it happened to. */
  version: z.int().positive(),
  kind: z.enum(healthEventKinds),
  message: z.string(),
});
export type HealthEvent = z.infer<typeof healthEventSchema>;
