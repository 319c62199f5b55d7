import { execFile } from 'node:child_process';

/** One program to run directly (no shell): a deploy CLI such as `docker` or `vercel`. */
export interface ProgramSpec {
  file: string;
  args: readonly string[];
  cwd?: string;
  /** Default 60 000. The program is killed when it runs longer. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What the program did. Never throws for a failed program: callers read `exitCode`. */
export interface ProgramResult {
  /** The command line for people, with `--token` values masked. */
  command: string;
  /** null when it did not start or was killed. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The program is not on PATH. */
  notFound: boolean;
}

/** Runs deploy CLIs. Injected into targets so tests can hand in a PATH with fake CLIs. */
export interface ProgramRunner {
  run(spec: ProgramSpec): Promise<ProgramResult>;
}

/** How the real runner is made. */
export interface ProgramRunnerOptions {
  /** The environment the programs see (PATH decides which `docker` runs). Default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

const maxBuffer = 8 * 1024 * 1024;

/** The command line for messages and the journal, never with a token in it. */
export function describeCommand(file: string, args: readonly string[]): string {
  const masked = args.map((arg, index) =>
    args[index - 1] === '--token' ? '***' : arg.replace(/^(--token=).+$/, '$1***'),
  );
  return [file, ...masked]
    .map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replaceAll("'", "'\\''")}'`))
    .join(' ');
}

/** The runner that starts real child processes. */
export function createProgramRunner(options: ProgramRunnerOptions = {}): ProgramRunner {
  return {
    run(spec) {
      const command = describeCommand(spec.file, spec.args);
      return new Promise((resolve) => {
        execFile(
          spec.file,
          spec.args,
          {
            cwd: spec.cwd,
            env: options.env ?? process.env,
            timeout: spec.timeoutMs ?? 60_000,
            maxBuffer,
            signal: spec.signal,
            encoding: 'utf8',
          },
          (error, stdout, stderr) => {
            const failure = error as
              (NodeJS.ErrnoException & { killed?: boolean; code?: unknown }) | null;
            resolve({
              command,
              exitCode:
                failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null,
              stdout,
              stderr,
              timedOut: failure?.killed === true && spec.signal?.aborted !== true,
              notFound: failure?.code === 'ENOENT',
            });
          },
        );
      });
    },
  };
}
