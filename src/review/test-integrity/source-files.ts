import { readdir } from 'node:fs/promises';
import { relative, join } from 'node:path';
import { git, listProjectFiles } from '../../workspace/index.ts';
import { sourceLanguage } from './test-file-kind.ts';

const notProductCode =
  /(?:^|\/)(?:node_modules|\.venv|venv|dist|build|coverage|\.git|__pycache__)\//;

/**
 * The JavaScript, TypeScript and Python files of a project: as git sees them in a repository
 * (so .gitignore holds), else by walking the directory without dependencies and build output.
 */
export async function sourceFiles(root: string): Promise<string[]> {
  const inRepository =
    (await git(root, ['rev-parse', '--is-inside-work-tree'], { allowFailure: true })).exitCode ===
    0;
  const files = inRepository ? await listProjectFiles(root) : await walk(root);
  return files.filter((file) => sourceLanguage(file) !== null && !notProductCode.test(file));
}

async function walk(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((file) => !notProductCode.test(`${file}`) && !file.startsWith('.'))
    .sort();
}
