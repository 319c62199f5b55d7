import type { DeploymentStatus } from '../deploy-target.ts';
import type { ProjectPaths } from './deployment-paths.ts';
import { listReleaseRecords, releaseOf } from './release-record.ts';
import { supervisorStatus } from './supervisor-client.ts';
import { readSupervisorState, type SupervisorState } from './supervisor-state.ts';

/**
 * A project's local deployment as it is now: from the supervisor when it runs, else from the
 * state it left (nothing is serving then). `previous` is the newest release older than the live
 * one that did not fail: what `rollback` goes back to.
 */
export async function localStatus(
  paths: ProjectPaths,
): Promise<DeploymentStatus & { supervisor: SupervisorState | null }> {
  const running = await supervisorStatus(paths);
  const state = running ?? (await readSupervisorState(paths.state));
  const records = await listReleaseRecords(paths);
  const processOf = (version: number) =>
    state?.processes.find((process) => process.version === version);
  const live = running?.live ?? null;
  const previous =
    live === null
      ? null
      : (records
          .map((record) => record.version)
          .filter((version) => version < live && processOf(version)?.state !== 'failed')
          .at(-1) ?? null);
  return {
    project: paths.project,
    target: 'local',
    url: live !== null && running?.proxyPort ? `http://127.0.0.1:${running.proxyPort}` : null,
    live,
    previous,
    releases: records.map((record) => ({
      ...releaseOf(record),
      state: running
        ? (processOf(record.version)?.state ?? 'built')
        : stoppedState(processOf(record.version)?.state),
      reason: processOf(record.version)?.reason ?? null,
      health: processOf(record.version)?.health ?? null,
    })),
    healthEvents: state?.healthEvents ?? [],
    healthIntervalMs: running?.healthIntervalMs ?? null,
    supervisor: running,
  };
}

/** With no supervisor running nothing is live: a release is failed, or stopped. */
function stoppedState(state: string | undefined): string {
  if (state === undefined) return 'built';
  return state === 'failed' ? 'failed' : 'stopped';
}
