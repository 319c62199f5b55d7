import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LokiError } from '../core/index.ts';
import { git } from './git.ts';

/**
 * What is never committed, whatever the agents' own .gitignore says: dependencies, caches,
 * build output and local secrets. Kept in `.git/info/exclude`, which every worktree shares.
 */
const alwaysExcluded = [
  'node_modules/',
  '.venv/',
  '__pycache__/',
  '*.pyc',
  '.pytest_cache/',
  'coverage/',
  '.coverage',
  '.loki-cache/',
  '.env',
  '.env.*',
  '!.env.example',
];

/** What a resolver made of a conflicted merge. */
export type ConflictResolution = { resolved: true } | { resolved: false; reason: string };

export type MergeResult =
  | { status: 'merged'; commit: string; conflictedFiles: string[] }
  | { status: 'unresolved'; files: string[]; reason: string };

/**
 * The product: a git repository whose `main` holds the merged work, with one worktree and
 * branch per task beside it. Merges into main happen one at a time, in the order asked.
 */
export class ProductRepository {
  readonly root: string;
  readonly mainBranch: string;
  readonly #worktreesDir: string;
  #mergeQueue: Promise<unknown> = Promise.resolve();
  // Adding and removing worktrees write the shared git directory: one at a time, apart from
  // merges, so a long conflict resolution never holds up other tasks' starts.
  #worktreeQueue: Promise<unknown> = Promise.resolve();

  private constructor(root: string, mainBranch: string, worktreesDir: string) {
    this.root = root;
    this.mainBranch = mainBranch;
    this.#worktreesDir = worktreesDir;
  }

  /** Opens the repository at `root`, creating it (with a first commit) when needed. */
  static async open(root: string, worktreesDir: string): Promise<ProductRepository> {
    await mkdir(root, { recursive: true });
    if (!existsSync(join(root, '.git')))
      await git(root, ['init', '--quiet', '--initial-branch=main']);
    const hasCommit =
      (await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD'], { allowFailure: true }))
        .exitCode === 0;
    if (!hasCommit)
      await git(root, ['commit', '--quiet', '--allow-empty', '-m', 'Start the product']);
    const branch = (await git(root, ['symbolic-ref', '--short', 'HEAD'])).stdout.trim();
    await ensureExcluded(root);
    await mkdir(worktreesDir, { recursive: true });
    // Forget worktrees whose folders are gone (a cleaned state dir), so their branches can be reused.
    await git(root, ['worktree', 'prune']);
    return new ProductRepository(root, branch, worktreesDir);
  }

  branchOf(taskId: string): string {
    return `loki/${taskId}`;
  }

  worktreePathOf(taskId: string): string {
    return join(this.#worktreesDir, taskId);
  }

  /**
   * A worktree for a task on its own branch, from main as it is now (its dependencies merged).
   * An existing one is kept, so a resumed run continues where the task stood.
   */
  createWorktree(taskId: string): Promise<string> {
    const path = this.worktreePathOf(taskId);
    return this.#worktreeWork(async () => {
      if (existsSync(join(path, '.git'))) return path;
      const branch = this.branchOf(taskId);
      await git(this.root, ['worktree', 'add', '--quiet', '-B', branch, path, this.mainBranch]);
      return path;
    });
  }

