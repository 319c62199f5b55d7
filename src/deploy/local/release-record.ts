import { readdir, readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { LokiError, parseJson } from '../../core/index.ts';
import type { Release } from '../deploy-target.ts';
import type { ProjectPaths } from './deployment-paths.ts';

/** What was built into a release directory, and how to start it. Written once, after the build. */
export const releaseRecordSchema = z.object({
  project: z.string(),
  version: z.int().positive(),
  location: z.string(),
  builtAt: z.string(),
  /** The commit of the merged main that was copied, or null for a directory outside git. */
  commit: z.string().nullable(),
  source: z.string(),
  start: z.object({ command: z.string(), portEnvVar: z.string(), healthPath: z.string() }),
});
export type ReleaseRecord = z.infer<typeof releaseRecordSchema>;

export async function writeReleaseRecord(
  paths: ProjectPaths,
  record: ReleaseRecord,
): Promise<void> {
  await writeFile(paths.releaseRecord(record.version), `${JSON.stringify(record, null, 2)}\n`);
}

export async function readReleaseRecord(
  paths: ProjectPaths,
  version: number,
): Promise<ReleaseRecord | null> {
  const text = await readFile(paths.releaseRecord(version), 'utf8').catch(() => null);
  if (text === null) return null;
  const parsed = parseJson(text, releaseRecordSchema);
  if (!parsed.success) {
    throw new LokiError({
      code: 'deploy.release-record-invalid',
      category: 'internal',
      message: `the release record ${paths.releaseRecord(version)} is damaged: ${parsed.error}; remove it to forget v${version}`,
      details: { project: paths.project, version },
    });
  }
  return parsed.value;
}

/** Every release that was built, oldest first. */
export async function listReleaseRecords(paths: ProjectPaths): Promise<ReleaseRecord[]> {
  const names = await readdir(paths.dir).catch(() => [] as string[]);
  const versions = names
    .map((name) => /^v(\d+)\.json$/.exec(name)?.[1])
    .filter((version): version is string => version !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const records = await Promise.all(versions.map((version) => readReleaseRecord(paths, version)));
  return records.filter((record): record is ReleaseRecord => record !== null);
}

/** The interface's view of a record. */
export function releaseOf(record: ReleaseRecord): Release {
  return {
    project: record.project,
    version: record.version,
    location: record.location,
    builtAt: record.builtAt,
  };
}
