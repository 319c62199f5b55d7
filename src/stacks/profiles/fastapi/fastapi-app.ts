import type { PythonSource } from '../../python/python-sources.ts';

/** Where a project's FastAPI application object is defined. */
export interface FastApiApp {
  /** The defining file, relative to the root. */
  file: string;
  /** Its import path for uvicorn: `app.main` for `app/main.py`, `main` for `src/main.py`. */
  module: string;
  /** The variable holding the app, usually `app`. */
  variable: string;
  /** `src` when the module lives under `src/` (uvicorn's `--app-dir`), else null. */
  appDirectory: string | null;
}

const appAssignment = /^(\w+)\s*(?::\s*FastAPI\s*)?=\s*(?:fastapi\.)?FastAPI\(/m;
/** Tests, which mention routes too, are not where the app or its health route is declared. */
export const testFile = /(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.py$|(?:^|\/)tests?\//;

/**
 * The module that creates the FastAPI app (`app = FastAPI(...)`), the shallowest first and
 * tests aside; null when no source file does.
 */
export function findFastApiApp(sources: readonly PythonSource[]): FastApiApp | null {
  for (const source of sources) {
    if (testFile.test(source.path)) continue;
    const variable = appAssignment.exec(source.text)?.[1];
    if (variable === undefined) continue;
    const underSrc = source.path.startsWith('src/');
    const module = (underSrc ? source.path.slice('src/'.length) : source.path)
      .replace(/\.py$/, '')
      .replace(/\/__init__$/, '')
      .replaceAll('/', '.');
    return { file: source.path, module, variable, appDirectory: underSrc ? 'src' : null };
  }
  return null;
}

/** Source files that use FastAPI at all: `from fastapi import …` or `import fastapi`. */
export function fastApiImporters(sources: readonly PythonSource[]): string[] {
  return sources
    .filter((source) => /^\s*(?:from fastapi\b|import fastapi\b)/m.test(source.text))
    .map((source) => source.path);
}
