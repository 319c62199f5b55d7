import { LokiError } from '../core/index.ts';
import { busyTimeoutMs } from './busy-timeout.ts';

/** SQLite's extended result code for a violated FOREIGN KEY constraint. */
const sqliteConstraintForeignKey = 787;
/** SQLite's extended result codes for a violated PRIMARY KEY or UNIQUE constraint. */
const sqliteConstraintUnique = new Set([1555, 2067]);
/** SQLITE_BUSY: the primary code (low byte) of every "locked by another connection" result. */
const sqliteBusy = 5;

/** The error for a run id the journal does not hold; the person can list the ones it does. */
export function runNotFound(runId: string, cause?: unknown): LokiError {
  return new LokiError({
    code: 'journal.run-not-found',
    category: 'bad-input',
    message: `no run "${runId}" in the journal; \`loki runs\` lists the runs it holds`,
    details: { runId },
    cause,
  });
}

/**
 * Translates a failed write (of run `runId`, when known) into the error a person can act on:
 * a foreign-key violation means the run does not exist (`journal.run-not-found`); a busy
 * database means another process held the write lock past the busy timeout (`journal.busy`,
 * retryable). Anything else is returned unchanged.
 */
export function explainWriteError(error: unknown, runId?: string): unknown {
  const code = sqliteErrorCode(error);
  if (code === sqliteConstraintForeignKey && runId !== undefined) return runNotFound(runId, error);
  if (code !== undefined && (code & 0xff) === sqliteBusy) {
    return new LokiError({
      code: 'journal.busy',
      category: 'service-failed',
      isRetryable: true,
      message:
        `the journal stayed locked by another process for over ${busyTimeoutMs} ms` +
        `${runId === undefined ? '' : ` while writing run "${runId}"`}; is another loki ` +
        'process stuck?',
      details: { runId, busyTimeoutMs },
      cause: error,
    });
  }
  return error;
}

/** Whether a failed write broke a PRIMARY KEY or UNIQUE constraint. */
export function isUniqueViolation(error: unknown): boolean {
  const code = sqliteErrorCode(error);
  return code !== undefined && sqliteConstraintUnique.has(code);
}

/**
 * Refuses a count-like argument (a limit, an occurrence) that is not a whole number of at
 * least zero, with `journal.invalid-argument`. A caller bug, so `internal`.
 */
export function assertCount(name: string, value: number): void {
  if (Number.isInteger(value) && value >= 0) return;
  throw new LokiError({
    code: 'journal.invalid-argument',
    category: 'internal',
    message: `${name} must be a whole number of at least 0; got ${String(value)}`,
    details: { name, value },
  });
}

/** node:sqlite puts SQLite's extended result code on `errcode`. */
function sqliteErrorCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' ? code : undefined;
}
