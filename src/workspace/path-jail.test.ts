import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LokiError } from '../core/index.ts';
import { relativeInside, resolveInside } from './path-jail.ts';

let root: string;
let outside: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'loki-jail-root-')));
  outside = realpathSync(mkdtempSync(join(tmpdir(), 'loki-jail-outside-')));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.ts'), 'export {};\n');
  writeFileSync(join(outside, 'secret.txt'), 'secret\n');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function escapeOf(path: string): LokiError {
  try {
    resolveInside(root, path);
  } catch (error) {
    if (LokiError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`${path} was not refused`);
}

describe('resolveInside', () => {
  it('resolves relative and absolute paths inside the root to real absolute paths', () => {
    expect(resolveInside(root, 'src/index.ts')).toBe(join(root, 'src', 'index.ts'));
    expect(resolveInside(root, join(root, 'src'))).toBe(join(root, 'src'));
    expect(resolveInside(root, '.')).toBe(root);
    expect(resolveInside(root, 'src/../src/./index.ts')).toBe(join(root, 'src', 'index.ts'));
  });

  it('allows a new file in new folders when what exists of the path is inside', () => {
    expect(resolveInside(root, 'lib/deep/new.ts')).toBe(join(root, 'lib', 'deep', 'new.ts'));
    expect(resolveInside(root, 'missing/../src/new.ts')).toBe(join(root, 'src', 'new.ts'));
  });

  it('refuses ../ and absolute paths outside, naming the path, the root and the rule', () => {
    const error = escapeOf('../x');
    expect(error.code).toBe('workspace.path-escape');
    expect(error.category).toBe('work-failed');
    expect(error.message).toContain('"../x"');
    expect(error.message).toContain(root);
    expect(error.message).toContain("paths must stay inside the task's worktree");
    expect(escapeOf('/etc/passwd').code).toBe('workspace.path-escape');
    expect(escapeOf('src/../../x').code).toBe('workspace.path-escape');
    expect(escapeOf('missing/../../x').code).toBe('workspace.path-escape');
  });

  it('refuses a symlink in the root that points out, and any path through it', () => {
    symlinkSync(outside, join(root, 'link-to-outside'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'secret-link'));
    expect(escapeOf('link-to-outside').code).toBe('workspace.path-escape');
    expect(escapeOf('link-to-outside/secret.txt').code).toBe('workspace.path-escape');
    expect(escapeOf('link-to-outside/new/file.ts').code).toBe('workspace.path-escape');
    expect(escapeOf('secret-link').code).toBe('workspace.path-escape');
    expect(escapeOf('missing/../link-to-outside/x').code).toBe('workspace.path-escape');
  });

  it('refuses a dangling symlink whose target is outside, since writing would create it', () => {
    symlinkSync(join(outside, 'not-yet.txt'), join(root, 'dangling'));
    expect(escapeOf('dangling').message).toContain(join(outside, 'not-yet.txt'));
  });

  it('follows .. after a symlinked folder as the kernel does, not lexically', () => {
    mkdirSync(join(outside, 'inner'));
    symlinkSync(join(outside, 'inner'), join(root, 'inner-link'));
    // The kernel reads inner-link/.. as the outside folder, not as the root.
    expect(escapeOf('inner-link/../secret.txt').code).toBe('workspace.path-escape');
  });

  it('accepts symlinks that stay inside, resolving them to their target', () => {
    symlinkSync(join(root, 'src'), join(root, 'src-link'));
    expect(resolveInside(root, 'src-link/index.ts')).toBe(join(root, 'src', 'index.ts'));
  });

  it('resolves the root itself through symlinks', () => {
    const rootLink = join(outside, 'root-link');
    symlinkSync(root, rootLink);
    expect(resolveInside(rootLink, 'src/index.ts')).toBe(join(root, 'src', 'index.ts'));
    expect(resolveInside(rootLink, join(rootLink, 'src'))).toBe(join(root, 'src'));
  });

  it('refuses NUL bytes and symlink loops', () => {
    expect(escapeOf('src/index.ts\0.png').message).toContain('NUL byte');
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
    expect(escapeOf('loop-a/x').code).toBe('workspace.path-escape');
  });
});

describe('relativeInside', () => {
  it('shows paths relative to the root, . for the root, and outside paths unchanged', () => {
    expect(relativeInside(root, join(root, 'src', 'index.ts'))).toBe('src/index.ts');
    expect(relativeInside(root, root)).toBe('.');
    expect(relativeInside(root, '/etc/passwd')).toBe('/etc/passwd');
    const rootLink = join(outside, 'root-link');
    symlinkSync(root, rootLink);
    expect(relativeInside(rootLink, join(root, 'src'))).toBe('src');
  });
});
