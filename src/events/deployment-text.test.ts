import { describe, expect, it } from 'vitest';
import { deploymentHealthText, deploymentText } from './progress-text.ts';
import { statusLine } from './relay/status-line.ts';

const event = {
  type: 'deployment-finished' as const,
  runId: 'run_1',
  at: 0,
  target: 'local',
  project: 'todo-api',
  version: 2,
  url: 'http://127.0.0.1:4100',
};

describe('the deployment line', () => {
  it('names the live URL of a deployment that went live', () => {
    expect(deploymentText({ ...event, healthy: true, reason: null })).toBe(
      '✔ deployed todo-api v2 (local) at http://127.0.0.1:4100',
    );
  });

  it('says why a release was rolled back and what keeps serving', () => {
    expect(deploymentText({ ...event, healthy: false, reason: 'GET /health answered 503' })).toBe(
      '✖ deployment of todo-api v2 (local) failed: GET /health answered 503; http://127.0.0.1:4100 keeps serving the previous release',
    );
  });
});

describe('the line of a change the monitor saw after promotion', () => {
  const change = {
    type: 'deployment-health-changed' as const,
    runId: 'run_1',
    at: 0,
    target: 'local',
    project: 'todo-api',
    version: 2,
    seenAt: '2025-05-01T10:00:00.000Z',
  };

  it('marks a process that exited as a warning and a release given up on as a failure', () => {
    const exited = {
      ...change,
      change: 'exited' as const,
      message: 'v2 exited with code 1; restart 1 of 3 in 1 s',
    };
    expect(deploymentHealthText(exited)).toBe(
      '⚠ todo-api (local): v2 exited with code 1; restart 1 of 3 in 1 s',
    );
    const failed = {
      ...change,
      change: 'failed' as const,
      message: 'v2 exited with code 1 after 3 restarts: given up',
    };
    expect(deploymentHealthText(failed)).toMatch(/^✖ todo-api \(local\): v2 exited/);
  });

  it('is news for a chat only when something went wrong', () => {
    const healthy = {
      ...change,
      change: 'healthy' as const,
      message: 'v2 answered its health check after promotion',
    };
    expect(statusLine(healthy)).toBeUndefined();
    const unhealthy = {
      ...change,
      change: 'unhealthy' as const,
      message: 'v2 failed 2 health checks in a row: GET /health answered 503',
    };
    expect(statusLine(unhealthy)).toBe(
      '[run_1] deployment of todo-api: v2 failed 2 health checks in a row: GET /health answered 503',
    );
  });
});
