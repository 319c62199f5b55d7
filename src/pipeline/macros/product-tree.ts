import { LokiError } from '../../core/index.ts';
import { hashFiles, type TreeHashes } from '../../macro/index.ts';
import { listProjectFiles } from '../../workspace/index.ts';

/**
 * The product's files as git sees them (tracked, and untracked but not ignored), hashed: what a
 * macro records and what a replay must reproduce. Installed dependencies and build output are
 * ignored by the product's own .gitignore and so are not part of it.
 */
export async function productTree(outDir: string): Promise<TreeHashes> {
  let paths: string[];
  try {
    paths = await listProjectFiles(outDir);
  } catch (error) {
    throw new LokiError({
      code: 'macro.product-unreadable',
      category: 'bad-input',
      message: `cannot list the product's files in ${outDir}: ${(error as Error).message}. The run's product must still be there to export it.`,
      details: { outDir },
      cause: error,
    });
  }
  return hashFiles(outDir, paths);
}
