import { basename, dirname, extname, posix } from 'node:path';

export type TestLanguage = 'javascript' | 'python';

const javascriptExtensions = new Set([
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
]);
const javascriptTest = /(?:^|\/)__tests__\/|\.(?:test|spec)\.[cm]?[jt]sx?$/;
const javascriptTestFolder = /(?:^|\/)tests?\//;
const pythonTest = /(?:^|\/)test_[^/]*\.py$|_test\.py$/;

/** The language of a source file Loki can analyse, or null. */
export function sourceLanguage(file: string): TestLanguage | null {
  const extension = extname(file);
  if (javascriptExtensions.has(extension)) return 'javascript';
  if (extension === '.py') return 'python';
  return null;
}

/**
 * Whether a file's name alone says it holds tests (`*.test.ts`, `__tests__/`, `test_*.py`):
 * a file in a `test/` folder may also be a helper, and holds tests only if it has some.
 */
export function namedAsTest(file: string): boolean {
  const language = sourceLanguage(file);
  if (language === 'python') return pythonTest.test(file);
  return language === 'javascript' && javascriptTest.test(file);
}

/** Whether a path may hold tests by the conventions of vitest, jest, node:test and pytest. */
export function isTestFile(file: string): boolean {
  const language = sourceLanguage(file);
  if (language === 'python') return pythonTest.test(file);
  if (language === 'javascript')
    return (
      javascriptTest.test(file) || (javascriptTestFolder.test(file) && !file.includes('/fixtures/'))
    );
  return false;
}

/**
 * The module a test file is about, by name: `src/cart.test.ts` → `src/cart`, `tests/test_cart.py`
 * → `cart`. Without extension; null when the name says nothing (`tests/api.js` in a test folder
 * still names `api`).
 */
export function subjectName(testFile: string): string {
  const name = basename(testFile)
    .replace(/\.(?:test|spec)(?=\.[^.]+$)/, '')
    .replace(/^test_/, '')
    .replace(/_test(?=\.py$)/, '');
  return posix.join(dirname(testFile), name.slice(0, name.length - extname(name).length));
}
