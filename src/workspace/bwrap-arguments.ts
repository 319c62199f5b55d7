import { lstatSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * Files and folders under the real HOME that hold credentials tools read on their own: npm and
 * PyPI tokens, git and netrc passwords, SSH, cloud and cluster keys, Loki's own config. Commands
 * get a private HOME, but the filesystem is readable, so these are hidden by name too.
 */
const credentialPaths = [
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '.git-credentials',
  '.ssh',
  '.gnupg',
  '.aws',
  '.azure',
  '.docker',
  '.kube',
  '.config/gcloud',
  '.config/gh',
  '.loki',
];

/** A path hidden inside the sandbox: a file reads as empty, a folder as an empty scratch folder. */
export interface MaskedPath {
  path: string;
  kind: 'file' | 'directory';
}

/** The credential files and folders under `home` that exist, except those inside `keep`. */
export function credentialMasks(home: string | undefined, keep: readonly string[]): MaskedPath[] {
  if (home === undefined || home === '' || home === sep) return [];
  const masks: MaskedPath[] = [];
  for (const name of credentialPaths) {
    let path: string;
    try {
      // Real paths: bwrap mounts over what a symlink points at, and may not follow one itself.
      path = realpathSync.native(join(home, name));
    } catch {
      continue;
    }
    if (keep.some((kept) => path === kept || path.startsWith(kept + sep))) continue;
    masks.push({ path, kind: lstatSync(path).isDirectory() ? 'directory' : 'file' });
  }
  return masks;
}

/** What one sandboxed command may touch. */
export interface BwrapLayout {
  /** The worktree: the one writable tree of the product. */
  root: string;
  cwd: string;
  /** Loki's own writable folders for commands (private HOME, package caches), outside the root. */
  writable: readonly string[];
  /** Folders that must stay visible even under a mask (the Node that commands run on). */
  readable: readonly string[];
  masked: readonly MaskedPath[];
  /** An empty regular file to show in place of masked files (/dev/null would not read: nodev). */
  emptyFile: string;
  network: boolean;
}

/**
 * Mount and namespace flags shared by the probe and every command: the whole filesystem
 * read-only, a private /dev, /proc of a new PID namespace (no view of Loki's own processes or
 * their environment), a private /tmp; every capability dropped, since as root bwrap keeps them
 * and CAP_SYS_ADMIN could remount `/` writable. No `--new-session`: Node's `detached` already
 * gives the command a session without a terminal, and the command must stay in the process
 * group that a timeout kills.
 */
export const bwrapBaseFlags: readonly string[] = [
  '--ro-bind',
  '/',
  '/',
  '--dev',
  '/dev',
  '--proc',
  '/proc',
  '--tmpfs',
  '/tmp',
  '--unshare-pid',
  '--unshare-ipc',
  '--die-with-parent',
  '--cap-drop',
  'ALL',
];

/**
 * bwrap's arguments up to the command itself. Order matters, as mounts apply in order: masks
 * first, then the writable binds, so a worktree or HOME under /tmp or under a masked folder
 * shows through again.
 */
export function bwrapArguments(layout: BwrapLayout): string[] {
  const masks = layout.masked.flatMap((mask) =>
    mask.kind === 'directory' ? ['--tmpfs', mask.path] : ['--ro-bind', layout.emptyFile, mask.path],
  );
  const readable = layout.readable.flatMap((path) => ['--ro-bind', path, path]);
  const writable = [...layout.writable, layout.root].flatMap((path) => ['--bind', path, path]);
  return [
    ...bwrapBaseFlags,
    ...masks,
    ...readable,
    ...writable,
    ...(layout.network ? [] : ['--unshare-net']),
    '--chdir',
    layout.cwd,
    '--',
  ];
}
