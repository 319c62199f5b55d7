import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from './git.ts';
import { ProductRepository } from './product-repository.ts';
import { listProjectFiles } from './project-files.ts';

async function openRepository() {
  const root = mkdtempSync(join(tmpdir(), 'loki-repo-'));
  return ProductRepository.open(join(root, 'product'), join(root, 'worktrees'));
}

describe('ProductRepository (real git)', () => {
  it('creates the repository with a first commit on main, and opens it again as it is', async () => {
    const repository = await openRepository();
    expect(repository.mainBranch).toBe('main');
    const head = await repository.head();
    const again = await ProductRepository.open(
      repository.root,
      join(repository.root, '..', 'worktrees'),
    );
    expect(await again.head()).toBe(head);
  });

  it('gives each task a worktree on its own branch, commits its work and merges it into main', async () => {
    const repository = await openRepository();
    const worktree = await repository.createWorktree('api');
    writeFileSync(join(worktree, 'api.js'), 'export const api = 1;\n');
    const commit = await repository.commitAll(worktree, 'api: add the api');
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await repository.commitAll(worktree, 'nothing')).toBeNull();
    expect(await repository.changedFiles('api')).toEqual(['api.js']);
    const merged = await repository.mergeTask('api', 'Merge api', () =>
      Promise.reject(new Error('no conflict expected')),
    );
    expect(merged).toMatchObject({ status: 'merged', conflictedFiles: [] });
    expect(readFileSync(join(repository.root, 'api.js'), 'utf8')).toBe('export const api = 1;\n');
    // A resumed run finds the worktree where it was.
    expect(await repository.createWorktree('api')).toBe(worktree);
    await repository.removeWorktree('api');
    expect(existsSync(worktree)).toBe(false);
  });

  it('never commits dependencies, caches or .env files, whatever the agents wrote', async () => {
    const repository = await openRepository();
    const worktree = await repository.createWorktree('setup');
    writeFileSync(join(worktree, '.env'), 'JWT_SECRET=hunter2\n');
    writeFileSync(join(worktree, '.env.example'), 'JWT_SECRET=\n');
    writeFileSync(join(worktree, 'index.js'), '1;\n');
    await git(worktree, ['init', '--quiet', 'node_modules/x']).catch(() => undefined);
    await repository.commitAll(worktree, 'setup');
    const { stdout } = await git(worktree, ['ls-files']);
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(['.env.example', 'index.js']);
    expect(await listProjectFiles(worktree)).toEqual(['.env.example', 'index.js']);
  });

  it('hands a conflict to the resolver and commits its resolution', async () => {
    const repository = await openRepository();
    for (const [task, line] of [
      ['one', 'export const greeting = "hello";\n'],
      ['two', 'export const greeting = "bonjour";\n'],
    ] as const) {
      const worktree = await repository.createWorktree(task);
      writeFileSync(join(worktree, 'greeting.js'), line);
      await repository.commitAll(worktree, task);
    }
    await repository.mergeTask('one', 'Merge one', () => Promise.reject(new Error('unexpected')));
    const seen: string[][] = [];
    const result = await repository.mergeTask('two', 'Merge two', (files) => {
      seen.push(files);
      expect(readFileSync(join(repository.root, 'greeting.js'), 'utf8')).toContain('<<<<<<<');
      writeFileSync(
        join(repository.root, 'greeting.js'),
        'export const greeting = "hello, bonjour";\n',
      );
      return Promise.resolve({ resolved: true });
    });
    expect(seen).toEqual([['greeting.js']]);
    expect(result).toMatchObject({ status: 'merged', conflictedFiles: ['greeting.js'] });
    const parents = (
      await git(repository.root, ['rev-list', '--parents', '-n', '1', 'HEAD'])
    ).stdout
      .trim()
      .split(' ');
    expect(parents).toHaveLength(3);
  });

  it('aborts the merge when the resolver gives up or leaves conflict markers, keeping main as it was', async () => {
    const repository = await openRepository();
    for (const [task, line] of [
      ['one', 'a\n'],
      ['two', 'b\n'],
      ['three', 'c\n'],
    ] as const) {
      const worktree = await repository.createWorktree(task);
      writeFileSync(join(worktree, 'f.txt'), line);
      await repository.commitAll(worktree, task);
    }
    await repository.mergeTask('one', 'Merge one', () => Promise.reject(new Error('unexpected')));
    const before = await repository.head();
    const gaveUp = await repository.mergeTask('two', 'Merge two', () =>
      Promise.resolve({ resolved: false, reason: 'both sides are right' }),
    );
    expect(gaveUp).toEqual({
      status: 'unresolved',
      files: ['f.txt'],
      reason: 'both sides are right',
    });
    const markers = await repository.mergeTask('three', 'Merge three', () =>
      Promise.resolve({ resolved: true }),
    );
    expect(markers).toMatchObject({
      status: 'unresolved',
      reason: 'conflict markers remain in f.txt',
    });
    expect(await repository.head()).toBe(before);
    expect(readFileSync(join(repository.root, 'f.txt'), 'utf8')).toBe('a\n');
    expect((await git(repository.root, ['status', '--porcelain'])).stdout).toBe('');
  });
});

describe('ProductRepository scope', () => {
  it('lists what a worktree changed against main and restores files to main', async () => {
    const root = mkdtempSync(join(tmpdir(), 'loki-repo-'));
    const repository = await ProductRepository.open(join(root, 'product'), join(root, 'worktrees'));
    const setup = await repository.createWorktree('setup');
    writeFileSync(join(setup, 'a.js'), 'a\n');
    writeFileSync(join(setup, 'b.js'), 'b\n');
    await repository.commitAll(setup, 'setup');
    await repository.mergeTask('setup', 'Merge setup', () =>
      Promise.reject(new Error('unexpected')),
    );
    const fix = await repository.createWorktree('fix');
    writeFileSync(join(fix, 'a.js'), 'a fixed\n');
    writeFileSync(join(fix, 'b.js'), 'b changed without leave\n');
    writeFileSync(join(fix, 'c.js'), 'new file without leave\n');
    expect(await repository.changedInWorktree(fix)).toEqual(['a.js', 'b.js', 'c.js']);
    await repository.restoreFromMain(fix, ['b.js', 'c.js']);
    expect(readFileSync(join(fix, 'b.js'), 'utf8')).toBe('b\n');
    expect(existsSync(join(fix, 'c.js'))).toBe(false);
    expect(await repository.changedInWorktree(fix)).toEqual(['a.js']);
  });
});
