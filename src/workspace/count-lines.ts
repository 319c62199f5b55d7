import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { git } from './git.ts';

/** Files that are not code anyone wrote: lockfiles and vendored folders. */
const lockfiles = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'Cargo.lock',
  'go.sum',
]);
const vendored = /(^|\/)(node_modules|vendor|third_party|\.venv|dist|build)\//;

/**
 * The size of the code in a repository's committed tree: non-blank lines of tracked text
 * files, leaving out lockfiles, vendored folders and binary files.
 */
export async function countCodeLines(root: string, revision = 'HEAD'): Promise<number> {
  const { stdout } = await git(root, ['ls-tree', '-r', '-z', '--name-only', revision]);
  let lines = 0;
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (lockfiles.has(basename(file)) || vendored.test(file)) continue;
    const content = await readFile(join(root, file)).catch(() => undefined);
    if (!content || content.includes(0)) continue;
    for (const line of content.toString('utf8').split('\n')) if (line.trim() !== '') lines++;
  }
  return lines;
}
