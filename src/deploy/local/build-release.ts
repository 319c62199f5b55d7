import { mkdir, readdir } from 'node:fs/promises';
import { LokiError } from '../../core/index.ts';
import { detectStack, type InstallReport, type BuildReport } from '../../stacks/index.ts';
import { createCommandRunner, type SandboxMode } from '../../workspace/index.ts';
import type { DeploySource } from '../deploy-target.ts';
import { copySource } from './copy-source.ts';
import type { ProjectPaths } from './deployment-paths.ts';
import { writeReleaseRecord, type ReleaseRecord } from './release-record.ts';

export interface BuildOptions {
  sandbox?: SandboxMode;
  /** What the build is doing, one line at a time, for people. */
  onProgress?: (line: string) => void;
  now?: () => number;
}

/**
 * Builds the next release of a project: a new directory `vN` holding a copy of the merged main,
 * its dependencies installed and its build run through the project's stack, then its record
 * written. A failed step throws `deploy.build-failed` naming the command and its last output;
 * the directory stays for inspection and its version is never reused.
 */
export async function buildRelease(
  paths: ProjectPaths,
  source: DeploySource,
  options: BuildOptions = {},
): Promise<ReleaseRecord> {
  const version = await claimNextVersion(paths);
  const location = paths.releaseDir(version);
  const progress = options.onProgress ?? (() => {});
  const commit = await copySource(source.root, location);
  progress(
    `building ${paths.project} v${version} in ${location}${commit ? ` from commit ${commit.slice(0, 12)}` : ''}`,
  );
  const stack = await detectStack(location);
  if (stack === null) {
    throw failure(version, location, `no known stack in the copied product (${location})`, '');
  }
  const runner = await createCommandRunner({ root: location, sandbox: options.sandbox ?? 'auto' });
  const operation = { ...(source.signal ? { signal: source.signal } : {}) };
  const installed: InstallReport = await stack.install(runner, operation);
  if (!installed.ok) throw failure(version, location, installed.summary, installed.output);
  if (installed.steps.length > 0) progress(installed.summary);
  const built: BuildReport = await stack.build(runner, operation);
  if (!built.ok) {
    throw failure(
      version,
      location,
      `${built.step?.command ?? 'the build'} failed`,
      built.step?.output ?? '',
    );
  }
  if (built.ran) progress(`built with ${built.step?.command ?? stack.name}`);
  const record: ReleaseRecord = {
    project: paths.project,
    version,
    location,
    builtAt: new Date(options.now?.() ?? Date.now()).toISOString(),
    commit,
    source: source.root,
    start: source.start,
  };
  await writeReleaseRecord(paths, record);
  return record;
}

/** The next free `vN`, made atomically: two deployments at once never share a version. */
async function claimNextVersion(paths: ProjectPaths): Promise<number> {
  await mkdir(paths.dir, { recursive: true });
  const taken = (await readdir(paths.dir))
    .map((name) => /^v(\d+)(?:\.json)?$/.exec(name)?.[1])
    .filter((version): version is string => version !== undefined)
    .map(Number);
  let version = Math.max(0, ...taken) + 1;
  for (;;) {
    try {
      await mkdir(paths.releaseDir(version));
      return version;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      version += 1;
    }
  }
}

function failure(version: number, location: string, reason: string, output: string): LokiError {
  const tail = output.trim().split('\n').slice(-15).join('\n');
  return new LokiError({
    code: 'deploy.build-failed',
    category: 'work-failed',
    message: `building v${version} failed: ${reason}${tail ? `\n${tail}` : ''}\n(the release directory ${location} is kept for inspection)`,
    details: { version, location, reason },
  });
}