  removeWorktree(taskId: string): Promise<void> {
    const path = this.worktreePathOf(taskId);
    return this.#worktreeWork(async () => {
      if (existsSync(path)) await git(this.root, ['worktree', 'remove', '--force', path]);
    });
  }

  /** Commits everything in a worktree; returns the commit, or null when nothing changed. */
  async commitAll(worktree: string, message: string): Promise<string | null> {
    await git(worktree, ['add', '--all']);
    const staged = await git(worktree, ['diff', '--cached', '--quiet'], { allowFailure: true });
    if (staged.exitCode === 0) return null;
    await git(worktree, ['commit', '--quiet', '--no-verify', '-m', message]);
    return this.head(worktree);
  }

  async head(directory = this.root): Promise<string> {
    return (await git(directory, ['rev-parse', 'HEAD'])).stdout.trim();
  }

  /**
   * Puts files of a worktree back as main has them (deleting those main does not have):
   * undoes changes a task was not allowed to make. Returns the files restored.
   */
  async restoreFromMain(worktree: string, files: readonly string[]): Promise<string[]> {
    if (files.length === 0) return [];
    const known = (
      await git(worktree, ['ls-tree', '-r', '--name-only', this.mainBranch, '--', ...files])
    ).stdout
      .split('\n')
      .filter(Boolean);
    if (known.length > 0) await git(worktree, ['checkout', this.mainBranch, '--', ...known]);
    const added = files.filter((file) => !known.includes(file));
    await Promise.all(added.map((file) => rm(join(worktree, file), { force: true })));
    return [...files];
  }

  /** Files a worktree changed (committed or not) against main. */
  async changedInWorktree(worktree: string): Promise<string[]> {
    await git(worktree, ['add', '--all']);
    const { stdout } = await git(worktree, ['diff', '--name-only', '--cached', this.mainBranch]);
    return stdout.split('\n').filter(Boolean);
  }

  /** Files a task's branch changed since it left main. */
  async changedFiles(taskId: string): Promise<string[]> {
    const range = `${this.mainBranch}...${this.branchOf(taskId)}`;
    const { stdout } = await git(this.root, ['diff', '--name-only', range]);
    return stdout.split('\n').filter(Boolean);
  }

  /**
   * Merges a task's branch into main, one merge at a time. On a conflict the merge is left in
   * progress in the main worktree and `resolveConflict` is handed the conflicted files (a
   * resolver agent edits them there and checks the result); a resolution that leaves conflict
   * markers, or that gives up, aborts the merge and main stays as it was.
   */
  mergeTask(
    taskId: string,
    message: string,
    resolveConflict: (files: string[]) => Promise<ConflictResolution>,
  ): Promise<MergeResult> {
    return this.#serialised(async () => {
      const result = await git(
        this.root,
        ['merge', '--no-ff', '--no-edit', '-m', message, this.branchOf(taskId)],
        {
          allowFailure: true,
        },
      );
      if (result.exitCode === 0)
        return { status: 'merged', commit: await this.head(), conflictedFiles: [] };
      const files = (await git(this.root, ['diff', '--name-only', '--diff-filter=U'])).stdout
        .split('\n')
        .filter(Boolean);
      if (files.length === 0) {
        await this.abortMerge();
        throw new LokiError({
          code: 'workspace.merge-failed',
          category: 'work-failed',
          message: `merging ${this.branchOf(taskId)} into ${this.mainBranch} failed: ${result.stderr.trim() || result.stdout.trim()}`,
          details: { taskId },
        });
      }
      let resolution: ConflictResolution;
      try {
        resolution = await resolveConflict(files);
      } catch (error) {
        await this.abortMerge();
        throw error;
      }
      const stillMarked = resolution.resolved ? await this.filesWithConflictMarkers(files) : [];
      if (!resolution.resolved || stillMarked.length > 0) {
        await this.abortMerge();
        const reason = resolution.resolved
          ? `conflict markers remain in ${stillMarked.join(', ')}`
          : resolution.reason;
        return { status: 'unresolved', files, reason };
      }
      await git(this.root, ['add', '--all']);
      await git(this.root, ['commit', '--quiet', '--no-verify', '--no-edit']);
      return { status: 'merged', commit: await this.head(), conflictedFiles: files };
    });
  }

  /** Files that still hold conflict markers. */
  async filesWithConflictMarkers(files: readonly string[]): Promise<string[]> {
    const marked: string[] = [];
    for (const file of files) {
      const text = await readFile(join(this.root, file), 'utf8').catch(() => '');
      if (/^(<{7}|={7}|>{7})( |$)/m.test(text)) marked.push(file);
    }
    return marked;
  }

  async abortMerge(): Promise<void> {
    await git(this.root, ['merge', '--abort'], { allowFailure: true });
  }

  /** Runs work that touches main one at a time: a merge and its resolution together. */
  #serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#mergeQueue.then(work, work);
    this.#mergeQueue = next.catch(() => undefined);
    return next;
  }

  #worktreeWork<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#worktreeQueue.then(work, work);
    this.#worktreeQueue = next.catch(() => undefined);
    return next;
  }
}

async function ensureExcluded(root: string): Promise<void> {
  const excludeFile = join(root, '.git', 'info', 'exclude');
  await mkdir(join(root, '.git', 'info'), { recursive: true });
  const current = await readFile(excludeFile, 'utf8').catch(() => '');
  if (current.includes('# loki')) return;
  await (current ? appendFile : writeFile)(
    excludeFile,
    `\n# loki: never committed\n${alwaysExcluded.join('\n')}\n`,
  );
}
