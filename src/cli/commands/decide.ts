import { recordPersonDecision, resumeRun, type PersonVerdict } from '../../pipeline/index.ts';
import { exitCodeOfRun, exitCodes } from '../exit-codes.ts';
import { openJournal } from '../open-journal.ts';
import { createRunOutput, interruptSignal } from '../run-output.ts';

export interface DecideCommandOptions {
  lesson?: string;
  json?: boolean;
  journal?: string;
}

/**
 * `loki decide <run> <finding> remediate|evolve`: a person's decision on a memory conflict the
 * mediator escalated; once no conflict waits any more, the run resumes from where it paused.
 */
export async function decideCommand(
  runId: string,
  findingId: string,
  verdict: PersonVerdict,
  options: DecideCommandOptions,
): Promise<number> {
  using journal = openJournal(options.journal ?? process.env['LOKI_JOURNAL']);
  const waiting = recordPersonDecision(journal, {
    runId,
    findingId,
    verdict,
    ...(options.lesson === undefined ? {} : { lesson: options.lesson }),
  });
  if (waiting.length > 0) {
    process.stderr.write(
      `loki: decision on ${findingId} recorded; still to decide before run ${runId} resumes: ${waiting.map((debate) => debate.findingId).join(', ')}\n`,
    );
    return exitCodes.ok;
  }
  process.stderr.write(`loki: decision on ${findingId} recorded (${verdict}); resuming ${runId}\n`);
  const output = createRunOutput(options.json === true);
  const interrupt = interruptSignal();
  try {
    const { summary } = await resumeRun(runId, {
      journal,
      env: process.env,
      sinks: output.sinks,
      signal: interrupt.signal,
    });
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
