import { z } from 'zod';

/**
 * How the supervisor watches the live release after promotion. A live release whose health
 * check fails is reported (unhealthy since T, with the last error) and keeps the traffic: a
 * route failing because a database is down would fail on the previous release too, and `loki
 * rollback` is one command away. A live release whose process exits is restarted after a
 * growing delay; once it exhausted its restarts it is marked failed, and the release that
 * served before takes the traffic back if it is still running and passes its health check.
 */
export const monitorPolicySchema = z.object({
  /** Between two probes of the live release; 0 turns polling off (exits are still handled). */
  intervalMs: z.int().nonnegative(),
  /** One probe may take at most this long. */
  requestTimeoutMs: z.int().positive(),
  /** Failed probes in a row before the release is called unhealthy. */
  unhealthyAfter: z.int().positive(),
  /** Restarts after an exit before the release is given up on. */
  maxRestarts: z.int().nonnegative(),
  /** The delay before the first restart; it doubles with each restart, up to `maxBackoffMs`. */
  restartBackoffMs: z.int().nonnegative(),
  maxBackoffMs: z.int().nonnegative(),
  /** A release up this long since its last restart has its restart count reset. */
  stableAfterMs: z.int().nonnegative(),
});
export type MonitorPolicy = z.infer<typeof monitorPolicySchema>;

/** Probe every 2 s, unhealthy after 2 failures; restart after 1, 2, 4 s; stable after a minute. */
export const defaultMonitorPolicy: MonitorPolicy = {
  intervalMs: 2_000,
  requestTimeoutMs: 2_000,
  unhealthyAfter: 2,
  maxRestarts: 3,
  restartBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  stableAfterMs: 60_000,
};

/** The delay before restart number `restarts + 1`. */
export function restartDelayMs(restarts: number, policy: MonitorPolicy): number {
  return Math.min(policy.restartBackoffMs * 2 ** restarts, policy.maxBackoffMs);
}

/**
 * The policy a caller asked for over the defaults; `LOKI_DEPLOY_HEALTH_INTERVAL` (seconds, 0
 * turns polling off) sets the probe interval when the caller did not.
 */
export function resolveMonitorPolicy(
  wanted: Partial<MonitorPolicy> = {},
  env: NodeJS.ProcessEnv = process.env,
): MonitorPolicy {
  const seconds = Number(env['LOKI_DEPLOY_HEALTH_INTERVAL'] ?? Number.NaN);
  const fromEnv =
    Number.isFinite(seconds) && seconds >= 0 ? { intervalMs: Math.round(seconds * 1000) } : {};
  return monitorPolicySchema.parse({ ...defaultMonitorPolicy, ...fromEnv, ...wanted });
}
