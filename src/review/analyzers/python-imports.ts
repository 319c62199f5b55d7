import { dirname, posix } from 'node:path';

/**
 * The project files a Python file imports directly (`import a.b`, `from a.b import c`,
 * `from .x import y`), resolved against the files of the project; other imports are packages.
 */
export function pythonImports(
  file: string,
  text: string,
  projectFiles: ReadonlySet<string>,
): string[] {
  const found = new Set<string>();
  const directory = dirname(file) === '.' ? '' : dirname(file);
  for (const match of text.matchAll(
    /^\s*(?:from\s+(\.*)([\w.]*)\s+import\s+([\w, ]+)|import\s+([\w.]+))/gm,
  )) {
    const dots = match[1] ?? '';
    const dotted = match[2] ?? match[4] ?? '';
    let base = '';
    if (dots.length > 0) {
      base = directory;
      for (let up = 1; up < dots.length; up++)
        base = posix.dirname(base) === '.' ? '' : posix.dirname(base);
    }
    const modulePath = posix.join(base, ...dotted.split('.').filter(Boolean));
    const names = (match[3] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const candidates = [
      `${modulePath}.py`,
      posix.join(modulePath, '__init__.py'),
      ...names.map((name) => posix.join(modulePath, `${name}.py`)),
    ];
    for (const candidate of candidates) {
      const normal = posix.normalize(candidate).replace(/^\.\//, '');
      if (projectFiles.has(normal)) found.add(normal);
    }
  }
  found.delete(file);
  return [...found];
}
