import { git } from './git.ts';

/**
 * The project's files as git sees them: tracked plus untracked-but-not-ignored, so .gitignore
 * (and Loki's own exclusions) are respected without a second implementation of its rules.
 */
export async function listProjectFiles(root: string, under = '.'): Promise<string[]> {
  const { stdout } = await git(root, [
    'ls-files',
    '--cached',
    '--others',
    '--exclude-standard',
    '-z',
    '--',
    under,
  ]);
  return [...new Set(stdout.split('\0').filter(Boolean))].sort();
}
