import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readOptionalText } from './report-directory.ts';

const healthRoute = /['"`](\/(?:api\/)?(?:health|healthz|healthcheck|ping))['"`]/;
const sourceFile = /\.(?:[cm]?[jt]sx?|py)$/;
const sourceDirectories = ['.', 'src', 'app', 'server', 'routes', 'api'];
const maxFilesRead = 60;

/**
 * The health route the code declares (`/health`, `/healthz`, `/api/health`, `/ping`), found by
 * reading the entry files and the top of the usual source folders; `/` when none is mentioned.
 */
export async function guessHealthPath(root: string, entryFiles: string[]): Promise<string> {
  const candidates = new Set(entryFiles);
  for (const directory of sourceDirectories) {
    const names = await readdir(join(root, directory)).catch(() => [] as string[]);
    for (const name of names.filter((entry) => sourceFile.test(entry)).sort()) {
      candidates.add(directory === '.' ? name : `${directory}/${name}`);
    }
  }
  for (const file of [...candidates].slice(0, maxFilesRead)) {
    const match = healthRoute.exec((await readOptionalText(join(root, file))) ?? '');
    if (match?.[1] !== undefined) return match[1];
  }
  return '/';
}
