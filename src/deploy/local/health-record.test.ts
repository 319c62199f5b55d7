import { describe, expect, it } from 'vitest';
import type { HealthProbe } from './health-check.ts';
import { afterExit, afterProbe, uncheckedHealth } from './health-record.ts';
import { defaultMonitorPolicy, resolveMonitorPolicy, restartDelayMs } from './monitor-policy.ts';

const policy = { ...defaultMonitorPolicy, unhealthyAfter: 2, maxRestarts: 2 };
const good: HealthProbe = { ok: true, path: '/health', status: 200, latencyMs: 3, error: null };
const bad: HealthProbe = {
  ok: false,
  path: '/health',
  status: 503,
  latencyMs: 4,
  error: 'GET /health answered 503',
};
const at = (second: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, second)).toISOString();

describe('the health record of a live release', () => {
  it('is healthy from its first good answer, and says so once', () => {
    const first = afterProbe(2, uncheckedHealth(at(0)), good, { at: at(1), upSinceMs: 0, policy });
    expect(first.health).toMatchObject({ state: 'healthy', checks: 1, status: 200, latencyMs: 3 });
    expect(first.change?.message).toBe(
      'v2 answered its health check after promotion (GET /health 200 in 3 ms)',
    );
    const second = afterProbe(2, first.health, good, { at: at(2), upSinceMs: 0, policy });
    expect(second).toMatchObject({ health: { checks: 2, checkedAt: at(2) }, change: null });
  });

  it('turns unhealthy after failures in a row, keeps the time it did, and recovers', () => {
    let health = afterProbe(2, uncheckedHealth(at(0)), good, {
      at: at(1),
      upSinceMs: 0,
      policy,
    }).health;
    const once = afterProbe(2, health, bad, { at: at(2), upSinceMs: 0, policy });
    expect(once).toMatchObject({
      change: null,
      health: { state: 'healthy', consecutiveFailures: 1 },
    });
    const twice = afterProbe(2, once.health, bad, { at: at(3), upSinceMs: 0, policy });
    expect(twice.health).toMatchObject({
      state: 'unhealthy',
      since: at(3),
      consecutiveFailures: 2,
      lastError: 'GET /health answered 503',
    });
    expect(twice.change).toEqual({
      kind: 'unhealthy',
      message: 'v2 failed 2 health checks in a row: GET /health answered 503',
    });
    health = afterProbe(2, twice.health, bad, { at: at(4), upSinceMs: 0, policy }).health;
    expect(health).toMatchObject({ state: 'unhealthy', since: at(3), consecutiveFailures: 3 });
    const back = afterProbe(2, health, good, { at: at(5), upSinceMs: 0, policy });
    expect(back.change?.message).toBe(
      'v2 is healthy again (GET /health 200 in 3 ms) after 3 failed checks',
    );
  });

  it('restarts an exited release with a growing delay, then gives up', () => {
    const live = uncheckedHealth(at(0));
    const first = afterExit(2, live, 1, { at: at(1), policy });
    expect(first).toMatchObject({ restartInMs: 1_000, health: { state: 'restarting' } });
    expect(first.change.message).toBe('v2 exited with code 1; restart 1 of 2 in 1 s');
    const second = afterExit(2, { ...live, restarts: 1 }, null, { at: at(2), policy });
    expect(second.restartInMs).toBe(2_000);
    expect(second.change.message).toBe('v2 was killed by a signal; restart 2 of 2 in 2 s');
    const last = afterExit(2, { ...live, restarts: 2 }, 1, { at: at(3), policy });
    expect(last).toMatchObject({ restartInMs: null, health: { state: 'failed', exitCode: 1 } });
    expect(last.change).toEqual({
      kind: 'failed',
      message: 'v2 exited with code 1 after 2 restarts: given up',
    });
  });

  it('forgets restarts once the release stayed up long enough', () => {
    const restarted = { ...uncheckedHealth(at(0), 2), state: 'healthy' as const };
    const early = afterProbe(2, restarted, good, { at: at(1), upSinceMs: 1_000, policy });
    expect(early.health.restarts).toBe(2);
    const late = afterProbe(2, restarted, good, { at: at(1), upSinceMs: 60_000, policy });
    expect(late.health.restarts).toBe(0);
  });
});

describe('the monitor policy', () => {
  it('doubles the restart delay up to its cap', () => {
    const delays = [0, 1, 2, 5, 10].map((restarts) => restartDelayMs(restarts, policy));
    expect(delays).toEqual([1_000, 2_000, 4_000, 30_000, 30_000]);
  });

  it('takes the probe interval from LOKI_DEPLOY_HEALTH_INTERVAL unless the caller set it', () => {
    expect(resolveMonitorPolicy({}, {}).intervalMs).toBe(2_000);
    expect(resolveMonitorPolicy({}, { LOKI_DEPLOY_HEALTH_INTERVAL: '0.5' }).intervalMs).toBe(500);
    expect(resolveMonitorPolicy({}, { LOKI_DEPLOY_HEALTH_INTERVAL: 'soon' }).intervalMs).toBe(
      2_000,
    );
    const chosen = resolveMonitorPolicy({ intervalMs: 100 }, { LOKI_DEPLOY_HEALTH_INTERVAL: '9' });
    expect(chosen.intervalMs).toBe(100);
  });
});
