import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { installNodeDependencies } from '../../node/node-install.ts';
import { lintNodeProject } from '../../node/node-lint.ts';
import { nodeStack } from '../../node/node-stack.ts';
import { nodeStartCommand } from '../../node/node-start.ts';
import { runNodeTests } from '../../node/node-test-run.ts';
import { declaredDependencies, readPackageJson, realScript } from '../../node/package-json.ts';
import { guessHealthPath } from '../../health-path.ts';
import type { Stack, StartCommand } from '../../stack.ts';
import { expressConventions } from './express-conventions.ts';

/**
 * Express APIs in TypeScript or JavaScript: the Node stack's install, build (`npm run build`,
 * `tsc` for TypeScript), vitest or jest tests, ESLint and coverage, with a start command that
 * runs what the build produced.
 */
export const expressStack: Stack = {
  name: 'node',
  profile: 'express',
  conventions: expressConventions,
  detect: async (root) => (await expressEvidence(root)).length > 0,
  evidence: expressEvidence,
  install: installNodeDependencies,
  build: (runner, options) => nodeStack.build(runner, options),
  test: runNodeTests,
  lint: lintNodeProject,
  startCommand: expressStartCommand,
};

/** A package.json that declares express. */
export async function expressEvidence(root: string): Promise<string[]> {
  // An invalid package.json is the Node stack's to report, when its operations read it.
  const packageJson = await readPackageJson(root).catch(() => null);
  if (packageJson === null) return [];
  return 'express' in declaredDependencies(packageJson) ? ['package.json (express)'] : [];
}

/**
 * The project's `start` script when it has one. Without it, a TypeScript server: the compiled
 * dist/server.js when a build script compiles it (the build runs before every start in a
 * deployment), else src/server.ts through tsx when the project declares tsx. A JavaScript
 * server starts as the Node stack starts it.
 */
export async function expressStartCommand(root: string): Promise<StartCommand> {
  const packageJson = await readPackageJson(root);
  const typescriptServer = existsSync(join(root, 'src/server.ts'));
  if (packageJson === null || realScript(packageJson, 'start') !== null || !typescriptServer) {
    return nodeStartCommand(root);
  }
  const healthPath = await guessHealthPath(root, ['src/server.ts', 'src/app.ts']);
  if (realScript(packageJson, 'build') !== null) {
    return { command: 'node dist/server.js', portEnvVar: 'PORT', healthPath };
  }
  if ('tsx' in declaredDependencies(packageJson)) {
    return { command: 'npx --no -- tsx src/server.ts', portEnvVar: 'PORT', healthPath };
  }
  // Node 22.18+ runs TypeScript that uses only erasable syntax as it is.
  return { command: 'node src/server.ts', portEnvVar: 'PORT', healthPath };
}
