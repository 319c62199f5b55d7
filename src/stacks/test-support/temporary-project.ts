import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createCommandRunner } from '../../workspace/index.ts';
import type { CommandRunner } from '../../workspace/command.ts';

/** A project written to a fresh temporary directory, and a real command runner jailed to it. */
export interface TemporaryProject {
  root: string;
  runner: CommandRunner;
  /** Writes (or overwrites) files, relative to the root. */
  write(files: Record<string, string>): void;
  remove(): void;
}

/**
 * Writes `files` to a new temporary directory and makes Loki's real command runner for it
 * (bwrap where it works here, as in a run), sharing the default package caches between tests.
 */
export async function temporaryProject(files: Record<string, string>): Promise<TemporaryProject> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'loki-stacks-')));
  const write = (more: Record<string, string>): void => {
    for (const [path, content] of Object.entries(more)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  };
  write(files);
  const runner = await createCommandRunner({ root });
  return { root, runner, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}
