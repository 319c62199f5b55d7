import { LokiError } from '../core/index.ts';
import { exitCodeOfError } from './exit-codes.ts';

/**
 * Tells the person what went wrong and returns the exit status. A LokiError's message is the
 * whole story; anything else is a defect in Loki, reported with its stack.
 */
export function reportError(error: unknown, json: boolean): number {
  const failure = LokiError.isInstance(error)
    ? error
    : new LokiError({
        code: 'internal.unexpected',
        category: 'internal',
        message: `unexpected error (a defect in Loki; please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      });
  if (json) process.stdout.write(`${JSON.stringify({ type: 'error', error: failure.toJSON() })}\n`);
  process.stderr.write(`loki: ${failure.message}\n`);
  return exitCodeOfError(failure);
}
