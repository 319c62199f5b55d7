/**
 * How long each operation's main command may take unless the caller says otherwise. Generous:
 * a cold `npm install` on a slow network, or a large test suite, must not be cut short.
 */
export const defaultTimeouts = {
  installMs: 900_000,
  buildMs: 600_000,
  testMs: 600_000,
  lintMs: 300_000,
  /** Short helper commands: creating a venv, probing an interpreter, writing a coverage report. */
  helperMs: 120_000,
} as const;

/** Environment for tool runs: no colour codes in the output that agents read. */
export const plainOutputEnv: Record<string, string> = { NO_COLOR: '1' };
