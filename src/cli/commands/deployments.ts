import {
  createLocalTarget,
  deploymentHealthText,
  knownProject,
  listLocalProjects,
  readReleaseLog,
  stopLocalProject,
} from '../../deploy/index.ts';
import { exitCodes } from '../exit-codes.ts';
import { formatTable } from '../format-table.ts';

/** Options every command on local deployments takes. */
export interface DeploymentsOptions {
  deploymentsDir?: string;
  json?: boolean;
}

const localTarget = (options: DeploymentsOptions) =>
  createLocalTarget({
    deploymentsDir: options.deploymentsDir,
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });

/** How many of a project's latest health events `loki deployments` repeats under the table. */
const recentHealthEvents = 5;

/**
 * `loki deployments`: every locally deployed project, its live release, how its monitor sees it
 * (healthy, unhealthy since T with the last error, restarting, failed), its URL, and a project's
 * latest health events when something went wrong among them.
 */
export async function deploymentsCommand(options: DeploymentsOptions): Promise<number> {
  const root = localTarget(options).deploymentsDir;
  const projects = await listLocalProjects(root);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(projects, null, 2)}\n`);
  } else if (projects.length === 0) {
    process.stdout.write(
      `Nothing is deployed in ${root}. Deploy a project with: loki deploy <dir>\n`,
    );
  } else {
    const rows = projects.map((status) => [
      status.project,
      status.live === null ? 'stopped' : `v${status.live}`,
      deploymentHealthText(status),
      status.previous === null ? '' : `v${status.previous}`,
      status.releases
        .map((release) => `v${release.version} ${release.state ?? ''}`.trim())
        .join(', '),
      status.url ?? '',
    ]);
    const table = formatTable(
      ['PROJECT', 'LIVE', 'HEALTH', 'ROLLBACK TO', 'RELEASES', 'URL'],
      rows,
    );
    const incidents = projects.flatMap((status) => {
      const recent = (status.healthEvents ?? []).slice(-recentHealthEvents);
      if (recent.every((event) => event.kind === 'healthy')) return [];
      return [`\n${status.project}:`, ...recent.map((event) => `  ${event.at}  ${event.message}`)];
    });
    process.stdout.write(`${[table, ...incidents].join('\n')}\n`);
  }
  return exitCodes.ok;
}

/** `loki rollback <project>`: the previous release serves the stable URL again. */
export async function rollbackCommand(
  project: string,
  options: DeploymentsOptions,
): Promise<number> {
  const target = localTarget(options);
  await knownProject(target.deploymentsDir, project);
  const status = await target.rollback(project);
  if (options.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  else
    process.stdout.write(`${project} v${String(status.live)} is live at ${String(status.url)}\n`);
  return exitCodes.ok;
}

/** `loki logs <project>`: what a release's process wrote (default: the live release). */
export async function logsCommand(
  project: string,
  options: DeploymentsOptions & { release?: number },
): Promise<number> {
  const log = await readReleaseLog(localTarget(options).deploymentsDir, project, options.release);
  if (options.json) process.stdout.write(`${JSON.stringify(log, null, 2)}\n`);
  else {
    process.stderr.write(`${project} v${log.version}: ${log.path}\n`);
    process.stdout.write(log.text);
  }
  return exitCodes.ok;
}

/** `loki stop <project>`: stops its proxy and every release process. */
export async function stopCommand(project: string, options: DeploymentsOptions): Promise<number> {
  const stopped = await stopLocalProject(localTarget(options).deploymentsDir, project);
  const said = stopped
    ? `stopped ${project}: nothing of it runs any more`
    : `${project} was not running`;
  if (options.json) process.stdout.write(`${JSON.stringify({ project, stopped })}\n`);
  else process.stdout.write(`${said}\n`);
  return exitCodes.ok;
}
