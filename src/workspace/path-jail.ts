import { readlinkSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LokiError } from '../core/index.ts';

/** Linux's own limit on symlinks followed in one lookup (ELOOP past it). */
const maxSymlinkHops = 40;

function pathEscape(path: string, root: string, resolved?: string): LokiError {
  const what =
    resolved === undefined
      ? `path ${JSON.stringify(path)} contains a NUL byte, which no file name inside the task's worktree "${root}" can hold`
      : `path ${JSON.stringify(path)} resolves to "${resolved}", outside the task's worktree "${root}"`;
  return new LokiError({
    code: 'workspace.path-escape',
    category: 'work-failed',
    message: `${what}: paths must stay inside the task's worktree`,
    details: { path, root, ...(resolved === undefined ? {} : { resolved }) },
  });
}

/** The kernel's resolution of the longest prefix of `segments` that exists, and the rest. */
function longestExistingPrefix(segments: string[]): { existing: string; rest: string[] } {
  for (let length = segments.length; length > 0; length--) {
    try {
      // realpath(3), not Node's JS realpath: that one folds `..` before following symlinks,
      // which is not what the kernel does when the command later opens the path.
      const existing = realpathSync.native(sep + segments.slice(0, length).join(sep));
      return { existing, rest: segments.slice(length) };
    } catch {
      // this prefix does not resolve (missing, not a directory, a symlink loop): try a shorter one
    }
  }
  return { existing: sep, rest: segments };
}

/** Resolves an absolute path as the kernel would, also when its last parts do not exist yet. */
function resolveReal(absolute: string): string | undefined {
  let pending = absolute;
  for (let hop = 0; hop <= maxSymlinkHops; hop++) {
    const segments = pending.split(sep).filter((segment) => segment !== '' && segment !== '.');
    const { existing, rest } = longestExistingPrefix(segments);
    const [next, ...after] = rest;
    if (next === undefined) return existing;
    let target: string | undefined;
    try {
      target = readlinkSync(resolve(existing, next));
    } catch {
      target = undefined;
    }
    if (target !== undefined) {
      // A dangling symlink: writing through it would create its target, wherever that is.
      pending = resolve(existing, target, ...after);
      continue;
    }
    // `next` does not exist, so nothing below it does either: none of them can be a symlink and
    // the rest folds lexically. A `..` may climb back into existing directories: walk again.
    const folded = resolve(existing, ...rest);
    if (!rest.includes('..')) return folded;
    pending = folded;
  }
  return undefined;
}

function isWithin(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Resolves a model-supplied path (relative to `root`, or absolute) to an absolute real path
 * inside `root`, following the symlinks of every existing prefix as the kernel will when the path
 * is used. A path whose last parts do not exist yet is allowed when what exists of it lies inside.
 * Throws a LokiError `workspace.path-escape` for a path outside `root` (`../x`, `/etc/passwd`, a
 * symlink pointing out, a dangling symlink, a NUL byte).
 */
export function resolveInside(root: string, path: string): string {
  if (path.includes('\0')) throw pathEscape(path, root);
  const realRoot = realpathSync.native(root);
  // Joined by hand: resolve() would fold `link/..` lexically, which the kernel does not do.
  const absolute = isAbsolute(path) ? path : `${realRoot}${sep}${path}`;
  const resolved = resolveReal(absolute);
  if (resolved === undefined || !isWithin(realRoot, resolved)) {
    throw pathEscape(path, root, resolved ?? `${absolute} (too many symlinks)`);
  }
  return resolved;
}

/**
 * A path inside `root` as people read it: relative to the root, `.` for the root itself.
 * Meant for display, so it never throws: a path outside the root comes back unchanged.
 */
export function relativeInside(root: string, absolute: string): string {
  const roots = [resolve(root)];
  try {
    roots.unshift(realpathSync.native(root));
  } catch {
    // a root that is gone still names its files well enough for display
  }
  const target = resolve(absolute);
  for (const candidate of roots) {
    if (isWithin(candidate, target)) return relative(candidate, target) || '.';
  }
  return absolute;
}
