// Test support for the framework profiles: a small product written to a temporary git
// repository, installed once through its detected stack, then deployed by the local target.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { explainStack, type Stack, type StackDetection } from '../../stacks/index.ts';
import { createCommandRunner, git, type CommandRunner } from '../../workspace/index.ts';

/**
 * Every fixture project carries this `.npmrc`: installs take packages from the shared npm cache
 * when it has them and skip the audit and funding requests, so a test file installs in seconds.
 */
export const cheapInstallNpmrc = 'prefer-offline=true\naudit=false\nfund=false\n';

/** A product in a temporary git repository, its detected stack and a real runner for it. */
export interface ProfileProduct {
  root: string;
  detection: StackDetection;
  stack: Stack;
  runner: CommandRunner;
  /** Commits everything not ignored (the lockfile an install wrote, say) on main. */
  commit(message: string): Promise<void>;
  remove(): void;
}

/** Writes `files`, commits them on main, and detects the product's stack (which must exist). */
export async function profileProduct(files: Record<string, string>): Promise<ProfileProduct> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'loki-profile-')));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  await git(root, ['init', '--quiet', '--initial-branch=main']);
  const commit = async (message: string): Promise<void> => {
    await git(root, ['add', '-A']);
    await git(root, ['commit', '--quiet', '--allow-empty', '-m', message]);
  };
  await commit('the product');
  const detection = await explainStack(root);
  if (detection.stack === null) throw new Error(`no stack detected: ${detection.reason}`);
  return {
    root,
    detection,
    stack: detection.stack,
    runner: await createCommandRunner({ root }),
    commit,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A package.json's text. */
export function packageJsonText(manifest: Record<string, unknown>): string {
  return `${JSON.stringify({ private: true, type: 'module', ...manifest }, null, 2)}\n`;
}
