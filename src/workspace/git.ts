import { execFile } from 'node:child_process';
import { LokiError } from '../core/index.ts';

/** Who Loki's commits are by, and a git that ignores the machine's own config and hooks. */
const gitEnvironment: NodeJS.ProcessEnv = {
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  LANG: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Loki',
  GIT_AUTHOR_EMAIL: 'loki@localhost',
  GIT_COMMITTER_NAME: 'Loki',
  GIT_COMMITTER_EMAIL: 'loki@localhost',
  GIT_TERMINAL_PROMPT: '0',
};

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs git in a directory. Resolves with the exit code when `allowFailure` is set (a merge
 * that conflicts is an answer, not an error); otherwise a non-zero exit is a LokiError that
 * carries git's own words.
 */
export function git(
  cwd: string,
  args: readonly string[],
  options: { allowFailure?: boolean } = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: gitEnvironment, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (error && (options.allowFailure !== true || typeof error.code !== 'number')) {
          reject(
            new LokiError({
              code: 'workspace.git-failed',
              category:
                typeof error.code === 'string' && error.code === 'ENOENT'
                  ? 'bad-input'
                  : 'work-failed',
              message:
                typeof error.code === 'string' && error.code === 'ENOENT'
                  ? 'git is not installed; Loki keeps the product in a git repository (apt-get install git)'
                  : `git ${args.join(' ')} failed in ${cwd}: ${stderr.trim() || error.message}`,
              details: { cwd, args, stderr: stderr.slice(0, 2000) },
              cause: error,
            }),
          );
          return;
        }
        resolve({ stdout, stderr, exitCode });
      },
    );
  });
}
