import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readOptionalText } from '../report-directory.ts';

/** A package name as pip compares them: lower case, runs of `-_.` as one dash. */
export function normalizedPackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const requirementLine = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/;
/** A quoted requirement in pyproject.toml or setup.py: `"fastapi>=0.100"`, `'django'`. */
const quotedRequirement =
  /["']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@]|["'])/g;

/**
 * The packages a project's dependency files name, each with the first file naming it, read as
 * text without running Python: `requirements*.txt` lines, and quoted requirements of
 * pyproject.toml and setup.py. Enough to say "this project asks for fastapi"; versions are
 * probe.py's business.
 */
export async function declaredPythonPackages(root: string): Promise<Map<string, string>> {
  const declared = new Map<string, string>();
  const add = (name: string, file: string): void => {
    const normalized = normalizedPackageName(name);
    if (!declared.has(normalized)) declared.set(normalized, file);
  };
  const names = (await readdir(root).catch(() => [] as string[])).sort();
  for (const file of names.filter((name) => /requirements.*\.txt$/.test(name))) {
    for (const line of ((await readOptionalText(join(root, file))) ?? '').split('\n')) {
      if (/^\s*(?:#|-)/.test(line)) continue;
      const match = requirementLine.exec(line);
      if (match?.[1] !== undefined) add(match[1], file);
    }
  }
  for (const file of ['pyproject.toml', 'setup.py', 'setup.cfg']) {
    const text = await readOptionalText(join(root, file));
    if (text === null) continue;
    for (const match of text.matchAll(quotedRequirement)) {
      if (match[1] !== undefined) add(match[1], file);
    }
  }
  return declared;
}
