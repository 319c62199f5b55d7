import { describe, expect, it } from 'vitest';
import { deploymentText } from './progress-text.ts';

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
