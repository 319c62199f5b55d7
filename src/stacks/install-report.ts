import type { CommandStep, InstallReport } from './stack.ts';
import { capText } from './text-limits.ts';

/** An install report whose `command` and `output` are derived from its steps. */
export function installReport(input: {
  ok: boolean;
  steps: CommandStep[];
  summary: string;
  missing?: string[];
}): InstallReport {
  const failed = input.steps.find((step) => step.exitCode !== 0 || step.timedOut);
  const shown = input.ok ? input.steps.at(-1) : (failed ?? input.steps.at(-1));
  return {
    ok: input.ok,
    steps: input.steps,
    summary: input.summary,
    missing: input.missing ?? [],
    command: input.steps.map((step) => step.command).join(' && '),
    output: capText(
      shown ? `${input.summary}\n\n$ ${shown.command}\n${shown.output}` : input.summary,
    ),
  };
}
