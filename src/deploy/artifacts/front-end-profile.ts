import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { parseJson } from '../../core/index.ts';
import type { Stack } from '../../stacks/index.ts';
import { detectDatabases } from './detect-databases.ts';
import type { NodeRuntime, ProductProfile, ProfileOptions } from './product-profile.ts';

/**
 * How a product with a built front end is packaged. `static-site` (React + Vite): the build's
 * dist/ served by an unprivileged nginx. `web-api`: web/ built to web/dist, api/ installed
 * (and built), both in one Node image behind Loki's front server (`deploy/front-server.mts`),
 * which serves the page at `/` and forwards `/api` to the API, as the local target does.
 */
export type FrontEndLayout =
  | { kind: 'static-site'; outputDirectory: string }
  | {
      kind: 'web-api';
      web: { lockfile: boolean };
      api: { lockfile: boolean; buildScript: boolean };
    };

/** Where the front server is written in a web + API product, for the image to copy. */
export const frontServerArtifactPath = 'deploy/front-server.mts';

/** nginx-unprivileged listens on 8080 (no root needed to bind it). */
const staticSitePort = 8080;

const packageJsonSchema = z.looseObject({
  name: z.string().nullish(),
  scripts: z.record(z.string(), z.string()).nullish(),
  engines: z.looseObject({ node: z.string().nullish() }).nullish(),
});
type PackageJson = z.infer<typeof packageJsonSchema>;

async function readManifest(directory: string): Promise<PackageJson> {
  const text = await readFile(join(directory, 'package.json'), 'utf8').catch(() => '{}');
  const parsed = parseJson(text, packageJsonSchema);
  return parsed.success ? parsed.value : {};
}

const realScript = (manifest: PackageJson, name: string): boolean => {
  const script = manifest.scripts?.[name] ?? '';
  return /\S/.test(script) && !/no test specified/.test(script);
};

function nodeRuntime(manifest: PackageJson, lockfile: boolean, buildScript: boolean): NodeRuntime {
  const engineMajor = /\b(1[89]|[2-9]\d)\b/.exec(manifest.engines?.node ?? '')?.[1];
  return {
    stack: 'node',
    version: engineMajor ?? '24',
    lockfile,
    buildScript,
    testScript: realScript(manifest, 'test'),
  };
}

/** The profile of a React + Vite or web + API product; `name` is made image-safe by the caller. */
export async function describeFrontEndProduct(
  root: string,
  stack: Stack,
  options: ProfileOptions,
): Promise<Omit<ProductProfile, 'name'> & { rawName: string }> {
  if (stack.profile === 'react-vite') {
    const manifest = await readManifest(root);
    return {
      rawName: options.name ?? manifest.name ?? basename(root),
      runtime: nodeRuntime(manifest, existsSync(join(root, 'package-lock.json')), true),
      startCommand: 'nginx -g "daemon off;"',
      port: options.port ?? staticSitePort,
      healthPath: '/',
      databases: [],
      notes: ['a static site: built by Vite, served by nginx; it has no server code of its own'],
      frontEnd: { kind: 'static-site', outputDirectory: 'dist' },
    };
  }
  const [web, api] = await Promise.all([
    readManifest(join(root, 'web')),
    readManifest(join(root, 'api')),
  ]);
  // The local start command runs Loki's copy of the front server with Loki's Node; the image
  // runs its own copy with the image's Node, with the same arguments.
  const start = await stack.startCommand(root);
  const serverArguments = start.command.slice(start.command.indexOf(' --static '));
  const webLock = existsSync(join(root, 'web/package-lock.json'));
  const apiLock = existsSync(join(root, 'api/package-lock.json'));
  return {
    rawName: options.name ?? basename(root),
    runtime: nodeRuntime(api, webLock && apiLock, realScript(api, 'build')),
    startCommand: `node front-server.mts${serverArguments}`,
    port: options.port ?? 3000,
    healthPath: start.healthPath,
    databases: await detectDatabases(join(root, 'api'), 'node'),
    notes: [
      `web/ is built to web/dist and served with the API by ${frontServerArtifactPath}: the page at /, the API under /api`,
      ...(realScript(web, 'test') ? [] : ['web/package.json has no real "test" script']),
    ],
    frontEnd: {
      kind: 'web-api',
      web: { lockfile: webLock },
      api: { lockfile: apiLock, buildScript: realScript(api, 'build') },
    },
  };
}
