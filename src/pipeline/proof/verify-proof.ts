import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stableHash } from '../../core/index.ts';
import { detectStack } from '../../stacks/index.ts';
import { createCommandRunner, git, type SandboxMode } from '../../workspace/index.ts';
import { diffHash } from './collect-facts.ts';
import type { Proof } from './proof-schema.ts';

/** One check of a receipt against the world as it is now. */
export interface ProofCheck {
  check: string;
  ok: boolean;
  detail: string;
}

export interface ProofVerification {
  ok: boolean;
  checks: ProofCheck[];
}

/**
 * Re-checks a receipt against its repository: the receipt is unedited (its facts hash), its
 * commits exist, main still ends at its head, the diff hashes the same, and — unless told not
 * to — the tests re-run at its head pass. Every difference is reported as drift.
 */
export async function verifyProof(
  proof: Proof,
  options: { retest?: boolean; sandbox?: SandboxMode; signal?: AbortSignal } = {},
): Promise<ProofVerification> {
  const checks: ProofCheck[] = [];
  const add = (check: string, ok: boolean, detail: string) => checks.push({ check, ok, detail });
  const hash = stableHash(proof.facts);
  add(
    'receipt',
    hash === proof.factsSha256,
    hash === proof.factsSha256
      ? 'facts match their hash'
      : `the facts were edited after the receipt was written (hash ${hash.slice(0, 12)}, receipt says ${proof.factsSha256.slice(0, 12)})`,
  );
  const repository = proof.facts.repository;
  if (!repository) {
    add('repository', false, 'the receipt records no repository: nothing to re-check');
    return { ok: false, checks };
  }
  const { root, base, head, branch } = repository;
  if (!existsSync(join(root, '.git'))) {
    add('repository', false, `${root} is no longer a git repository`);
    return { ok: false, checks };
  }
  const exists = async (commit: string) =>
    (await git(root, ['cat-file', '-e', `${commit}^{commit}`], { allowFailure: true })).exitCode ===
    0;
  const baseExists = await exists(base);
  const headExists = await exists(head);
  add(
    'commits',
    baseExists && headExists,
    [
      baseExists ? `base ${base.slice(0, 12)} exists` : `base ${base} is missing`,
      headExists ? `head ${head.slice(0, 12)} exists` : `head ${head} is missing`,
    ].join('; '),
  );
  const tip = (
    await git(root, ['rev-parse', '--verify', '--quiet', branch], { allowFailure: true })
  ).stdout.trim();
  const onBranch =
    tip === head ||
    (headExists &&
      (await git(root, ['merge-base', '--is-ancestor', head, branch], { allowFailure: true }))
        .exitCode === 0);
  add(
    'branch',
    tip === head,
    tip === head
      ? `${branch} still ends at ${head.slice(0, 12)}`
      : onBranch
        ? `${branch} moved on: ${head.slice(0, 12)} is followed by commits up to ${tip.slice(0, 12)}`
        : `${branch} no longer contains ${head.slice(0, 12)} (now ${tip.slice(0, 12) || 'missing'}): history was rewritten, e.g. a commit amended`,
  );
  if (baseExists && headExists) {
    const diff = await diffHash(root, base, head);
    add(
      'diff',
      diff === repository.diffSha256,
      diff === repository.diffSha256
        ? 'the change hashes as recorded'
        : `the change between base and head hashes ${diff.slice(0, 12)}, the receipt says ${repository.diffSha256.slice(0, 12)}`,
    );
  }
  if (options.retest !== false && headExists) checks.push(await retest(root, head, options));
  return { ok: checks.every((check) => check.ok), checks };
}

/** Runs the product's tests at the receipt's head, in a throwaway worktree. */
async function retest(
  root: string,
  head: string,
  options: { sandbox?: SandboxMode; signal?: AbortSignal },
): Promise<ProofCheck> {
  const directory = await mkdtemp(join(tmpdir(), 'loki-verify-'));
  const worktree = join(directory, 'product');
  await git(root, ['worktree', 'add', '--quiet', '--detach', worktree, head]);
  try {
    const stack = await detectStack(worktree);
    if (!stack)
      return {
        check: 'tests',
        ok: false,
        detail: `no Node or Python project at ${head.slice(0, 12)}`,
      };
    const runner = await createCommandRunner({
      root: worktree,
      sandbox: options.sandbox ?? 'auto',
    });
    const install = await stack.install(runner, { signal: options.signal });
    if (!install.ok)
      return { check: 'tests', ok: false, detail: `installing failed: ${install.summary}` };
    const report = await stack.test(runner, { signal: options.signal });
    const ok = report.ran && report.total > 0 && report.failed === 0 && report.exitCode === 0;
    return {
      check: 'tests',
      ok,
      detail: `\`${report.command}\` at ${head.slice(0, 12)}: ${report.passed}/${report.total} passed${report.total === 0 ? ' (no test ran)' : ''}`,
    };
  } finally {
    await git(root, ['worktree', 'remove', '--force', worktree], { allowFailure: true });
    await rm(directory, { recursive: true, force: true });
  }
}
