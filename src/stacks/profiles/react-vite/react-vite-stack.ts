import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandRunner } from '../../../workspace/command.ts';
import { commandStep, succeeded } from '../../command-step.ts';
import { defaultTimeouts } from '../../defaults.ts';
import { installNodeDependencies } from '../../node/node-install.ts';
import { lintNodeProject } from '../../node/node-lint.ts';
import { runNodeTests } from '../../node/node-test-run.ts';
import { declaredDependencies, readPackageJson, realScript } from '../../node/package-json.ts';
import type { BuildReport, OperationOptions, Stack, StartCommand } from '../../stack.ts';
import { frontServerCommand } from './front-server-path.ts';
import { reactViteConventions } from './react-vite-conventions.ts';

/** Where `vite build` writes the static site (Vite's default `build.outDir`). */
export const viteOutputDirectory = 'dist';

/**
 * React front ends built with Vite: npm install, vitest with Testing Library, ESLint, and a
 * build to static files in dist/ that Loki's front server serves: a release needs neither Vite
 * (`vite preview` is a development aid and needs the dev dependencies) nor a server of its own.
 */
export const reactViteStack: Stack = {
  name: 'node',
  profile: 'react-vite',
  conventions: reactViteConventions,
  detect: async (root) => (await reactViteEvidence(root)).length > 0,
  evidence: reactViteEvidence,
  install: installNodeDependencies,
  build: buildViteProject,
  test: runNodeTests,
  lint: lintNodeProject,
  startCommand: reactViteStartCommand,
};

/** A package.json that declares both react and vite. */
export async function reactViteEvidence(root: string): Promise<string[]> {
  // An invalid package.json is the Node stack's to report, when its operations read it.
  const packageJson = await readPackageJson(root).catch(() => null);
  if (packageJson === null) return [];
  const dependencies = declaredDependencies(packageJson);
  return 'react' in dependencies && 'vite' in dependencies ? ['package.json (react, vite)'] : [];
}

/**
 * `npm run build` when the project has a build script (often `tsc -b && vite build`), else
 * `vite build`; either way the build must leave dist/index.html, or there is nothing to serve.
 */
export async function buildViteProject(
  runner: CommandRunner,
  options: OperationOptions = {},
): Promise<BuildReport> {
  const packageJson = await readPackageJson(runner.root);
  const command =
    packageJson !== null && realScript(packageJson, 'build') !== null
      ? 'npm run build'
      : 'npx --no -- vite build';
  const result = await runner.run({
    command,
    timeoutMs: options.timeoutMs ?? defaultTimeouts.buildMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const step = commandStep(result);
  if (succeeded(result) && !existsSync(join(runner.root, viteOutputDirectory, 'index.html'))) {
    const missing = `${command} succeeded but wrote no ${viteOutputDirectory}/index.html: keep Vite's build.outDir at ${viteOutputDirectory} and index.html at the project root`;
    return {
      ran: true,
      ok: false,
      reason: missing,
      step: { ...step, output: `${step.output}\n${missing}` },
    };
  }
  return { ran: true, ok: succeeded(result), reason: null, step };
}

/** Loki's front server on the built dist/, with the page at `/` as the health path. */
export function reactViteStartCommand(): Promise<StartCommand> {
  return Promise.resolve({
    command: frontServerCommand(viteOutputDirectory),
    portEnvVar: 'PORT',
    healthPath: '/',
  });
}
