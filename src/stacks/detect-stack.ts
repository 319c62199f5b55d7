import { nodeStack } from './node/node-stack.ts';
import { declaredDependencies, readPackageJson } from './node/package-json.ts';
import { profileStacks } from './profiles/index.ts';
import { pythonStack } from './python/python-stack.ts';
import type { Stack } from './stack.ts';

/** Every stack Loki can drive: the framework profiles first, then the languages. */
export const stacks: readonly Stack[] = [...profileStacks, nodeStack, pythonStack];

/** Which stack a project is, with the reason in words (also when it is none). */
export type StackDetection =
  | { stack: Stack; reason: string; evidence: string[] }
  | { stack: null; reason: string; evidence: [] };

/** The project's stack, or null when Loki does not know how to drive it. */
export async function detectStack(root: string): Promise<Stack | null> {
  return (await explainStack(root)).stack;
}

/**
 * The project's stack and why. A framework profile wins when its evidence is there. When both
 * languages match (a Python service with a package.json for some tooling), Node wins only if
 * its package.json has scripts or dependencies: a bare package.json beside pyproject.toml does
 * not make a Node project.
 */
export async function explainStack(root: string): Promise<StackDetection> {
  for (const profile of profileStacks) {
    const evidence = await profile.evidence(root);
    if (evidence.length > 0) {
      return {
        stack: profile,
        reason: `${profile.conventions.title}: found ${evidence.join(', ')}`,
        evidence,
      };
    }
  }
  const [nodeEvidence, pythonEvidence] = await Promise.all([
    nodeStack.evidence(root),
    pythonStack.evidence(root),
  ]);
  if (
    nodeEvidence.length > 0 &&
    (pythonEvidence.length === 0 || (await packageJsonDoesSomething(root)))
  ) {
    const also =
      pythonEvidence.length > 0 ? `; Python files too (${pythonEvidence.join(', ')})` : '';
    return {
      stack: nodeStack,
      reason: `Node: found ${nodeEvidence.join(', ')}${also}`,
      evidence: nodeEvidence,
    };
  }
  if (pythonEvidence.length > 0) {
    return {
      stack: pythonStack,
      reason: `Python: found ${pythonEvidence.join(', ')}`,
      evidence: pythonEvidence,
    };
  }
  return {
    stack: null,
    reason: `no known stack in ${root}: no package.json (Node), nor pyproject.toml, setup.py, requirements.txt or test_*.py (Python)`,
    evidence: [],
  };
}

async function packageJsonDoesSomething(root: string): Promise<boolean> {
  const packageJson = await readPackageJson(root);
  if (packageJson === null) return false;
  return (
    Object.keys(packageJson.scripts ?? {}).length > 0 ||
    Object.keys(declaredDependencies(packageJson)).length > 0
  );
}
