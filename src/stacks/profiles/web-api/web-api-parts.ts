import { join, resolve } from 'node:path';
import type { CommandRunner } from '../../../workspace/command.ts';
import { nodeStack } from '../../node/node-stack.ts';
import { pythonStack } from '../../python/python-stack.ts';
import type { Stack } from '../../stack.ts';
import { expressStack } from '../express/express-stack.ts';
import { reactViteStack } from '../react-vite/react-vite-stack.ts';

/** The two folders of a web + API product, relative to its root. */
export const webFolder = 'web';
export const apiFolder = 'api';

/** One part of the product: its folder and the stack that drives it. */
export interface ProductPart {
  folder: string;
  stack: Stack;
}

const webCandidates: readonly Stack[] = [reactViteStack, nodeStack];
const apiCandidates: readonly Stack[] = [expressStack, nodeStack, pythonStack];

async function firstMatching(
  root: string,
  folder: string,
  candidates: readonly Stack[],
): Promise<{ part: ProductPart; evidence: string[] } | null> {
  for (const stack of candidates) {
    const evidence = await stack.evidence(join(root, folder));
    if (evidence.length > 0) return { part: { folder, stack }, evidence };
  }
  return null;
}

/**
 * The front end in web/ (a Node project, React + Vite when it says so) and the API in api/ (a
 * Node or Python project), with the files that showed each; null when either is missing.
 */
export async function productParts(
  root: string,
): Promise<{ web: ProductPart; api: ProductPart; evidence: string[] } | null> {
  const [web, api] = await Promise.all([
    firstMatching(root, webFolder, webCandidates),
    firstMatching(root, apiFolder, apiCandidates),
  ]);
  if (web === null || api === null) return null;
  const evidence = [
    ...web.evidence.map((file) => `${webFolder}/${file}`),
    ...api.evidence.map((file) => `${apiFolder}/${file}`),
  ];
  return { web: web.part, api: api.part, evidence };
}

/** A runner for one part: the same sandbox and limits, rooted and run in the part's folder. */
export function partRunner(runner: CommandRunner, folder: string): CommandRunner {
  const root = join(runner.root, folder);
  return {
    root,
    sandbox: runner.sandbox,
    run: (spec) =>
      runner.run({ ...spec, cwd: spec.cwd === undefined ? root : resolve(root, spec.cwd) }),
  };
}
