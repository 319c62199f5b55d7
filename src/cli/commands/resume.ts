import { resumeRun } from '../../pipeline/index.ts';
import { exitCodeOfRun } from '../exit-codes.ts';
import { openJournal } from '../open-journal.ts';
import { createRunOutput, interruptSignal } from '../run-output.ts';

export interface ResumeCommandOptions {
  model?: string;
  baseUrl?: string;
  maxTime?: string;
  budgetUsd?: number;
  maxLines?: number;
  json?: boolean;
  journal?: string;
}

/** `loki resume <run>`: continue from the last checkpoint, serving answered calls from the journal. */
export async function resumeCommand(runId: string, options: ResumeCommandOptions): Promise<number> {
  using journal = openJournal(options.journal ?? process.env['LOKI_JOURNAL']);
  const output = createRunOutput(options.json === true);
  const interrupt = interruptSignal();
  try {
    const { summary } = await resumeRun(
      runId,
      { journal, env: process.env, sinks: output.sinks, signal: interrupt.signal },
      {
        model: options.model,
        baseUrl: options.baseUrl,
        maxTime: options.maxTime,
        budgetUsd: options.budgetUsd,
        maxLines: options.maxLines,
      },
    );
    output.stop();
    if (!options.json) {
      process.stdout.write(
        `${summary.runId} ${summary.status}${summary.stopReason ? ` (${summary.stopReason})` : ''} ${summary.outDir}\n`,
      );
    }
    return exitCodeOfRun(summary);
  } finally {
    output.stop();
    interrupt.dispose();
  }
}
