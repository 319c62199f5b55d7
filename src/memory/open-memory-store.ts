import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { LokiError } from '../core/index.ts';
import type { MemoryStore, MemoryStoreDependencies } from './memory-store.ts';
import { PostgresMemoryStore } from './postgres-memory-store.ts';
import { maskUrl } from './postgres-errors.ts';
import { SqliteMemoryStore } from './sqlite-memory-store.ts';

/** Where a memory store lives. */
export type MemoryLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** What decides the location, most specific first. */
export interface MemoryLocationInput {
  /** A flag or config value: a `postgres://` URL, or the path of a SQLite file. */
  target?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /** The user's home folder (default: the OS's); the default store is `~/.loki/memory.db`. */
  home?: string;
  /** What relative paths are resolved against (default: the working directory). */
  cwd?: string;
}

/**
 * Decides where memory lives: `target` if given, else `LOKI_MEMORY_URL` (a `postgres://` or
 * `postgresql://` URL: the team store), else `LOKI_MEMORY_PATH` (a SQLite file), else
 * `~/.loki/memory.db`, one file shared by every project of the user. Empty values count as
 * unset. Throws `memory.bad-location` for a URL of another kind.
 */
export function resolveMemoryLocation(input: MemoryLocationInput = {}): MemoryLocation {
  const env = input.env ?? {};
  const home = input.home ?? homedir();
  const cwd = input.cwd ?? process.cwd();
  const given = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const target = given(input.target);
  const url = given(env['LOKI_MEMORY_URL']);
  if (target !== undefined) return locationOf(target, 'the memory option', home, cwd);
  if (url !== undefined) {
    if (!isPostgresUrl(url)) {
      throw new LokiError({
        code: 'memory.bad-location',
        category: 'bad-input',
        message: `LOKI_MEMORY_URL must be a postgres:// or postgresql:// URL, not "${maskUrl(url)}"; for a SQLite file set LOKI_MEMORY_PATH instead`,
        details: { variable: 'LOKI_MEMORY_URL' },
      });
    }
    return { kind: 'postgres', url };
  }
  const path = given(env['LOKI_MEMORY_PATH']);
  if (path !== undefined) return locationOf(path, 'LOKI_MEMORY_PATH', home, cwd);
  return { kind: 'sqlite', path: join(home, '.loki', 'memory.db') };
}

/** Opens the store at a location, creating and upgrading it as needed. */
export function openMemoryStore(
  location: MemoryLocation,
  dependencies: MemoryStoreDependencies = {},
): Promise<MemoryStore> {
  if (location.kind === 'postgres') return PostgresMemoryStore.open(location.url, dependencies);
  // A promise either way, so a file that cannot be opened rejects rather than throws.
  return new Promise((resolve) => resolve(SqliteMemoryStore.open(location.path, dependencies)));
}

function locationOf(value: string, source: string, home: string, cwd: string): MemoryLocation {
  if (isPostgresUrl(value)) return { kind: 'postgres', url: value };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new LokiError({
      code: 'memory.bad-location',
      category: 'bad-input',
      message: `${source} must be a postgres:// URL or a file path, not "${maskUrl(value)}"`,
      details: { source },
    });
  }
  const expanded = value === '~' || value.startsWith('~/') ? join(home, value.slice(1)) : value;
  return { kind: 'sqlite', path: resolve(cwd, expanded) };
}

function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}
