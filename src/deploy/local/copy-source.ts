import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { basename } from 'node:path';
import { LokiError } from '../../core/index.ts';
import { git } from '../../workspace/index.ts';

/** Never copied into a release: history, installed dependencies, caches. */
const skipped = new Set(['.git', 'node_modules', '.venv', '__pycache__', '.pytest_cache', '.loki']);

/**
 * Copies the product into an empty release directory. In a git repository that is the committed
 * `main` (else HEAD), exported with `git archive`: exactly the merged work, never a half-edited
 * file; the commit is returned. A directory outside git is copied as it is, without history,
 * dependencies and caches; null is returned.
 */
export async function copySource(root: string, destination: string): Promise<string | null> {
  const commit = await committedRevision(root);
  if (commit === null) {
    await cp(root, destination, {
      recursive: true,
      filter: (path) => !skipped.has(basename(path)),
    });
    return null;
  }
  await extractArchive(root, commit, destination);
  return commit;
}

async function committedRevision(root: string): Promise<string | null> {
  const inside = await git(root, ['rev-parse', '--show-toplevel'], { allowFailure: true }).catch(
    () => null,
  );
  if (inside === null || inside.exitCode !== 0) return null;
  for (const revision of ['refs/heads/main', 'HEAD']) {
    const found = await git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], {
      allowFailure: true,
    });
    if (found.exitCode === 0) return found.stdout.trim();
  }
  return null;
}

/** `git archive <commit>:<dir> | tar -x -C destination`, for the directory `root` of the repository. */
async function extractArchive(root: string, commit: string, destination: string): Promise<void> {
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).stdout.trim();
  const archive = spawn(
    'git',
    ['archive', '--format=tar', prefix ? `${commit}:${prefix}` : commit],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const tar = spawn('tar', ['-x', '-C', destination], { stdio: ['pipe', 'ignore', 'pipe'] });
  archive.stdout.pipe(tar.stdin);
  let errors = '';
  archive.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  tar.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = (child: ReturnType<typeof spawn>) =>
    new Promise<number | null>((resolve) => {
      child.on('error', (error) => {
        errors += error.message;
        resolve(null);
      });
      child.on('close', (code) => resolve(code));
    });
  const [archiveCode, tarCode] = await Promise.all([exited(archive), exited(tar)]);
  if (archiveCode === 0 && tarCode === 0) return;
  throw new LokiError({
    code: 'deploy.copy-failed',
    category: 'work-failed',
    message: `could not copy commit ${commit.slice(0, 12)} of ${root} into ${destination}: ${errors.trim() || `git exited ${String(archiveCode)}, tar ${String(tarCode)}`}`,
    details: { root, commit, destination },
  });
}
