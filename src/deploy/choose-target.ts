import { LokiError } from '../core/index.ts';
import { deployTargetNames, type DeployTarget } from './deploy-target.ts';
import { createLocalTarget, type LocalTargetOptions } from './local/local-target.ts';

/**
 * The target called `name`. Only the local target is part of this build; docker and vercel are
 * named so a person learns they are not available here, rather than that they do not exist.
 */
export function chooseTarget(name: string, options: LocalTargetOptions = {}): DeployTarget {
  if (name === 'local') return createLocalTarget(options);
  const known = (deployTargetNames as readonly string[]).includes(name);
  throw new LokiError({
    code: known ? 'deploy.target-not-built' : 'deploy.unknown-target',
    category: 'bad-input',
    message: known
      ? `target ${name} is not available in this build; use --target local`
      : `unknown deploy target "${name}"; expected one of ${deployTargetNames.join(', ')}`,
    details: { target: name },
  });
}
