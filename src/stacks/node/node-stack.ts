import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandRunner } from '../../workspace/command.ts';
import { commandStep, succeeded } from '../command-step.ts';
import { defaultTimeouts } from '../defaults.ts';
import type { BuildReport, OperationOptions, Stack } from '../stack.ts';
import { installNodeDependencies } from './node-install.ts';
import { lintNodeProject } from './node-lint.ts';
import { nodeStartCommand } from './node-start.ts';
import { runNodeTests } from './node-test-run.ts';
import { readPackageJson, realScript } from './package-json.ts';

/** Node projects: npm; vitest, jest or node:test; ESLint; coverage through v8. */
export const nodeStack: Stack = {
  name: 'node',
  profile: null,
  conventions: {
    title: 'Node.js project (TypeScript or JavaScript)',
    layout:
      'Sources in src/, tests beside them as *.test.ts (or *.test.js); ES modules; dependencies declared in package.json with a `test` script.',
    testCommand: 'npm test',
    singleTestCommand: 'npx vitest run {file}',
    keywords: ['node', 'node.js', 'nodejs', 'typescript', 'javascript', 'npm'],
  },
  detect: async (root) => (await nodeEvidence(root)).length > 0,
  evidence: nodeEvidence,
  install: installNodeDependencies,
  build: buildNodeProject,
  test: runNodeTests,
  lint: lintNodeProject,
  startCommand: nodeStartCommand,
};

async function nodeEvidence(root: string): Promise<string[]> {
  return Promise.resolve(existsSync(join(root, 'package.json')) ? ['package.json'] : []);
}

/** `npm run build` when package.json has a build script; nothing otherwise. */
async function buildNodeProject(
  runner: CommandRunner,
  options: OperationOptions = {},
): Promise<BuildReport> {
  const packageJson = await readPackageJson(runner.root);
  if (packageJson === null || realScript(packageJson, 'build') === null) {
    return { ran: false, ok: true, reason: 'package.json has no build script', step: null };
  }
  const result = await runner.run({
    command: 'npm run build',
    timeoutMs: options.timeoutMs ?? defaultTimeouts.buildMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { ran: true, ok: succeeded(result), reason: null, step: commandStep(result) };
}
