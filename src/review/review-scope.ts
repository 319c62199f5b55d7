import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LokiError } from '../core/index.ts';
import { git, listProjectFiles } from '../workspace/index.ts';

const sourceFile = /\.(?:[cm]?[jt]s|[jt]sx|py)$/;

/** Whether reviewers read a file: JavaScript, TypeScript and Python sources. */
export function isSourceFile(path: string): boolean {
  return sourceFile.test(path);
}
const maxFileBytes = 512 * 1024;

/** What a review looks at: the product's source files, and what changed since the base. */
export interface ReviewScope {
  root: string;
  /** The revision the diff is from; null reviews the whole tree. */
  base: string | null;
  /** `git diff` since the base (working tree included); empty for a whole-tree review. */
  diff: string;
  /** Source files changed since the base (every source file when there is no base). */
  changedFiles: string[];
  /** Source files added since the base: the diff already shows all of them. */
  addedFiles: string[];
  /** Every source file of the product → its text (files over 512 KiB are left out). */
  texts: Map<string, string>;
}

/**
 * The scope of a review of the git repository at `root`: the diff since `base`, or the whole
 * tree. A directory that is not a git repository or a base git does not know is bad input.
 */
export async function reviewScope(root: string, base: string | null): Promise<ReviewScope> {
  const inside = await git(root, ['rev-parse', '--is-inside-work-tree'], { allowFailure: true });
  if (inside.exitCode !== 0) {
    throw new LokiError({
      code: 'review.not-a-repository',
      category: 'bad-input',
      message: `${root} is not a git repository; the reviewers read a repository's files and diff (git init && git add -A && git commit)`,
      details: { root },
    });
  }
  const files = (await listProjectFiles(root)).filter((file) => sourceFile.test(file));
  const texts = await readTexts(root, files);
  if (base === null)
    return { root, base, diff: '', changedFiles: [...texts.keys()], addedFiles: [], texts };
  const known = await git(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], {
    allowFailure: true,
  });
  if (known.exitCode !== 0) {
    throw new LokiError({
      code: 'review.unknown-base',
      category: 'bad-input',
      message: `--base ${base} is not a revision of ${root}; give a commit, branch or tag (git log --oneline shows them)`,
      details: { root, base },
    });
  }
  const names = async (filter: string) =>
    (await git(root, ['diff', '--name-only', `--diff-filter=${filter}`, '-z', base, '--'])).stdout
      .split('\0')
      .filter(Boolean);
  const untracked = (await git(root, ['ls-files', '--others', '--exclude-standard', '-z'])).stdout
    .split('\0')
    .filter(Boolean);
  const added = new Set(await names('A'));
  const changed = new Set([...(await names('ACMR')), ...untracked]);
  const changedFiles = [...changed].filter((file) => texts.has(file)).sort();
  // The diff of the source files only: reviewers judge code, not lockfiles or docs.
  const diff =
    changedFiles.length === 0
      ? ''
      : withoutGitNoise(
          (await git(root, ['diff', '--no-color', '--unified=3', base, '--', ...changedFiles]))
            .stdout,
        );
  return {
    root,
    base,
    diff,
    changedFiles,
    addedFiles: [...added].filter((file) => texts.has(file)).sort(),
    texts,
  };
}

async function readTexts(root: string, files: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of files) {
    const path = join(root, file);
    try {
      if ((await stat(path)).size > maxFileBytes) continue;
      texts.set(file, await readFile(path, 'utf8'));
    } catch {
      // Listed by git but gone from the working tree (deleted, not staged): nothing to review.
    }
  }
  return texts;
}

/** The diff without the lines a reviewer has no use for: blob hashes and file modes. */
function withoutGitNoise(diff: string): string {
  return diff.replace(
    /^(?:index [0-9a-f]+\.\.[0-9a-f]+.*|(?:new|deleted) file mode \d+|old mode \d+|new mode \d+)\n/gm,
    '',
  );
}
