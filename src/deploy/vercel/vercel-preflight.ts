import type { Preflight } from '../deploy-target.ts';
import type { ProgramRunner } from '../target-support/program-runner.ts';

/** What preflight found about Vercel here. */
export interface VercelPreflight extends Preflight {
  /** The CLI's version, or null when there is no CLI. */
  cliVersion: string | null;
  /** The token, when set: every command passes it with `--token`. */
  token: string | null;
}

/**
 * Checks the `vercel` CLI is on PATH and `VERCEL_TOKEN` is set, saying which is missing (both
 * when both are); with both present, asks Vercel who the token belongs to, so a revoked token
 * is found before a build rather than after.
 */
export async function vercelPreflight(
  runner: ProgramRunner,
  env: NodeJS.ProcessEnv,
): Promise<VercelPreflight> {
  const token = env['VERCEL_TOKEN']?.trim() || null;
  const version = await runner.run({ file: 'vercel', args: ['--version'], timeoutMs: 20_000 });
  const problems: string[] = [];
  const cliVersion = version.notFound
    ? null
    : (/\d+\.\d+\.\d+/.exec(`${version.stdout}\n${version.stderr}`)?.[0] ?? null);
  if (version.notFound) {
    problems.push('the vercel CLI is not on PATH; install it with `npm install --global vercel`.');
  } else if (version.exitCode !== 0) {
    problems.push(
      `\`vercel --version\` failed (${version.timedOut ? 'timed out' : `exit ${version.exitCode}`}); reinstall the CLI with \`npm install --global vercel\`.`,
    );
  }
  if (token === null) {
    problems.push(
      'VERCEL_TOKEN is not set; create a token at https://vercel.com/account/tokens and export VERCEL_TOKEN.',
    );
  }
  if (problems.length === 0 && token !== null) {
    const whoami = await runner.run({
      file: 'vercel',
      args: ['whoami', '--token', token],
      timeoutMs: 30_000,
    });
    if (whoami.exitCode !== 0) {
      const why =
        whoami.stderr
          .split('\n')
          .find((line) => /error/i.test(line))
          ?.trim() ?? `exit ${whoami.exitCode}`;
      problems.push(
        `Vercel refused VERCEL_TOKEN (${why}); create a new token at https://vercel.com/account/tokens.`,
      );
    }
  }
  return { ok: problems.length === 0, problems, cliVersion, token };
}
