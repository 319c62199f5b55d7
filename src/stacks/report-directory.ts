import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** A scratch directory for one run's machine-readable reports, inside the project. */
export interface ReportDirectory {
  /** The project root it belongs to. */
  root: string;
  /** Relative to the project root, for command lines (the runner's cwd is the root). */
  relative: string;
  /** Absolute, for reading what the tools wrote. */
  absolute: string;
}

/**
 * Runs `work` with a fresh report directory under `.loki-cache/stacks/` and removes it after.
 * Reports live inside the project because a sandboxed runner may write nowhere else, and
 * `.loki-cache/` is one of the paths the workspace never commits.
 */
export async function withReportDirectory<T>(
  root: string,
  work: (directory: ReportDirectory) => Promise<T>,
): Promise<T> {
  const relative = `.loki-cache/stacks/${randomUUID()}`;
  const absolute = join(root, relative);
  await mkdir(absolute, { recursive: true });
  try {
    return await work({ root, relative, absolute });
  } finally {
    await rm(absolute, { recursive: true, force: true });
  }
}

/** A file's text, or null when it does not exist (a tool that crashed writes no report). */
export async function readOptionalText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
