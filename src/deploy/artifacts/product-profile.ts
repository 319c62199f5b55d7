import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { LokiError, parseJson } from '../../core/index.ts';
import { explainStack } from '../../stacks/index.ts';
import { detectDatabases } from './detect-databases.ts';
import { describeFrontEndProduct, type FrontEndLayout } from './front-end-profile.ts';
import type { DatabaseKind } from './database-services.ts';
import { pythonContainer } from './python-container.ts';

/** What a Node product's artifacts depend on. */
export interface NodeRuntime {
  stack: 'node';
  /** The Node major version of the base image and CI, from `engines.node` when it names one. */
  version: string;
  /** package-lock.json exists: installs use `npm ci`. */
  lockfile: boolean;
  /** A `build` script exists: the image builds in a stage of its own. */
  buildScript: boolean;
  /** A real `test` script exists (not npm init's placeholder). */
  testScript: boolean;
}

/** What a Python product's artifacts depend on. */
export interface PythonRuntime {
  stack: 'python';
  version: string;
  /** requirements.txt exists: installed from it. */
  requirementsFile: boolean;
  /** pyproject.toml or setup.py exists: the project installs as a package. */
  installable: boolean;
  /** Packages the start command needs that no dependency file declares (uvicorn, gunicorn…). */
  impliedPackages: string[];
  /** The framework profile (fastapi, django), or null for a Python project in general. */
  profile: 'fastapi' | 'django' | null;
  /** How CI runs the tests: `python -m pytest`, or `python manage.py test --noinput` for Django. */
  testCommand: string;
}

/** Everything the artifact templates need to know about one product. */
export interface ProductProfile {
  /** Lower-case letters, digits and dashes: usable as an image, service and k8s name. */
  name: string;
  runtime: NodeRuntime | PythonRuntime;
  /** The command the container runs, from the project root; it reads `$PORT`. */
  startCommand: string;
  port: number;
  healthPath: string;
  databases: DatabaseKind[];
  /** One sentence each: what was assumed, for people reading the report. */
  notes: string[];
  /** Set for a product with a built front end (React + Vite, web + API): packaged apart. */
  frontEnd?: FrontEndLayout;
}

/** What may be said about a product instead of read from it. */
export interface ProfileOptions {
  name?: string;
  /** Default 3000 for Node, 8000 for Python. */
  port?: number;
}

const packageJsonSchema = z.looseObject({
  name: z.string().nullish(),
  scripts: z.record(z.string(), z.string()).nullish(),
  engines: z.looseObject({ node: z.string().nullish() }).nullish(),
});

const defaultNodeVersion = '24';
const defaultPythonVersion = '3.12';

/**
 * Reads a product's stack, start command, health path and databases. Throws a LokiError when
 * the stack is unknown or the product has no way to start: there is nothing to deploy then.
 */
export async function describeProduct(
  root: string,
  options: ProfileOptions = {},
): Promise<ProductProfile> {
  const detection = await explainStack(root);
  if (detection.stack === null) {
    throw new LokiError({
      code: 'deploy.unknown-stack',
      category: 'work-failed',
      message: `cannot generate deployment files: ${detection.reason}`,
      details: { root },
    });
  }
  if (detection.stack.profile === 'react-vite' || detection.stack.profile === 'web-api') {
    const { rawName, ...described } = await describeFrontEndProduct(root, detection.stack, options);
    return { name: imageName(rawName), ...described };
  }
  const start = await detection.stack.startCommand(root);
  const databases = await detectDatabases(root, detection.stack.name);
  const notes: string[] = [];
  if (detection.stack.name === 'node') {
    const packageText = await readFile(join(root, 'package.json'), 'utf8');
    const parsed = parseJson(packageText, packageJsonSchema);
    const packageJson = parsed.success ? parsed.value : {};
    const testScript = packageJson.scripts?.['test'] ?? '';
    const engineMajor = /\b(1[89]|[2-9]\d)\b/.exec(packageJson.engines?.node ?? '')?.[1];
    if (!/\S/.test(testScript) || /no test specified/.test(testScript)) {
      notes.push(
        'package.json has no real "test" script: the CI workflow runs `npm test` anyway, which fails until one is added',
      );
    }
    return {
      name: imageName(options.name ?? packageJson.name ?? basename(root)),
      runtime: {
        stack: 'node',
        version: engineMajor ?? defaultNodeVersion,
        lockfile: existsSync(join(root, 'package-lock.json')),
        buildScript: Boolean(packageJson.scripts?.['build']),
        testScript: /\S/.test(testScript) && !/no test specified/.test(testScript),
      },
      startCommand: start.command,
      port: options.port ?? 3000,
      healthPath: start.healthPath,
      databases,
      notes,
    };
  }
  const requirementsFile = existsSync(join(root, 'requirements.txt'));
  const installable = await isInstallablePackage(root);
  const profile =
    detection.stack.profile === 'django' || detection.stack.profile === 'fastapi'
      ? detection.stack.profile
      : null;
  const container = await pythonContainer(root, profile, start, requirementsFile || installable);
  const impliedPackages = container.impliedPackages;
  if (impliedPackages.length > 0) {
    notes.push(
      requirementsFile || installable
        ? `the image also installs ${impliedPackages.join(', ')}, which the start command needs and the dependency files do not name`
        : `no requirements.txt or pyproject.toml: the image installs ${impliedPackages.join(', ')}, which the start command needs`,
    );
  }
  return {
    name: imageName(options.name ?? basename(root)),
    runtime: {
      stack: 'python',
      version: defaultPythonVersion,
      requirementsFile,
      installable,
      impliedPackages,
      profile,
      testCommand: container.testCommand,
    },
    startCommand: container.startCommand,
    port: options.port ?? 8000,
    healthPath: start.healthPath,
    databases,
    notes,
  };
}

/** setup.py, or a pyproject.toml that declares a package (not one that only configures tools). */
async function isInstallablePackage(root: string): Promise<boolean> {
  if (existsSync(join(root, 'setup.py'))) return true;
  const pyproject = await readFile(join(root, 'pyproject.toml'), 'utf8').catch(() => '');
  return /^\[(?:project|tool\.poetry|build-system)\]/m.test(pyproject);
}

/** `@acme/Todo API` → `acme-todo-api`: image, compose service and k8s names share one form. */
export function imageName(raw: string): string {
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return /^[a-z]/.test(name) ? name : `app-${name}`.replace(/-$/, '');
}
