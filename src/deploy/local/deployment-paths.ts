import { createHash } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LokiError } from '../../core/index.ts';

/** Where the local target keeps its deployments, and how a caller may move it. */
export interface DeploymentsDirectoryOptions {
  /** Wins over the environment. */
  directory?: string;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
}

/** `directory`, else `LOKI_DEPLOYMENTS_DIR`, else `~/.loki/deployments`. */
export function deploymentsDirectory(options: DeploymentsDirectoryOptions = {}): string {
  const env = options.env ?? process.env;
  const chosen = options.directory ?? env['LOKI_DEPLOYMENTS_DIR'];
  if (chosen !== undefined && chosen !== '') return resolve(chosen);
  return join(options.homeDir ?? homedir(), '.loki', 'deployments');
}

const projectName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A project name becomes a directory name: letters, digits, dot, dash, underscore only. */
export function checkProjectName(project: string): string {
  if (projectName.test(project) && !project.includes('..')) return project;
  throw new LokiError({
    code: 'deploy.bad-project-name',
    category: 'bad-input',
    message: `"${project}" cannot name a deployment: use letters, digits, ".", "-" and "_" (at most 100), starting with a letter or digit`,
    details: { project },
  });
}

/** Unix socket paths are limited to about 100 bytes; a longer one moves to the temp folder. */
const maxSocketPath = 100;

/** Every file of one project's local deployments. */
export interface ProjectPaths {
  project: string;
  dir: string;
  /** The supervisor's state: proxy port, live release, processes. Written by the supervisor only. */
  state: string;
  /** Held by the running supervisor; a second one refuses to start. */
  lock: string;
  socket: string;
  supervisorLog: string;
  /** `KEY=VALUE` lines given to every release: generated secrets and the person's own settings. */
  environment: string;
  releaseDir(version: number): string;
  /** What was built into `vN`, written once the build succeeded. */
  releaseRecord(version: number): string;
  releaseLog(version: number): string;
}

export function projectPaths(root: string, project: string): ProjectPaths {
  const dir = join(root, checkProjectName(project));
  const socketInDir = join(dir, 'control.sock');
  const socket =
    socketInDir.length <= maxSocketPath
      ? socketInDir
      : join(
          tmpdir(),
          `loki-deploy-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.sock`,
        );
  return {
    project,
    dir,
    state: join(dir, 'supervisor.json'),
    lock: join(dir, 'supervisor.lock'),
    socket,
    supervisorLog: join(dir, 'logs', 'supervisor.log'),
    environment: join(dir, 'environment.env'),
    releaseDir: (version) => join(dir, `v${version}`),
    releaseRecord: (version) => join(dir, `v${version}.json`),
    releaseLog: (version) => join(dir, 'logs', `v${version}.log`),
  };
}
