import { resolve } from 'node:path';
import { secretValuesOf } from '../../core/index.ts';
import { macroPathIn, writeMacroFile } from '../../macro/index.ts';
import { exportRunMacro } from '../../pipeline/index.ts';
import { openJournal } from '../open-journal.ts';
import { macrosDirFor, type MacroOptions } from './macro.ts';

/**
 * `loki macro export <run> [--output FILE]`: a run of the journal as one macro file (by default
 * into the macros folder beside the journal). Keys of the environment are redacted.
 */
export async function macroExportCommand(
  runId: string,
  options: MacroOptions & { output?: string },
): Promise<number> {
  using journal = openJournal(options.journal ?? process.env['LOKI_JOURNAL']);
  const macro = await exportRunMacro({
    journal,
    runId,
    secrets: secretValuesOf(process.env),
  });
  const path = resolve(options.output ?? macroPathIn(macrosDirFor(options), macro.id));
  writeMacroFile(path, macro);
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ id: macro.id, path, treeHash: macro.treeHash, files: Object.keys(macro.files).length })}\n`
      : `${path}\n`,
  );
  return 0;
}
