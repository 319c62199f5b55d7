import { LokiError } from '../../core/index.ts';
import type { DeployTargetName, Preflight } from '../deploy-target.ts';

/** Throws when preflight found the target cannot run here, naming what to install or set. */
export function refuseUnlessReady(target: DeployTargetName, preflight: Preflight): void {
  if (preflight.ok) return;
  throw new LokiError({
    code: 'deploy.unavailable',
    category: 'service-failed',
    message: `the ${target} target cannot run on this machine: ${preflight.problems.join(' ')}`,
    details: { target, problems: preflight.problems },
  });
}

/** The last lines of a program's output, for a message. */
export function outputTail(result: { stdout: string; stderr: string }, lines = 12): string {
  const text = `${result.stderr}\n${result.stdout}`.trim();
  return text.split('\n').slice(-lines).join('\n');
}
