import { basename, extname } from 'node:path';

/**
 * How the audit reads a file. `javascript` and `python` are tokenised, so a character is known
 * to sit in code, a string or a comment; `code` is any other source or configuration (shell,
 * YAML, JSON, Go...), read as a whole; `doc` is prose, where Unicode of every kind is expected.
 */
export type SourceKind = 'javascript' | 'python' | 'code' | 'doc';

const javascript = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);
const python = new Set(['.py', '.pyi', '.pyw']);
const doc = new Set([
  '.md',
  '.markdown',
  '.mdx',
  '.txt',
  '.text',
  '.rst',
  '.adoc',
  '.asciidoc',
  '.org',
  '.csv',
  '.tsv',
  '.log',
  '.po',
  '.pot',
  '.tex',
]);
const docNames =
  /^(?:readme|license|licence|copying|notice|authors|contributors|changelog|changes|history)(?:\.|$)/i;

/** The kind of a file, from its name. Unknown text counts as code: the stricter reading. */
export function sourceKindOf(path: string): SourceKind {
  const extension = extname(path).toLowerCase();
  if (javascript.has(extension)) return 'javascript';
  if (python.has(extension)) return 'python';
  if (doc.has(extension) || (extension === '' && docNames.test(basename(path)))) return 'doc';
  return 'code';
}

/** Whether the kind is a language the audit tokenises. */
export function isTokenised(kind: SourceKind): kind is 'javascript' | 'python' {
  return kind === 'javascript' || kind === 'python';
}
