import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readOptionalText } from '../report-directory.ts';

/** The project's virtual environment, relative to its root. */
export const venvDirectory = '.venv';

/** The venv's interpreter, relative to the root (commands run from the root). */
export const venvPython = `${venvDirectory}/bin/python`;

/**
 * The interpreter to build venvs from: Debian's `/usr/bin/python3` when it exists, because its
 * site-packages hold the apt-installed packages (pytest, coverage, flake8, fastapi, ...) that a
 * `--system-site-packages` venv can then use without reaching PyPI; else the first `python3`.
 */
export function basePython(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

/** The project's venv interpreter once it exists, else the base interpreter. */
export function projectPython(root: string): string {
  return existsSync(join(root, venvPython)) ? venvPython : basePython();
}

/**
 * PYTHONPATH for running a project's code without installing it: the root (flat layout) and
 * `src/` (src layout), absolute so that a test that changes directory still imports.
 */
export function projectPythonPath(root: string): string {
  return [root, ...(existsSync(join(root, 'src')) ? [join(root, 'src')] : [])].join(':');
}

/**
 * Why the project's existing `.venv` cannot serve (an agent may have made its own), or null when
 * it can: it must see the system's site-packages, and be built on `basePython()` when that is
 * Debian's interpreter, whose site-packages hold the apt-installed packages.
 */
export async function venvProblem(root: string): Promise<string | null> {
  const config = await readOptionalText(join(root, venvDirectory, 'pyvenv.cfg'));
  if (config === null) return null;
  const setting = (key: string): string | undefined =>
    new RegExp(`^\\s*${key}\\s*=\\s*(.*?)\\s*$`, 'm').exec(config)?.[1];
  if (setting('include-system-site-packages') !== 'true') {
    return `${venvDirectory} was made without --system-site-packages`;
  }
  const base = basePython();
  const home = setting('home');
  if (base.startsWith('/') && home !== dirname(base)) {
    return `${venvDirectory} was made from the Python in ${home ?? '(unknown)'}, not ${dirname(base)}`;
  }
  return null;
}
