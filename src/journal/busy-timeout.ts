/**
 * How long a connection waits for another process's write lock before giving up. A CLI run and
 * a dashboard share one file; writes are short, so seconds are plenty and an error beats a hang.
 */
export const busyTimeoutMs = 5_000;
