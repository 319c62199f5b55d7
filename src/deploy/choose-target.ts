import { join } from 'node:path';
import { LokiError } from '../core/index.ts';
import { deployTargetNames, type DeployTarget } from './deploy-target.ts';
import { createDockerTarget } from './docker/docker-target.ts';
import { deploymentsDirectory } from './local/deployment-paths.ts';
import { createLocalTarget, type LocalTargetOptions } from './local/local-target.ts';
import { createVercelTarget } from './vercel/vercel-target.ts';

/**
 * The target called `name`. Docker and Vercel keep their small per-project ledgers beside the
 * local target's releases; each says in its preflight why it cannot run on this machine.
 */
export function chooseTarget(name: string, options: LocalTargetOptions = {}): DeployTarget {
  if (name === 'local') return createLocalTarget(options);
  const root = deploymentsDirectory({ directory: options.deploymentsDir, env: options.env });
  if (name === 'docker') return createDockerTarget({ stateDirectory: join(root, '.docker') });
  if (name === 'vercel')
    return createVercelTarget({ stateDirectory: join(root, '.vercel'), env: options.env });
  throw new LokiError({
    code: 'deploy.unknown-target',
    category: 'bad-input',
    message: `unknown deploy target "${name}"; expected one of ${deployTargetNames.join(', ')}`,
    details: { target: name },
  });
}
