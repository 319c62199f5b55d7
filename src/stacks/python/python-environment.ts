import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readOptionalText } from '../report-directory.ts';

/** The project's virtual environment, relative to its root. */
export const venvDirectory = '.venv';

/** The venv's interpreter, relative to the root (commands run from the root). */
export const venvPython = `${venvDirectory}/bin/python`;

/**
 * The interpreter to run a project with before it has a venv: Debian's `/usr/bin/python3` when
 * it exists, because its site-packages hold the apt-installed packages (pytest, coverage,
 * flake8, fastapi, ...); else the first `python3`. Venvs are made from `choosePython`'s pick.
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
 * it can: it must see the system's site-packages, where the apt-installed packages are. Whether
 * it was made from the right interpreter is judged by what it lacks (see python-install.ts).
 */
export async function venvProblem(root: string): Promise<string | null> {
  const config = await readOptionalText(join(root, venvDirectory, 'pyvenv.cfg'));
  if (config === null) return null;
  const setting = /^\s*include-system-site-packages\s*=\s*(.*?)\s*$/m.exec(config)?.[1];
  return setting === 'true' ? null : `${venvDirectory} was made without --system-site-packages`;
}
