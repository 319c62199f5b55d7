import type { CommandResult } from '../workspace/command.ts';
import type { CommandStep } from './stack.ts';

/** The part of a runner's result that reports carry. */
export function commandStep(result: CommandResult): CommandStep {
  return {
    command: result.command,
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    durationMs: result.durationMs,
    output: result.output,
  };
}

/** True when the command ran to the end and exited 0. */
export function succeeded(result: CommandResult): boolean {
  return result.exitCode === 0 && !result.timedOut;
}
