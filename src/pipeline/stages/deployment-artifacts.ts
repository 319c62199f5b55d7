import { LokiError } from '../../core/index.ts';
import { generateArtifacts } from '../../deploy/index.ts';
import { git } from '../../workspace/index.ts';
import type { RunContext } from '../run-context.ts';

/**
 * Writes the product's deployment artifacts (Dockerfile, .dockerignore, compose file,
 * Kubernetes manifests, CI workflow) into its main and commits them, keeping any the agents
 * wrote. Every artifact is validated; a problem is a warning, since the local deployment does
 * not use them. Returns the paths written.
 */
export async function commitDeploymentArtifacts(
  context: RunContext,
  project: string,
): Promise<string[]> {
  let report;
  try {
    report = await generateArtifacts(context.outDir, { name: project });
  } catch (error) {
    if (!LokiError.isInstance(error)) throw error;
    context.events.emit({
      type: 'warning-raised',
      message: `no deployment artifacts were generated: ${error.message}`,
    });
    return [];
  }
  const problems = report.files.flatMap((file) =>
    file.validation.problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${file.path}${problem.line ? `:${problem.line}` : ''} ${problem.message}`),
  );
  if (problems.length > 0)
    context.events.emit({
      type: 'warning-raised',
      message: `deployment artifacts failed validation: ${problems.slice(0, 5).join('; ')}`,
    });
  const written = report.files
    .filter((file) => file.action === 'written' || file.action === 'overwritten')
    .map((file) => file.path);
  if (written.length > 0) {
    await git(context.outDir, ['add', '--', ...written]);
    await git(context.outDir, [
      'commit',
      '--quiet',
      '--no-verify',
      '-m',
      `Deployment artifacts: ${written.join(', ')}`,
    ]);
  }
  return written;
}
