import { resolve } from 'node:path';
import { describeDivergence } from '../../macro/index.ts';
import { replayMacro, type ReplayOutcome } from '../../pipeline/index.ts';
import { exitCodes } from '../exit-codes.ts';
import { openJournal } from '../open-journal.ts';
import { createRunOutput, interruptSignal } from '../run-output.ts';
import { findMacro, type MacroOptions } from './macro.ts';

/**
 * `loki macro replay <macro-or-file> [--out DIR]`: re-executes the recorded run with no model
 * and checks it produces the same files. Exit 0 when identical, 1 at a divergence (named).
 */
export async function macroReplayCommand(
  idOrFile: string,
  options: MacroOptions & { out?: string },
): Promise<number> {
  const macro = findMacro(idOrFile, options);
  const outDir = resolve(options.out ?? `loki-out/replay-${macro.id}`);
  using journal = openJournal(options.journal ?? process.env['LOKI_JOURNAL']);
  const json = options.json === true;
  if (!json) {
    process.stderr.write(
      `Replaying macro ${macro.id}: ${macro.exchanges.length} recorded model replies are served from the macro; no model is called.\n\n`,
    );
  }
  const output = createRunOutput(json);
  const interrupt = interruptSignal();
  let outcome: ReplayOutcome;
  try {
    outcome = await replayMacro(
      { macro, outDir },
      { journal, sinks: output.sinks, signal: interrupt.signal },
    );
  } finally {
    output.stop();
    interrupt.dispose();
  }
  const verdict = outcome.identical ? 'identical' : 'diverged';
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ type: 'replay-finished', ...outcome, summary: undefined, verdict, outDir })}\n`,
    );
  } else {
    if (outcome.divergence)
      process.stderr.write(`\nfirst divergence: ${describeDivergence(outcome.divergence)}\n`);
    process.stdout.write(
      `${outcome.runId} ${verdict} ${outcome.treeHash || '(no files)'} ${outDir}\n`,
    );
  }
  return outcome.identical ? exitCodes.ok : exitCodes.workFailed;
}
