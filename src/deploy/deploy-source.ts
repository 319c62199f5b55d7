import { basename } from 'node:path';
import { LokiError } from '../core/index.ts';
import { explainStack } from '../stacks/index.ts';
import type { DeploySource } from './deploy-target.ts';
import { checkProjectName } from './local/deployment-paths.ts';

/**
 * The deployable project in a directory: its stack's start command, named after the directory
 * unless `project` is given. A directory Loki cannot drive is bad input (exit 2).
 */
export async function deploySourceOf(
  root: string,
  options: { project?: string; healthPath?: string; signal?: AbortSignal } = {},
): Promise<DeploySource> {
  const detection = await explainStack(root);
  if (!detection.stack) {
    throw new LokiError({
      code: 'project.unknown-stack',
      category: 'bad-input',
      message: `${root} is not a project Loki can deploy: ${detection.reason}`,
      details: { root },
    });
  }
  const start = await detection.stack.startCommand(root);
  return {
    project: checkProjectName(options.project ?? basename(root)),
    root,
    start: options.healthPath ? { ...start, healthPath: options.healthPath } : start,
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
