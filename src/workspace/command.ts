/** One command to run in a workspace: a shell command line, jailed to the workspace. */
export interface CommandSpec {
  /** A shell command line, run by `/bin/sh -c`. */
  command: string;
  /** Where it runs; must be inside the runner's root. Default: the root. */
  cwd?: string;
  /** Default 120 000. On timeout the whole process group is killed. */
  timeoutMs?: number;
  /** Variables added to the scrubbed environment. */
  env?: Record<string, string>;
  /** How much output is kept (head and tail, with a marker between); default 64 KiB. */
  maxOutputBytes?: number;
  /** Whether the command may open network connections (where the sandbox can forbid it). */
  network?: boolean;
  /** Text written to the command's standard input. */
  stdin?: string;
  /** Ends the command early (the run stopped). */
  signal?: AbortSignal;
}

/** What a command did. */
export interface CommandResult {
  command: string;
  /** null when it was killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** stdout and stderr interleaved as they arrived, capped (head and tail kept). */
  output: string;
  /** True when output was cut in the middle to fit the cap. */
  truncated: boolean;
  durationMs: number;
}

/** What a command runner enforces, so it can be said plainly (never a silent downgrade). */
export interface SandboxReport {
  /** `bwrap`: filesystem read-only outside the root, network off unless allowed. */
  kind: 'bwrap' | 'none';
  /** One line for people: which protections are on, which are off and why. */
  summary: string;
}

/** Runs commands inside one directory tree (a task's worktree), with a scrubbed environment. */
export interface CommandRunner {
  readonly root: string;
  readonly sandbox: SandboxReport;
  run(spec: CommandSpec): Promise<CommandResult>;
}
