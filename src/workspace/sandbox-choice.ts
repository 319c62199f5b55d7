import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { LokiError } from '../core/index.ts';
import { bwrapBaseFlags } from './bwrap-arguments.ts';
import type { SandboxReport } from './command.ts';

/** How commands are confined: bwrap when it works (`auto`), bwrap or fail, or nothing. */
export type SandboxMode = 'auto' | 'bwrap' | 'none';

/** The sandbox a runner will use, and the bwrap binary when that is bwrap. */
export interface SandboxChoice {
  report: SandboxReport;
  bwrapPath?: string;
}

type ProbeResult = { works: true } | { works: false; reason: string };

/** One probe per bwrap binary per process: whether it works does not change while Loki runs. */
const probes = new Map<string, Promise<ProbeResult>>();

/** The first executable file called `name` in a PATH value. */
export function findOnPath(name: string, pathValue: string | undefined): string | undefined {
  for (const directory of (pathValue ?? '').split(':')) {
    if (directory === '') continue;
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: look in the next directory
    }
  }
  return undefined;
}

/** Runs `true` under the very flags commands get, so a bwrap that would fail is known early. */
function probeBwrap(bwrapPath: string): Promise<ProbeResult> {
  let probe = probes.get(bwrapPath);
  if (probe === undefined) {
    const args = [...bwrapBaseFlags, '--unshare-net', '--', 'true'];
    probe = new Promise((resolve) => {
      execFile(bwrapPath, args, { timeout: 10_000 }, (error, _stdout, stderr) => {
        if (error === null) resolve({ works: true });
        else {
          const said = stderr.trim().split('\n')[0] || error.message;
          resolve({ works: false, reason: `${bwrapPath} does not work here (${said})` });
        }
      });
    });
    probes.set(bwrapPath, probe);
  }
  return probe;
}

async function findWorkingBwrap(
  environment: NodeJS.ProcessEnv,
): Promise<{ bwrapPath: string } | { reason: string }> {
  if (process.platform !== 'linux') {
    return { reason: `bwrap runs on Linux only (this is ${process.platform})` };
  }
  const bwrapPath = findOnPath('bwrap', environment['PATH']);
  if (bwrapPath === undefined) return { reason: 'bwrap not found' };
  const probe = await probeBwrap(bwrapPath);
  return probe.works ? { bwrapPath } : { reason: probe.reason };
}

const bwrapSummary =
  'sandbox: bwrap (filesystem read-only outside the worktree, a private HOME and package caches; network off unless a task allows it)';
const unenforced =
  'commands can write outside the worktree, read files outside it and use the network';

/**
 * Decides the sandbox for a runner, and says in one line what it enforces. `auto` falls back to
 * no sandbox with a warning that names what is not enforced (never a silent downgrade); `bwrap`
 * refuses to run without it (LokiError `workspace.sandbox-unavailable`).
 */
export async function chooseSandbox(
  mode: SandboxMode,
  environment: NodeJS.ProcessEnv,
): Promise<SandboxChoice> {
  if (mode === 'none') {
    return {
      report: {
        kind: 'none',
        summary: `sandbox: none — turned off by configuration: ${unenforced}`,
      },
    };
  }
  const found = await findWorkingBwrap(environment);
  if ('bwrapPath' in found) {
    return { report: { kind: 'bwrap', summary: bwrapSummary }, bwrapPath: found.bwrapPath };
  }
  if (mode === 'bwrap') {
    throw new LokiError({
      code: 'workspace.sandbox-unavailable',
      category: 'bad-input',
      message: `the sandbox "bwrap" was asked for, but ${found.reason}: install bubblewrap (apt-get install bubblewrap), or set the sandbox to "auto" or "none"`,
      details: { reason: found.reason },
    });
  }
  return {
    report: {
      kind: 'none',
      summary: `sandbox: none — ${found.reason}: ${unenforced} (install bubblewrap to enforce)`,
    },
  };
}
