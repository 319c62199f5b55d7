import type { ErrorCategory, LokiError } from '../core/index.ts';
import type { RunSummary } from '../events/index.ts';

/** Exit statuses, one meaning each. */
export const exitCodes = {
  ok: 0,
  workFailed: 1,
  badInput: 2,
  serviceFailed: 3,
  limitReached: 4,
  interrupted: 130,
} as const;

const byCategory: Record<ErrorCategory, number> = {
  'bad-input': exitCodes.badInput,
  'work-failed': exitCodes.workFailed,
  'service-failed': exitCodes.serviceFailed,
  'limit-reached': exitCodes.limitReached,
  internal: exitCodes.workFailed,
};

/** The exit status for an error; the one place errors become exit codes. */
export function exitCodeOfError(error: Pick<LokiError, 'code' | 'category'>): number {
  if (error.code === 'run.interrupted') return exitCodes.interrupted;
  return byCategory[error.category];
}

/** The exit status for a finished (or stopped) run. */
export function exitCodeOfRun(summary: RunSummary): number {
  if (summary.status === 'succeeded') return exitCodes.ok;
  if (summary.error) {
    return exitCodeOfError({
      code: summary.error.code,
      category: summary.error.category as ErrorCategory,
    });
  }
  return summary.status === 'stopped' ? exitCodes.limitReached : exitCodes.workFailed;
}
