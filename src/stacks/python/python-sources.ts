import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readOptionalText } from '../report-directory.ts';
import { skippedDirectories } from './python-project.ts';

const maxDepth = 4;
const maxFiles = 300;

/** One Python source file of the project and its text. */
export interface PythonSource {
  /** Relative to the root, with `/`. */
  path: string;
  text: string;
}

/**
 * The project's own `.py` files (not its venv, dependencies or hidden folders), shallowest
 * first and sorted within a depth, so that `main.py` at the root is met before `tests/…`.
 */
export async function readPythonSources(root: string): Promise<PythonSource[]> {
  const paths: string[] = [];
  let level = [''];
  for (let depth = 0; depth <= maxDepth && level.length > 0 && paths.length < maxFiles; depth++) {
    const next: string[] = [];
    for (const relative of level) {
      const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isFile() && entry.name.endsWith('.py')) paths.push(path);
        else if (
          entry.isDirectory() &&
          !entry.name.startsWith('.') &&
          !skippedDirectories.has(entry.name)
        )
          next.push(path);
      }
    }
    level = next;
  }
  const kept = paths.slice(0, maxFiles);
  const texts = await Promise.all(kept.map((path) => readOptionalText(join(root, path))));
  return kept.map((path, index) => ({ path, text: texts[index] ?? '' }));
}
