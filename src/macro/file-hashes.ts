import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The files of a tree, by relative path, and one hash for all of them. */
export interface TreeHashes {
  files: Record<string, string>;
  treeHash: string;
}

/** The sha256 hex digest of some bytes. */
export function sha256Of(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * One hash for a set of files: over their paths and contents' hashes, in path order, so the
 * same files give the same hash whatever order they were listed or written in.
 */
export function treeHashOf(files: Readonly<Record<string, string>>): string {
  const lines = Object.keys(files)
    .sort()
    .map((path) => `${files[path]}  ${path}\n`);
  return sha256Of(lines.join(''));
}

/**
 * Hashes the given files of `root` (paths relative to it, as `git ls-files` gives them).
 * The caller decides which files belong to the product; this only reads and hashes them.
 */
export async function hashFiles(root: string, paths: readonly string[]): Promise<TreeHashes> {
  const sorted = [...new Set(paths)].sort();
  const digests = await Promise.all(
    sorted.map(async (path) => [path, sha256Of(await readFile(join(root, path)))] as const),
  );
  const files = Object.fromEntries(digests);
  return { files, treeHash: treeHashOf(files) };
}
