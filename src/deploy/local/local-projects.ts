import { readdir, readFile } from 'node:fs/promises';
import { LokiError } from '../../core/index.ts';
import type { DeploymentStatus } from '../deploy-target.ts';
import { projectPaths, type ProjectPaths } from './deployment-paths.ts';
import { localStatus } from './local-status.ts';
import { listReleaseRecords } from './release-record.ts';
import { stopSupervisor } from './supervisor-client.ts';

/** Every project deployed under `root`, by name. */
export async function listLocalProjects(root: string): Promise<DeploymentStatus[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const statuses = await Promise.all(names.map((name) => localStatus(projectPaths(root, name))));
  return statuses
    .filter((status) => status.releases.length > 0)
    .map(({ supervisor: _supervisor, ...status }) => status);
}

/** A project's paths, or bad input (exit 2) naming the projects there are. */
export async function knownProject(root: string, project: string): Promise<ProjectPaths> {
  const paths = projectPaths(root, project);
  if ((await listReleaseRecords(paths)).length > 0) return paths;
  const known = (await listLocalProjects(root)).map((status) => status.project);
  throw new LokiError({
    code: 'deploy.unknown-project',
    category: 'bad-input',
    message: `no deployment of "${project}" in ${root}; ${known.length > 0 ? `deployed projects: ${known.join(', ')}` : 'nothing is deployed there yet'}`,
    details: { project, root },
  });
}

/**
 * The log of one release (default: the live one, else the newest): what its process wrote
 * to stdout and stderr.
 */
export async function readReleaseLog(
  root: string,
  project: string,
  version?: number,
): Promise<{ version: number; path: string; text: string }> {
  const paths = await knownProject(root, project);
  const status = await localStatus(paths);
  const chosen = version ?? status.live ?? status.releases.at(-1)?.version;
  if (chosen === undefined || !status.releases.some((release) => release.version === chosen)) {
    throw new LokiError({
      code: 'deploy.unknown-release',
      category: 'bad-input',
      message: `${project} has no release v${String(chosen)}; it has ${status.releases.map((release) => `v${release.version}`).join(', ')}`,
      details: { project, version: chosen ?? null },
    });
  }
  const path = paths.releaseLog(chosen);
  return { version: chosen, path, text: await readFile(path, 'utf8').catch(() => '') };
}

/** Stops a project's supervisor, its proxy and every release; false when nothing ran. */
export async function stopLocalProject(root: string, project: string): Promise<boolean> {
  return stopSupervisor(await knownProject(root, project));
}
